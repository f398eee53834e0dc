import type { Purpose } from '@regiekit/sdk/protocol';
import { pairwiseSubject } from '../accounts/pairwise-subjects.js';
import { randomToken } from '../crypto/random.js';
import { partySummary, type PartyDirectory } from '../parties/party-directory.js';
import type { PartyEvents } from '../parties/party-events.js';
import type { Clock } from '../shared/clock.js';
import type { DataReferenceRecord } from '../storage/consent-store.js';
import type { ServerSigner } from '../tenants/server-signer.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import { signReceipt } from './consent-receipts.js';

/**
 * The operation id of a data reference whose data the server itself holds
 * until the recipient fetches it (a forward), instead of asking the provider
 * at each call: `held:<id of what is held>`.
 */
const HELD = 'held:';
export const heldOperation = (heldId: string) => `${HELD}${heldId}`;
export const heldIdOf = (operationId: string) =>
  operationId.startsWith(HELD) ? operationId.slice(HELD.length) : undefined;

export interface HeldConsentFacts {
  consumerId: string;
  userId: string;
  providerId: string;
  /** The connection the data comes over; '' when the provider identified the person itself (a fetch). */
  connectionId: string;
  serviceType: string;
  purpose: Purpose;
  fields: string[];
  /** Not fetched by then: the consent expires and what is held is deleted. */
  validUntil: number;
  /** What the server holds for the recipient (the forward's or the fetch's id). */
  heldId: string;
  contentDigest: string;
  /**
   * Who started it and what the recipient is told: a forward the person
   * started (`data.forwarded`), or a fetch the consumer asked for
   * (`consent.accepted` naming the fetch).
   */
  origin: { by: 'data-subject' } | { by: 'consumer'; fetchId: string };
}

/**
 * A one-off consent whose one data reference points at what the server
 * holds instead of an operation at the provider: data the person forwards on
 * their own initiative (AVG art. 20), or data a form asked for that the
 * person fetched, saw and added. Accepted when confirmed, with the same
 * receipt, use log, overview and revocation as any other consent.
 */
export class HeldConsents {
  constructor(
    private readonly deps: {
      publicUrl: string;
      clock: Clock;
      events: PartyEvents;
      signer: ServerSigner;
      directoryOf: (tenant: TenantContext) => PartyDirectory;
    },
  ) {}

  async give(tenant: TenantContext, facts: HeldConsentFacts): Promise<{ consentId: string; referenceId: string }> {
    const now = this.deps.clock.now();
    const directory = this.deps.directoryOf(tenant);
    const consumer = directory.consumer(facts.consumerId)!;
    const provider = directory.provider(facts.providerId)!;
    const sub = await pairwiseSubject(tenant, facts.consumerId, facts.userId, now);
    const consentId = randomToken(16);
    const referenceId = randomToken(16);
    await tenant.store.consents.insert({
      consentId,
      consumerId: facts.consumerId,
      userId: facts.userId,
      sub,
      serviceType: facts.serviceType,
      purpose: facts.purpose,
      fields: facts.fields,
      providerChoice: [facts.providerId],
      mode: 'one-off',
      validUntil: facts.validUntil,
      state: 'requested',
      // Nobody follows a forward with a status token: a random hash nobody holds the token of.
      statusTokenHash: randomToken(32),
      returnUrl: null,
      stateSealed: null,
      createdAt: now,
      requestExpiresAt: now + 60_000,
      decidedAt: null,
      receipt: null,
      endedBy: null,
    });
    const reference: DataReferenceRecord = {
      referenceId,
      consentId,
      connectionId: facts.connectionId,
      providerId: facts.providerId,
      operationSealed: tenant.crypto.sealSecret(heldOperation(facts.heldId), referenceId),
      createdAt: now,
    };
    const receipt = await signReceipt(this.deps.signer, tenant, this.deps.publicUrl, {
      receiptId: randomToken(16),
      tenantId: tenant.settings.id,
      consentId,
      consumer: partySummary(consumer),
      subject: sub,
      providers: [partySummary(provider)],
      purpose: facts.purpose,
      serviceType: facts.serviceType,
      fields: facts.fields,
      mode: 'one-off',
      validUntil: facts.validUntil,
      givenAt: now,
      ...(facts.origin.by === 'data-subject' && { initiatedBy: 'data-subject' as const }),
      contentDigest: facts.contentDigest,
    });
    await tenant.store.consents.accept(consentId, [reference], receipt, now);
    const references = [{ referenceId, providerId: facts.providerId }];
    if (facts.origin.by === 'data-subject')
      await this.deps.events.emit(tenant, facts.consumerId, 'data.forwarded', { consentId, sub, references });
    else
      await this.deps.events.emit(tenant, facts.consumerId, 'consent.accepted', {
        consentId,
        sub,
        references,
        fetchId: facts.origin.fetchId,
      });
    return { consentId, referenceId };
  }
}
