import type { PartySummary } from '@regiekit/sdk/protocol';
import type { ConsumerConfig, ProviderConfig } from '../config/schema.js';
import type { TenantSettings } from '../config/resolve-config.js';

export type Party =
  { kind: 'provider'; id: string; config: ProviderConfig } | { kind: 'consumer'; id: string; config: ConsumerConfig };

/** The organisations registered with one tenant, looked up by id. */
export class PartyDirectory {
  private readonly parties = new Map<string, Party>();

  constructor(settings: TenantSettings) {
    for (const config of settings.connect.providers)
      this.parties.set(config.id, { kind: 'provider', id: config.id, config });
    for (const config of settings.connect.consumers)
      this.parties.set(config.id, { kind: 'consumer', id: config.id, config });
  }

  get(id: string): Party | undefined {
    return this.parties.get(id);
  }

  provider(id: string): ProviderConfig | undefined {
    const party = this.parties.get(id);
    return party?.kind === 'provider' ? party.config : undefined;
  }

  consumer(id: string): ConsumerConfig | undefined {
    const party = this.parties.get(id);
    return party?.kind === 'consumer' ? party.config : undefined;
  }

  providers(): ProviderConfig[] {
    return [...this.parties.values()].flatMap((party) => (party.kind === 'provider' ? [party.config] : []));
  }

  /** Every origin a consumer's pages run on: they may follow their consent requests from the browser. */
  consumerOrigins(): string[] {
    return [...this.parties.values()].flatMap((party) =>
      party.kind === 'consumer' ? party.config.allowedOrigins : [],
    );
  }

  /** The consumers that take `serviceType` forwarded by the person, each with what it is for. */
  recipientsOf(serviceType: string): { consumer: ConsumerConfig; accepts: ConsumerConfig['accepts'][number] }[] {
    return [...this.parties.values()].flatMap((party) => {
      const accepts = party.kind === 'consumer' && party.config.accepts.find((a) => a.serviceType === serviceType);
      return accepts && party.kind === 'consumer' ? [{ consumer: party.config, accepts }] : [];
    });
  }

  /** Every origin a provider's portal runs on: they may follow their QR tokens from the browser. */
  portalOrigins(): string[] {
    return this.providers().flatMap((provider) => provider.allowedOrigins);
  }
}

/** How a party is shown to people: its registered name and logo, nothing it sent itself. */
export function partySummary(config: ProviderConfig | ConsumerConfig): PartySummary {
  return { id: config.id, displayName: config.displayName, ...(config.logoUrl && { logoUrl: config.logoUrl }) };
}
