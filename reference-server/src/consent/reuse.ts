import type { ReuseResult } from '@regiekit/sdk/protocol';
import { ApiError, notFound } from '../http/api-error.js';
import type { Metrics } from '../shared/metrics.js';
import type { PartyEvents } from '../parties/party-events.js';
import type { ConsentRecord, DataReferenceRecord } from '../storage/consent-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';
import type { ConsentService } from './consent-service.js';
import type { ProviderOperations } from '../parties/provider-operations.js';
import { heldIdOf } from './held-consents.js';

const NOT_ACTIVE: Record<string, string> = {
  revoked: 'The user has revoked this consent.',
  expired: 'This consent has expired.',
  used: 'This one-off consent has been used.',
  rejected: 'The user refused this consent.',
  requested: 'The user has not decided yet.',
};

/**
 * Data reuse: the consumer calls a data reference; at that moment the server
 * checks the consent (accepted, in term, not revoked, one-off unused) and the
 * connection, then asks the provider and passes its signed payload back
 * unchanged. Nothing is cached and no payload is stored; every call, whatever
 * its outcome, goes in the use log.
 */
export class Reuse {
  constructor(
    private readonly clock: Clock,
    private readonly consents: ConsentService,
    private readonly operations: ProviderOperations,
    private readonly events: PartyEvents,
    private readonly metrics?: Metrics,
  ) {}

  async call(
    tenant: TenantContext,
    consumerId: string,
    referenceId: string,
    input?: Record<string, unknown>,
  ): Promise<ReuseResult> {
    return this.use(tenant, consumerId, referenceId, 'operation', async ({ consent, reference, operationId }) => {
      const endpoint = await this.consents.endpointOf(tenant, reference.providerId, consent.serviceType);
      if (!endpoint) throw new ApiError(502, 'upstream_unavailable', 'The creditor no longer offers this service.');
      // The provider signs the payload for exactly this call: the consumer, the reference, the consented fields.
      const jws = await this.operations.execute(
        { tenantId: tenant.settings.id, providerId: reference.providerId, endpoint },
        operationId,
        {
          consumerId: consent.consumerId,
          referenceId,
          serviceType: consent.serviceType,
          fields: consent.fields,
        },
        input,
      );
      return {
        referenceId,
        providerId: reference.providerId,
        serviceType: consent.serviceType,
        jws,
        fields: consent.fields,
      };
    });
  }

  /**
   * The same checks and log for a reference whose data the server holds (a
   * forward): `deliver` hands over what is held under `heldId`, once.
   */
  deliverHeld<T>(
    tenant: TenantContext,
    consumerId: string,
    referenceId: string,
    deliver: (use: { heldId: string; consent: ConsentRecord; reference: DataReferenceRecord }) => Promise<T>,
  ): Promise<T> {
    return this.use(tenant, consumerId, referenceId, 'held', ({ operationId, consent, reference }) =>
      deliver({ heldId: heldIdOf(operationId)!, consent, reference }),
    );
  }

  private async use<T>(
    tenant: TenantContext,
    consumerId: string,
    referenceId: string,
    kind: 'operation' | 'held',
    run: (use: { consent: ConsentRecord; reference: DataReferenceRecord; operationId: string }) => Promise<T>,
  ): Promise<T> {
    const reference = await tenant.store.consents.reference(referenceId);
    const stored = reference && (await tenant.store.consents.get(reference.consentId));
    // Another consumer's reference is as unknown as one that does not exist.
    if (!reference || !stored || stored.consumerId !== consumerId) throw notFound('data reference');
    const operationId = tenant.crypto.openSecret(reference.operationSealed, referenceId);
    const held = heldIdOf(operationId) !== undefined;
    if (held && kind === 'operation')
      throw new ApiError(
        409,
        'conflict',
        'This reference is a forward: fetch it once at /consumer/forwards/{referenceId}.',
      );
    if (!held && kind === 'held')
      throw new ApiError(
        409,
        'conflict',
        'This reference is not a forward: call it at /consumer/references/{referenceId}.',
      );
    const consent = await this.consents.current(tenant, stored);
    await this.refuseUnlessActive(tenant, consent, reference);
    // One-off: each reference gives its data once; the consent is used when all have.
    const claimed =
      consent.mode === 'one-off' && (await tenant.store.consents.claimReference(referenceId, this.clock.now()));
    if (consent.mode === 'one-off' && !claimed) await this.refuse(tenant, consent, reference, 'used');

    try {
      const result = await run({ consent, reference, operationId });
      await this.log(tenant, consent, reference, 'ok');
      if (claimed) {
        // This reference's purpose is over: its provider may drop the operation.
        await this.consents.releaseOperations(tenant, [reference], consent.serviceType);
        if (await tenant.store.consents.markUsedIfSpent(consent.consentId)) {
          await this.events.emit(tenant, consent.consumerId, 'consent.used', {
            consentId: consent.consentId,
            sub: consent.sub,
          });
        }
      }
      return result;
    } catch (error) {
      // A failed call does not use up a one-off consent. Only the creditor's failure is logged as its error.
      if (claimed) await tenant.store.consents.releaseReference(referenceId);
      if (isUpstreamFailure(error)) await this.log(tenant, consent, reference, 'provider-error');
      throw error;
    }
  }

  private async refuseUnlessActive(
    tenant: TenantContext,
    consent: ConsentRecord,
    reference: DataReferenceRecord,
  ): Promise<void> {
    if (consent.state !== 'accepted') await this.refuse(tenant, consent, reference, consent.state);
    // Held data a source gave after identifying the person itself (a fetch) came over no connection.
    if (
      reference.connectionId === '' &&
      heldIdOf(tenant.crypto.openSecret(reference.operationSealed, reference.referenceId))
    )
      return;
    const connection = await tenant.store.connections.get(reference.connectionId);
    if (connection?.status !== 'active') {
      await this.consents.connectionEnded(tenant, reference.connectionId);
      await this.refuse(tenant, consent, reference, 'revoked');
    }
  }

  private async refuse(
    tenant: TenantContext,
    consent: ConsentRecord,
    reference: DataReferenceRecord,
    state: string,
  ): Promise<never> {
    await this.log(tenant, consent, reference, 'refused');
    throw new ApiError(403, 'consent_not_active', NOT_ACTIVE[state] ?? 'This consent is not active.', [
      { path: 'state', message: state },
    ]);
  }

  private log(
    tenant: TenantContext,
    consent: ConsentRecord,
    reference: DataReferenceRecord,
    outcome: 'ok' | 'refused' | 'provider-error',
  ): Promise<void> {
    this.metrics?.reuses.inc({ tenant: tenant.settings.id, outcome });
    return tenant.store.consents.appendUse({
      consentId: consent.consentId,
      referenceId: reference.referenceId,
      consumerId: consent.consumerId,
      providerId: reference.providerId,
      at: this.clock.now(),
      outcome,
    });
  }
}

/** The creditor did not answer, answered late, or answered outside the contract. */
function isUpstreamFailure(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'upstream_unavailable' || error.code === 'upstream_timeout');
}
