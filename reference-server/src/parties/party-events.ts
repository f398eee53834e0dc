import type { PartyEvent, PartyEventPage } from '@regiekit/sdk/protocol';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';
import type { PartyDirectory } from './party-directory.js';
import type { Metrics } from '../shared/metrics.js';
import type { WebhookSender } from './webhooks.js';

type EventType = PartyEvent['type'];

/**
 * Each party's own event feed, in its own pseudonyms, read with a cursor: a
 * consumer or provider without a public URL polls it and misses nothing.
 * Parties with a webhook also get each event pushed.
 */
export class PartyEvents {
  constructor(
    private readonly clock: Clock,
    private readonly directoryOf?: (tenant: TenantContext) => PartyDirectory,
    private readonly webhooks?: WebhookSender,
    private readonly metrics?: Metrics,
  ) {}

  /** Appends to the party's feed, then (if it has a webhook) delivers it in the background. */
  async emit(tenant: TenantContext, partyId: string, type: EventType, data: PartyEvent['data']): Promise<void> {
    const at = this.clock.now();
    const seq = await tenant.store.partyEvents.append({ partyId, type, data, at });
    if (type.startsWith('consent.')) this.metrics?.consentEvents.inc({ tenant: tenant.settings.id, type });
    const config = this.directoryOf?.(tenant).get(partyId)?.config;
    if (this.webhooks && config?.webhookUrl && config.webhookSecret) {
      this.webhooks.send(
        { url: config.webhookUrl, secret: config.webhookSecret },
        { id: String(seq), type, at: new Date(at).toISOString(), data, tenant: tenant.settings.id },
      );
    }
  }

  async page(
    tenant: TenantContext,
    partyId: string,
    after: string | undefined,
    limit: number,
  ): Promise<PartyEventPage> {
    const afterSeq = Number.parseInt(after ?? '0', 10) || 0;
    const records = await tenant.store.partyEvents.list(partyId, afterSeq, limit);
    return {
      events: records.map((record) => ({
        id: String(record.seq),
        type: record.type,
        at: new Date(record.at).toISOString(),
        data: record.data,
      })),
      cursor: String(records.at(-1)?.seq ?? afterSeq),
    };
  }
}
