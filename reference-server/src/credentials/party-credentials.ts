import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { CredentialTemplate, FetchPeriod, PublicEcJwk, ServiceDescription } from '@regiekit/sdk/protocol';
import {
  datesOutside,
  decodeSignedData,
  disclosedFields,
  splitSdJwt,
  type DateSchema,
  type DecodedSignedData,
} from '@regiekit/sdk/signed-data';
import { ApiError } from '../http/api-error.js';
import type { PartyDirectory } from '../parties/party-directory.js';
import type { ProviderOperations } from '../parties/provider-operations.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { StatusLists } from './status-lists.js';

/** Data a party signed for one of its services, checked and read. */
export interface SignedService {
  service: ServiceDescription;
  sdJwt: string;
  decoded: DecodedSignedData;
}

export interface IssueOptions {
  /** Bind it to this key: the server presents it later with a key-binding JWT. */
  holderKey?: PublicEcJwk;
  /** Only these fields (data minimisation); absent: every field of the schema. */
  fields?: string[];
  /** Only data of these days (fetch into an application). */
  period?: FetchPeriod;
}

/** The party answered, but not with what was asked: refused before anyone sees it. */
export class RefusedSignedData extends ApiError {
  constructor(reason: string) {
    super(502, 'upstream_unavailable', `The party's signed data is not what was asked: ${reason}.`);
  }
}

const upstream = (reason: string) => new RefusedSignedData(reason);

/**
 * Gets data from a party as an SD-JWT VC the party signs with its own key,
 * for a template this server sets (issuer, type, status entry, holder key,
 * fields, period), and checks it before anyone sees it: the party's
 * signature, the template, only signed disclosures, no field and no day that
 * was not asked for, and the data against the service's JSON Schema. The one
 * signed-data format of the jobs that carry a party's data to a person (my
 * data) and on to a form (fetch into an application).
 */
export class PartyCredentials {
  private readonly ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
  private readonly validators = new WeakMap<object, ValidateFunction>();

  constructor(
    private readonly deps: {
      operations: ProviderOperations;
      statusLists: StatusLists;
      issuerOf: (tenantId: string, partyId: string) => string;
      directoryOf: (tenant: TenantContext) => PartyDirectory;
    },
  ) {}

  async issue(
    tenant: TenantContext,
    providerId: string,
    service: ServiceDescription,
    customerRef: string,
    options: IssueOptions = {},
  ): Promise<SignedService> {
    const template: CredentialTemplate = {
      issuer: this.deps.issuerOf(tenant.settings.id, providerId),
      vct: service.serviceType,
      status: await this.deps.statusLists.entryFor(tenant, providerId, customerRef, service.serviceType),
      ...(options.holderKey && { holderKey: options.holderKey }),
      ...(options.fields && { fields: options.fields }),
      ...(options.period && { period: options.period }),
    };
    const sdJwt = await this.deps.operations.issue(
      { tenantId: tenant.settings.id, providerId, endpoint: service.operationEndpoint },
      { action: 'issue', customerRef, credentialFor: template },
    );
    const keys = this.deps.directoryOf(tenant).provider(providerId)?.payloadJwks;
    if (!keys) throw upstream('the party has no signing keys registered');
    return { service, sdJwt, decoded: await this.check(sdJwt, template, keys as JSONWebKeySet, service) };
  }

  private async check(
    sdJwt: string,
    template: CredentialTemplate,
    keys: JSONWebKeySet,
    service: ServiceDescription,
  ): Promise<DecodedSignedData> {
    const { jwt, keyBinding } = splitSdJwt(sdJwt);
    if (keyBinding) throw upstream('a presentation instead of a credential');
    try {
      await compactVerify(jwt, createLocalJWKSet(keys), { algorithms: ['ES256'] });
    } catch {
      throw upstream("the signature does not verify with the party's registered keys");
    }
    let decoded: DecodedSignedData;
    let fields: string[];
    try {
      fields = await disclosedFields(sdJwt);
      decoded = await decodeSignedData(sdJwt);
    } catch (error) {
      throw upstream((error as Error).message);
    }
    if (decoded.issuer !== template.issuer || decoded.vct !== template.vct) throw upstream('another issuer or type');
    if (JSON.stringify(decoded.status) !== JSON.stringify(template.status)) throw upstream('another status entry');
    if (
      template.holderKey &&
      (decoded.holderKey?.x !== template.holderKey.x || decoded.holderKey.y !== template.holderKey.y)
    )
      throw upstream('bound to another key');
    const allowed = template.fields ?? Object.keys((service.schema.properties as object | undefined) ?? {});
    const extra = fields.filter((field) => !allowed.includes(field));
    if (extra.length > 0) throw upstream(`fields not asked for: ${extra.join(', ')}`);
    if (template.period) {
      const outside = datesOutside(decoded.data, service.schema as DateSchema, template.period);
      if (outside.length > 0) throw upstream(`data of days not asked for (${outside.length})`);
    }
    const validate = this.validatorOf(service);
    if (!validate(decoded.data))
      throw upstream(`the data does not match its schema (${this.ajv.errorsText(validate.errors)})`);
    // Disclosures come shuffled (as SD-JWT asks of issuers): people read the fields in the schema's order.
    const order = Object.keys((service.schema.properties as object | undefined) ?? {});
    const data = Object.fromEntries(
      Object.entries(decoded.data).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)),
    );
    return { ...decoded, data };
  }

  private validatorOf(service: ServiceDescription): ValidateFunction {
    let validate = this.validators.get(service.schema);
    if (!validate) this.validators.set(service.schema, (validate = this.ajv.compile(service.schema)));
    return validate;
  }
}
