import type { PartySummary, Purpose } from '@regiekit/sdk/protocol';
import type { ServerSigner } from '../tenants/server-signer.js';
import type { TenantContext } from '../tenants/tenant-context.js';

export interface ReceiptFacts {
  receiptId: string;
  tenantId: string;
  consentId: string;
  consumer: PartySummary;
  /** The consumer's pseudonym of the user: the receipt names nobody. */
  subject: string;
  providers: PartySummary[];
  purpose: Purpose;
  serviceType: string;
  fields: string[];
  mode: 'one-off' | 'recurring';
  validUntil: number;
  givenAt: number;
  /** A transfer the person started (AVG art. 20), rather than a request of the recipient. */
  initiatedBy?: 'data-subject';
  /** SHA-256 (base64url) of exactly the signed data that goes, when the server holds it. */
  contentDigest?: string;
}

/**
 * A consent receipt after ISO/IEC 27560 (and the Kantara receipt before it):
 * who, what, why, how long, when, signed by the server as a compact JWS that
 * anyone can check against `/.well-known/jwks.json`, for years.
 */
export function signReceipt(
  signer: ServerSigner,
  tenant: TenantContext,
  issuer: string,
  facts: ReceiptFacts,
): Promise<string> {
  return signer.sign(
    tenant,
    {
      receipt_version: 'regiekit-consent-receipt/1',
      receipt_id: facts.receiptId,
      tenant: facts.tenantId,
      consent_id: facts.consentId,
      consent_type: 'explicit',
      notice: 'Given on the regiekit server, confirmed with the user’s passkey.',
      data_subject: { pseudonym: facts.subject, of: facts.consumer.id },
      recipient: facts.consumer,
      sources: facts.providers,
      purpose: facts.purpose,
      data: {
        service_type: facts.serviceType,
        fields: facts.fields,
        ...(facts.contentDigest && { content_sha256: facts.contentDigest }),
      },
      ...(facts.initiatedBy && { initiated_by: facts.initiatedBy }),
      term: { mode: facts.mode, valid_until: new Date(facts.validUntil).toISOString() },
      given_at: new Date(facts.givenAt).toISOString(),
    },
    { issuer, subject: facts.subject, type: 'consent-receipt+jwt' },
  );
}
