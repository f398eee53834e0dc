import type { ServiceDescription } from '@regiekit/sdk/protocol';
import type { DecodedSignedData } from '@regiekit/sdk/signed-data';
import type { IssueOptions, PartyCredentials } from '../credentials/party-credentials.js';
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
