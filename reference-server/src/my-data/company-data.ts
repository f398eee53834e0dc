import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { CredentialTemplate, PublicEcJwk, ServiceDescription } from '@regiekit/sdk/protocol';
import { decodeSignedData, disclosedFields, splitSdJwt, type DecodedSignedData } from '@regiekit/sdk/signed-data';
import type { StatusLists } from '../credentials/status-lists.js';
import { ApiError } from '../http/api-error.js';
import type { PartyDirectory } from '../parties/party-directory.js';
import type { ProviderOperations } from '../parties/provider-operations.js';
import type { TenantContext } from '../tenants/tenant-context.js';

/** A category of a customer's data as the company signed it, checked and read. */
export interface SignedCategory {
  category: ServiceDescription;
  sdJwt: string;
  decoded: DecodedSignedData;
}

const upstream = (reason: string) =>
  new ApiError(502, 'upstream_unavailable', `The company's signed data is not what was asked: ${reason}.`);

/**
 * Gets a customer's data from the company, one category at a time, as an
 * SD-JWT VC the company signs with its own key for the template this server
 * sets (issuer, type, status entry, holder key, fields), and checks it before
 * anyone sees it: the company's signature, the template, only signed
 * disclosures, and the data against the category's JSON Schema.
 */
export class CompanyData {
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

  /** The company's categories of personal data: its service descriptions with a personal-data notice. */
  async categoriesOf(tenant: TenantContext, providerId: string): Promise<ServiceDescription[]> {
    const categories = (await tenant.store.services.latest(providerId)).flatMap((record) =>
      record.description.personalData
        ? [
            {
              ...record.description,
              providerId,
              version: record.version,
              registeredAt: new Date(record.registeredAt).toISOString(),
            },
          ]
        : [],
    );
    // The company's order (the list comes by service type, which people do not read).
    return categories.sort((a, b) => (a.personalData!.order ?? 999) - (b.personalData!.order ?? 999));
  }

  async signed(
    tenant: TenantContext,
    providerId: string,
    category: ServiceDescription,
    customerRef: string,
    options: { holderKey?: PublicEcJwk; fields?: string[] } = {},
  ): Promise<SignedCategory> {
    const template: CredentialTemplate = {
      issuer: this.deps.issuerOf(tenant.settings.id, providerId),
      vct: category.serviceType,
      status: await this.deps.statusLists.entryFor(tenant, providerId, customerRef, category.serviceType),
      ...(options.holderKey && { holderKey: options.holderKey }),
      ...(options.fields && { fields: options.fields }),
    };
    const sdJwt = await this.deps.operations.issue(
      { tenantId: tenant.settings.id, providerId, endpoint: category.operationEndpoint },
      { action: 'issue', customerRef, credentialFor: template },
    );
    const keys = this.deps.directoryOf(tenant).provider(providerId)?.payloadJwks;
    if (!keys) throw upstream('the company has no signing keys registered');
    return { category, sdJwt, decoded: await this.check(sdJwt, template, keys as JSONWebKeySet, category) };
  }

  private async check(
    sdJwt: string,
    template: CredentialTemplate,
    keys: JSONWebKeySet,
    category: ServiceDescription,
  ): Promise<DecodedSignedData> {
    const { jwt, keyBinding } = splitSdJwt(sdJwt);
    if (keyBinding) throw upstream('a presentation instead of a credential');
    try {
      await compactVerify(jwt, createLocalJWKSet(keys), { algorithms: ['ES256'] });
    } catch {
      throw upstream("the signature does not verify with the company's registered keys");
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
    const allowed = template.fields ?? Object.keys((category.schema.properties as object | undefined) ?? {});
    const extra = fields.filter((field) => !allowed.includes(field));
    if (extra.length > 0) throw upstream(`fields not asked for: ${extra.join(', ')}`);
    const validate = this.validatorOf(category);
    if (!validate(decoded.data))
      throw upstream(`the data does not match its schema (${this.ajv.errorsText(validate.errors)})`);
    // Disclosures come shuffled (as SD-JWT asks of issuers): people read the fields in the schema's order.
    const order = Object.keys((category.schema.properties as object | undefined) ?? {});
    const data = Object.fromEntries(
      Object.entries(decoded.data).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)),
    );
    return { ...decoded, data };
  }

  private validatorOf(category: ServiceDescription): ValidateFunction {
    let validate = this.validators.get(category.schema);
    if (!validate) this.validators.set(category.schema, (validate = this.ajv.compile(category.schema)));
    return validate;
  }
}
