import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type {
  FlowOutcome,
  ForwardDecisionView,
  ForwardedData,
  ForwardRecipient,
  ForwardRequest,
  PublicEcJwk,
} from '@regiekit/sdk/protocol';
import { newHolderKey, presentSignedData, type PresentationOptions } from '@regiekit/sdk/signed-data';
import type { DecisionFlowKind } from '../accounts/decision-flows.js';
import type { UserSessions } from '../accounts/user-sessions.js';
import type { Connections } from '../connect/connections.js';
import type { HeldConsents } from '../consent/held-consents.js';
import type { Reuse } from '../consent/reuse.js';
import { randomToken } from '../crypto/random.js';
import { ApiError } from '../http/api-error.js';
import { partySummary, type PartyDirectory } from '../parties/party-directory.js';
import type { Clock } from '../shared/clock.js';
import type { ForwardRecord } from '../storage/my-data-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { CompanyData } from './company-data.js';
import { decodeSignedData } from '@regiekit/sdk/signed-data';
import { flowDone, type MyDataFlowStart } from './flow-pages.js';
import type { OpenView } from './views.js';

/** A forward waits this long for the customer's passkey. */
const DRAFT_TTL_MS = 30 * 60_000;
/** A confirmed forward the recipient has not fetched by then is deleted, and nothing is delivered. */
export const DELIVERY_WINDOW_MS = 7 * 24 * 3600_000;

const invalid = (path: string, message: string) =>
  new ApiError(400, 'validation_failed', 'The forward is not valid.', [{ path, message }]);

/**
 * Forwarding (AVG art. 20): the customer sends some fields of a category to
 * a recipient that takes that data, and confirms it on the server's origin
 * with a passkey. The company signs just those fields, bound to a key made
 * for this forward; the server holds the credential (sealed) until the
 * recipient fetches it once, with its own nonce, as a presentation with a
 * key-binding JWT for that recipient only, then deletes it and the key. The
 * forward is a one-off consent like any other: receipt, overview, revocation.
 */
export class Forwards implements DecisionFlowKind {
  constructor(
    private readonly deps: {
      publicUrl: string;
      clock: Clock;
      sessions: UserSessions;
      company: CompanyData;
      connections: Connections;
      consents: HeldConsents;
      reuse: Reuse;
      directoryOf: (tenant: TenantContext) => PartyDirectory;
    },
  ) {}

  /** The consumers that take this category, for what; the customer picks one. */
  recipients(tenant: TenantContext, serviceType: string): ForwardRecipient[] {
    return this.deps
      .directoryOf(tenant)
      .recipientsOf(serviceType)
      .map(({ consumer, accepts }) => ({ recipient: partySummary(consumer), serviceType, purpose: accepts.purpose }));
  }

  async start(
    tenant: TenantContext,
    view: OpenView,
    body: ForwardRequest,
    start: MyDataFlowStart,
  ): Promise<{ flowId: string; startUrl: string; expiresAt: string }> {
    const providerId = view.record.providerId;
    const { category, fields } = await this.deps.company.portable(tenant, providerId, body, 'The forward');
    if (
      !this.deps
        .directoryOf(tenant)
        .recipientsOf(body.serviceType)
        .some((r) => r.consumer.id === body.recipientId)
    )
      throw invalid('recipientId', 'this recipient does not take this data');

    // The company signs only the chosen fields, bound to a key made for this forward alone.
    const holder = await newHolderKey();
    const signed = await this.deps.company.signed(tenant, providerId, category, view.customerRef, {
      holderKey: holder.publicJwk as PublicEcJwk,
      fields,
    });
    const now = this.deps.clock.now();
    const forwardId = randomToken(16);
    await tenant.store.forwards.insert({
      forwardId,
      providerId,
      recipientId: body.recipientId,
      customerRefSealed: tenant.crypto.sealPersonalData(view.customerRef, forwardId),
      serviceType: body.serviceType,
      fields: signed.decoded.data ? Object.keys(signed.decoded.data) : fields,
      credentialSealed: tenant.crypto.sealPersonalData(signed.sdJwt, forwardId),
      holderKeySealed: tenant.crypto.sealSecret(JSON.stringify(holder.privateJwk), forwardId),
      state: 'draft',
      expiresAt: now + DRAFT_TTL_MS,
      consentId: null,
      referenceId: null,
      createdAt: now,
    });
    return start(forwardId, now + DRAFT_TTL_MS);
  }

  async view(_c: Context, tenant: TenantContext, flowId: string): Promise<ForwardDecisionView | undefined> {
    const forward = await this.draft(tenant, flowId);
    if (!forward) return undefined;
    const directory = this.deps.directoryOf(tenant);
    const provider = directory.provider(forward.providerId);
    const recipient = directory.recipientsOf(forward.serviceType).find((r) => r.consumer.id === forward.recipientId);
    const category = (await this.deps.company.categoriesOf(tenant, forward.providerId)).find(
      (candidate) => candidate.serviceType === forward.serviceType,
    );
    if (!provider || !recipient || !category) return undefined;
    const data = (await decodeSignedData(this.credentialOf(tenant, forward))).data;
    const order = Object.keys(category.fieldLabels);
    return {
      kind: 'my-data-forward',
      flowId,
      provider: partySummary(provider),
      recipient: partySummary(recipient.consumer),
      purpose: recipient.accepts.purpose,
      serviceTitle: category.title,
      fields: Object.entries(data)
        .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
        .map(([name, value]) => ({
          name,
          label: category.fieldLabels[name] ?? { nl: name, en: name },
          value,
        })),
      deliverBy: new Date(this.deps.clock.now() + DELIVERY_WINDOW_MS).toISOString(),
      expiresAt: new Date(forward.expiresAt).toISOString(),
    };
  }

  async approve(c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined> {
    const forward = await this.draft(tenant, flowId);
    if (!forward) return undefined;
    const session = await this.deps.sessions.freshlyVerified(c, tenant);
    const directory = this.deps.directoryOf(tenant);
    const recipient = directory.recipientsOf(forward.serviceType).find((r) => r.consumer.id === forward.recipientId);
    if (!recipient) throw new ApiError(409, 'conflict', 'The recipient no longer takes this data.');
    const customerRef = tenant.crypto.openPersonalData(forward.customerRefSealed, forward.forwardId);
    // Data goes over a connection, as with every consent: the customer's account and this company's customer.
    const newId = randomToken(16);
    const connection = await this.deps.connections.create(
      tenant,
      session.userId,
      forward.providerId,
      tenant.crypto.sealPersonalData(customerRef, newId),
      newId,
    );
    const credential = this.credentialOf(tenant, forward);
    const now = this.deps.clock.now();
    const { consentId, referenceId } = await this.deps.consents.give(tenant, {
      consumerId: forward.recipientId,
      userId: session.userId,
      providerId: forward.providerId,
      connectionId: connection.connectionId,
      serviceType: forward.serviceType,
      purpose: recipient.accepts.purpose,
      fields: forward.fields,
      validUntil: now + DELIVERY_WINDOW_MS,
      heldId: forward.forwardId,
      contentDigest: createHash('sha256').update(credential).digest('base64url'),
      origin: { by: 'data-subject' },
    });
    const confirmed = await tenant.store.forwards.confirm(
      forward.forwardId,
      { credentialSealed: forward.credentialSealed, consentId, referenceId, expiresAt: now + DELIVERY_WINDOW_MS },
      now,
    );
    if (!confirmed) throw new ApiError(409, 'conflict', 'This forward was decided meanwhile.');
    return { redirectTo: flowDone(this.deps.publicUrl, tenant.settings.id, 'consents') };
  }

  async refuse(_c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined> {
    const forward = await this.draft(tenant, flowId);
    if (!forward) return undefined;
    await tenant.store.forwards.delete(flowId);
    return { redirectTo: flowDone(this.deps.publicUrl, tenant.settings.id) };
  }

  /**
   * The recipient fetches the forward once, with its own nonce: a
   * presentation of the chosen fields with a key-binding JWT for it alone.
   * What was held is gone afterwards; a failure on our side puts it back.
   */
  deliver(tenant: TenantContext, consumerId: string, referenceId: string, nonce: string): Promise<ForwardedData> {
    return this.deps.reuse.deliverHeld(tenant, consumerId, referenceId, async ({ consent, reference }) => {
      const forward = await tenant.store.forwards.takeForDelivery(referenceId, this.deps.clock.now());
      if (!forward)
        throw new ApiError(
          410,
          'consent_not_active',
          'This forward is no longer held: it was fetched or its time ran out.',
        );
      try {
        const presentation = await presentSignedData(this.credentialOf(tenant, forward), {
          fields: forward.fields,
          holderKey: JSON.parse(
            tenant.crypto.openSecret(forward.holderKeySealed, forward.forwardId),
          ) as PresentationOptions['holderKey'],
          audience: consumerId,
          nonce,
          now: new Date(this.deps.clock.now()),
        });
        const provider = this.deps.directoryOf(tenant).provider(reference.providerId)!;
        return {
          referenceId,
          providerId: reference.providerId,
          provider: partySummary(provider),
          serviceType: consent.serviceType,
          fields: forward.fields,
          presentation,
        };
      } catch (error) {
        await tenant.store.forwards.restore(forward);
        throw error;
      }
    });
  }

  /** The flow's state, for the element that started it with this view. */
  async stateFor(
    tenant: TenantContext,
    view: OpenView,
    flowId: string,
  ): Promise<'waiting' | 'confirmed' | 'ended' | undefined> {
    const forward = await tenant.store.forwards.get(flowId);
    if (!forward) return undefined;
    if (forward.providerId !== view.record.providerId) return undefined;
    if (tenant.crypto.openPersonalData(forward.customerRefSealed, forward.forwardId) !== view.customerRef)
      return undefined;
    if (forward.state === 'awaiting-delivery') return 'confirmed';
    return forward.expiresAt > this.deps.clock.now() ? 'waiting' : 'ended';
  }

  /** Deleted with its consent (revoked before delivery). */
  async release(tenant: TenantContext, forwardId: string): Promise<void> {
    await tenant.store.forwards.delete(forwardId);
  }

  async sweep(tenant: TenantContext, now: number): Promise<number> {
    return (await tenant.store.forwards.deleteExpired(now)).length;
  }

  private credentialOf(tenant: TenantContext, forward: ForwardRecord): string {
    return tenant.crypto.openPersonalData(forward.credentialSealed, forward.forwardId);
  }

  private async draft(tenant: TenantContext, flowId: string): Promise<ForwardRecord | undefined> {
    const forward = await tenant.store.forwards.get(flowId);
    return forward?.state === 'draft' && forward.expiresAt > this.deps.clock.now() ? forward : undefined;
  }
}
