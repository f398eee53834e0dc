import type { ServiceDescription } from '@regiekit/sdk/protocol';
import type { DecodedSignedData } from '@regiekit/sdk/signed-data';
import type { IssueOptions, PartyCredentials } from '../credentials/party-credentials.js';
import { ApiError } from '../http/api-error.js';
import { serviceDescriptionOf } from '../storage/connect-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';

/** A category of a customer's data as the company signed it, checked and read. */
export interface SignedCategory {
  category: ServiceDescription;
  sdJwt: string;
  decoded: DecodedSignedData;
}

/**
 * A customer's data at the company, one category (a service with a
 * personal-data notice) at a time, signed by the company in the signed-data
 * format and checked before anyone sees it.
 */
export class CompanyData {
  constructor(private readonly deps: { credentials: PartyCredentials }) {}

  /** The company's categories of personal data: its service descriptions with a personal-data notice. */
  async categoriesOf(tenant: TenantContext, providerId: string): Promise<ServiceDescription[]> {
    const categories = (await tenant.store.services.latest(providerId)).flatMap((record) =>
      record.description.personalData ? [serviceDescriptionOf(record)] : [],
    );
    // The company's order (the list comes by service type, which people do not read).
    return categories.sort((a, b) => (a.personalData!.order ?? 999) - (b.personalData!.order ?? 999));
  }

  /**
   * What a customer asked to take elsewhere (a forward to a recipient, a credential for their wallet),
   * checked: a category of this company, portable under AVG art. 20, and only fields it has. Anything
   * else is a 400 naming the path; `what` names the request in its message ("The forward").
   */
  async portable(
    tenant: TenantContext,
    providerId: string,
    ask: { serviceType: string; fields: readonly string[] },
    what: string,
  ): Promise<{ category: ServiceDescription; fields: string[] }> {
    const invalid = (path: string, message: string) =>
      new ApiError(400, 'validation_failed', `${what} is not valid.`, [{ path, message }]);
    const category = (await this.categoriesOf(tenant, providerId)).find(
      (candidate) => candidate.serviceType === ask.serviceType,
    );
    if (!category) throw invalid('serviceType', 'not a category of personal data of this company');
    if (!category.personalData!.portable)
      throw invalid('serviceType', 'this data is not portable (AVG art. 20): it cannot be taken elsewhere');
    const known = Object.keys((category.schema.properties as object | undefined) ?? {});
    const fields = [...new Set(ask.fields)];
    const unknown = fields.filter((field) => !known.includes(field));
    if (unknown.length > 0) throw invalid('fields', `not in this category: ${unknown.join(', ')}`);
    return { category, fields };
  }

  /** A category signed by the company for this customer, checked (see PartyCredentials). */
  async signed(
    tenant: TenantContext,
    providerId: string,
    category: ServiceDescription,
    customerRef: string,
    options: IssueOptions = {},
  ): Promise<SignedCategory> {
    const { sdJwt, decoded } = await this.deps.credentials.issue(tenant, providerId, category, customerRef, options);
    return { category, sdJwt, decoded };
  }
}
