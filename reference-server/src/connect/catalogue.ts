import type {
  Catalogue as CatalogueView,
  CatalogueEntry,
  ServiceDescription,
  ServiceDescriptionInput,
} from '@regiekit/sdk/protocol';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ApiError } from '../http/api-error.js';
import { partySummary, type PartyDirectory } from '../parties/party-directory.js';
import { serviceDescriptionOf } from '../storage/connect-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';

const invalid = (path: string, message: string) =>
  new ApiError(400, 'validation_failed', 'The service description is not valid.', [{ path, message }]);

/** Loopback operation endpoints are for local development and the demo only. */
const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/**
 * The service catalogue: providers describe the data they offer (a service
 * type URL, a JSON Schema with a label per field, the operation endpoint,
 * one-off and/or recurring); consumers read which providers offer what.
 * Every change is a new version; earlier versions stay readable.
 */
export class Catalogue {
  // Compiling checks the schema against the JSON Schema 2020-12 meta-schema; formats are annotations here.
  private readonly ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: false });

  constructor(
    private readonly publicUrl: string,
    private readonly clock: Clock,
    private readonly directoryOf: (tenant: TenantContext) => PartyDirectory,
    private readonly allowLoopbackEndpoints: boolean,
  ) {}

  async register(
    tenant: TenantContext,
    providerId: string,
    input: ServiceDescriptionInput,
  ): Promise<ServiceDescription> {
    this.check(input);
    const record = await tenant.store.services.register(providerId, input.serviceType, input, this.clock.now());
    return serviceDescriptionOf(record);
  }

  async ofProvider(tenant: TenantContext, providerId: string): Promise<ServiceDescription[]> {
    return (await tenant.store.services.latest(providerId)).map(serviceDescriptionOf);
  }

  async view(tenant: TenantContext): Promise<CatalogueView> {
    const directory = this.directoryOf(tenant);
    const entries = new Map<string, CatalogueEntry>();
    for (const record of await tenant.store.services.latest()) {
      const provider = directory.provider(record.providerId);
      if (!provider) continue;
      const description = record.description;
      const entry = entries.get(record.serviceType) ?? {
        serviceType: record.serviceType,
        title: description.title,
        fields: Object.entries(description.fieldLabels).map(([name, label]) => ({ name, label })),
        ...(description.personalData?.itemLabels && { itemLabels: description.personalData.itemLabels }),
        modes: description.modes,
        providers: [],
      };
      entry.providers.push({
        ...partySummary(provider),
        version: record.version,
        schema: description.schema,
        jwksUrl: `${this.publicUrl}/api/v1/${tenant.settings.id}/providers/${provider.id}/jwks.json`,
      });
      entries.set(record.serviceType, entry);
    }
    return { services: [...entries.values()], providers: directory.providers().map(partySummary) };
  }

  private check(input: ServiceDescriptionInput): void {
    try {
      this.ajv.compile(input.schema);
    } catch (error) {
      throw invalid('schema', `not a valid JSON Schema: ${(error as Error).message}`);
    }
    const properties = input.schema.properties;
    if (
      input.schema.type !== 'object' ||
      typeof properties !== 'object' ||
      properties === null ||
      Object.keys(properties).length === 0
    ) {
      throw invalid('schema', 'the schema must describe an object with properties (the fields a consent can ask for)');
    }
    const fields = Object.keys(properties);
    const unlabelled = fields.filter((field) => !(field in input.fieldLabels));
    if (unlabelled.length > 0)
      throw invalid('fieldLabels', `every field needs a label (nl and en); missing: ${unlabelled.join(', ')}`);
    const unknown = Object.keys(input.fieldLabels).filter((field) => !fields.includes(field));
    if (unknown.length > 0)
      throw invalid('fieldLabels', `labels for fields the schema does not have: ${unknown.join(', ')}`);
    const endpoint = new URL(input.operationEndpoint);
    if (endpoint.protocol !== 'https:' && !(this.allowLoopbackEndpoints && isLoopback(endpoint))) {
      throw invalid('operationEndpoint', 'must be https');
    }
    if (new Set(input.modes).size !== input.modes.length) throw invalid('modes', 'each mode once');
  }
}
