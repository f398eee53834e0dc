import type { Context } from 'hono';
import type {
  ConsentDecisionView,
  ConsentRequested,
  ConsentStatus,
  ConsumerConsent,
  CreateConsentRequest,
  FlowOutcome,
  UserConsent,
} from '@regiekit/sdk/protocol';
import { withParams, type DecisionFlowKind } from '../accounts/decision-flows.js';
import type { UserSessions } from '../accounts/user-sessions.js';
import { randomToken } from '../crypto/random.js';
import type { ServerSigner } from '../tenants/server-signer.js';
import { ApiError, notFound } from '../http/api-error.js';
import { partySummary, type PartyDirectory } from '../parties/party-directory.js';
import type { PartyEvents } from '../parties/party-events.js';
import type { ConsentRecord, DataReferenceRecord } from '../storage/consent-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';
import { signReceipt } from './consent-receipts.js';
import { fieldLabels, offersOf, sourcesOf } from './consent-sources.js';
import type { ProviderOperations } from '../parties/provider-operations.js';
import { hashToken, tokenMatches } from '../crypto/key-ring.js';
import { heldIdOf } from './held-consents.js';

const REQUEST_TTL_MS = 30 * 60 * 1000;
const MAX_TERM_MS = 366 * 24 * 3600 * 1000;

export interface ConsentServiceDeps {
  publicUrl: string;
  clock: Clock;
  sessions: UserSessions;
  events: PartyEvents;
  /** Signs receipts, and keeps the key that did published for years. */
  signer: ServerSigner;
  operations: ProviderOperations;
  directoryOf: (tenant: TenantContext) => PartyDirectory;
}

const iso = (ms: number) => new Date(ms).toISOString();
const invalid = (path: string, message: string) =>
  new ApiError(400, 'validation_failed', 'The consent request is not valid.', [{ path, message }]);
type Revoker = 'user' | 'consumer' | 'connection-ended';

/**
 * Consents: the consumer registers a request server-side; the user decides on
 * the server's origin with a passkey, choosing from which creditors; each
 * chosen creditor makes an operation, which the server registers under an
 * opaque data reference. Revocation, by the user, the consumer or an ended
 * connection, takes effect at once: reuse reads the state on every call.
 */
export class ConsentService implements DecisionFlowKind {
  private readonly heldReleasedListeners: ((tenant: TenantContext, heldId: string) => Promise<void>)[] = [];

  constructor(private readonly deps: ConsentServiceDeps) {}

  /** The room that holds data for a reference (forwards) learns here when it may delete it. */
  onHeldReleased(listener: (tenant: TenantContext, heldId: string) => Promise<void>): void {
    this.heldReleasedListeners.push(listener);
  }

  async create(tenant: TenantContext, consumerId: string, body: CreateConsentRequest): Promise<ConsentRequested> {
    const now = this.deps.clock.now();
    const consumer = this.deps.directoryOf(tenant).consumer(consumerId)!;
    const validUntil = Date.parse(body.validUntil);
    if (validUntil <= now || validUntil > now + MAX_TERM_MS)
      throw invalid('validUntil', 'must be in the future and at most a year ahead');
    if (body.returnUrl && !consumer.returnUrls.includes(body.returnUrl))
      throw invalid('returnUrl', 'not one of your registered return URLs (exact match)');
    const offers = await offersOf(tenant, body.serviceType);
    if (offers.length === 0) throw invalid('serviceType', 'no provider offers this service type');
    const known = new Set(offers.flatMap((offer) => Object.keys(offer.description.fieldLabels)));
    const unknown = body.fields.filter((field) => !known.has(field));
    if (unknown.length > 0) throw invalid('fields', `not in the service schema: ${unknown.join(', ')}`);
    if (body.providers !== 'user-choice') {
      const missing = body.providers.filter((id) => !offers.some((offer) => offer.providerId === id));
      if (missing.length > 0) throw invalid('providers', `do not offer this service: ${missing.join(', ')}`);
    }
    const userId = await tenant.store.oauth.userOfSubject(consumerId, body.sub);
    if (!userId) throw notFound('user');
    const statusToken = randomToken();
    const consentId = randomToken(16);
    await tenant.store.consents.insert({
      consentId,
      consumerId,
      userId,
      sub: body.sub,
      serviceType: body.serviceType,
      purpose: body.purpose,
      fields: [...new Set(body.fields)],
      providerChoice: body.providers,
      mode: body.mode,
      validUntil,
      state: 'requested',
      statusTokenHash: hashToken(statusToken),
      returnUrl: body.returnUrl ?? null,
      stateSealed: body.state ? tenant.crypto.sealSecret(body.state, consentId) : null,
      createdAt: now,
      requestExpiresAt: now + REQUEST_TTL_MS,
      decidedAt: null,
      receipt: null,
      endedBy: null,
    });
    return {
      consentId,
      startUrl: `${this.deps.publicUrl}/u/${tenant.settings.id}/flows/${consentId}`,
      statusToken,
      expiresAt: iso(now + REQUEST_TTL_MS),
    };
  }

  async view(_c: Context, tenant: TenantContext, flowId: string): Promise<ConsentDecisionView | undefined> {
    const consent = await this.open(tenant, flowId);
    if (!consent) return undefined;
    const directory = this.deps.directoryOf(tenant);
    const sources = await sourcesOf(tenant, consent, directory);
    // What the user reads comes from the descriptions of their own sources, not from any provider of the type.
    const offers =
      sources.length > 0 ? sources.map((source) => source.offer) : await offersOf(tenant, consent.serviceType);
    const fields = consent.fields;
    const consumer = directory.consumer(consent.consumerId);
    if (!consumer || offers.length === 0) return undefined;
    return {
      kind: 'consent',
      flowId,
      consumer: partySummary(consumer),
      serviceTitle: offers[0]!.description.title,
      purpose: consent.purpose,
      fields: fieldLabels(offers, fields),
      sources: sources.map((source) => ({
        connectionId: source.sourceId,
        provider: partySummary(directory.provider(source.connection.providerId)!),
        requested: true,
      })),
      mode: consent.mode,
      validUntil: iso(consent.validUntil),
      expiresAt: iso(consent.requestExpiresAt),
    };
  }

  async approve(
    c: Context,
    tenant: TenantContext,
    flowId: string,
    body?: { connections?: string[] },
  ): Promise<FlowOutcome | undefined> {
    const consent = await this.open(tenant, flowId);
    if (!consent) return undefined;
    const session = await this.deps.sessions.freshlyVerified(c, tenant);
    if (session.userId !== consent.userId)
      throw new ApiError(
        403,
        'wrong_account',
        'This passkey belongs to another regie account than the one the app asks about.',
      );
    const directory = this.deps.directoryOf(tenant);
    const sources = await sourcesOf(tenant, consent, directory);
    const chosen = body?.connections
      ? sources.filter((source) => body.connections!.includes(source.sourceId))
      : sources;
    if (chosen.length === 0) throw invalid('connections', 'choose at least one of the listed creditors');

    const now = this.deps.clock.now();
    const fields = consent.fields;
    const references: DataReferenceRecord[] = [];
    try {
      for (const source of chosen) {
        const operationId = await this.deps.operations.create(
          {
            tenantId: tenant.settings.id,
            providerId: source.offer.providerId,
            endpoint: source.offer.description.operationEndpoint,
          },
          {
            action: 'create',
            connectionId: source.connection.providerPseudonym,
            serviceType: consent.serviceType,
            fields,
            mode: consent.mode,
            validUntil: iso(consent.validUntil),
          },
        );
        const referenceId = randomToken(16);
        references.push({
          referenceId,
          consentId: consent.consentId,
          connectionId: source.connection.connectionId,
          providerId: source.offer.providerId,
          operationSealed: tenant.crypto.sealSecret(operationId, referenceId),
          createdAt: now,
        });
      }
    } catch (error) {
      // Nothing is half-accepted: operations made so far are dropped, the request stays open.
      await this.dropOperations(tenant, references, consent.serviceType);
      throw error;
    }
    const consumer = directory.consumer(consent.consumerId);
    if (!consumer) {
      await this.dropOperations(tenant, references, consent.serviceType);
      throw notFound('consumer');
    }
    const receipt = await signReceipt(this.deps.signer, tenant, this.deps.publicUrl, {
      receiptId: randomToken(16),
      tenantId: tenant.settings.id,
      consentId: consent.consentId,
      consumer: partySummary(consumer),
      subject: consent.sub,
      providers: chosen.map((source) => partySummary(directory.provider(source.offer.providerId)!)),
      purpose: consent.purpose,
      serviceType: consent.serviceType,
      fields,
      mode: consent.mode,
      validUntil: consent.validUntil,
      givenAt: now,
    });
    if (!(await tenant.store.consents.accept(consent.consentId, references, receipt, now))) {
      await this.dropOperations(tenant, references, consent.serviceType);
      throw new ApiError(409, 'conflict', 'This consent request was already decided.');
    }
    await this.deps.events.emit(tenant, consent.consumerId, 'consent.accepted', {
      consentId: consent.consentId,
      sub: consent.sub,
      references: references.map((reference) => ({
        referenceId: reference.referenceId,
        providerId: reference.providerId,
      })),
    });
    return { redirectTo: this.afterDecision(tenant, consent, 'accepted') };
  }

  async refuse(_c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined> {
    const consent = await this.open(tenant, flowId);
    if (!consent || !(await tenant.store.consents.reject(consent.consentId, this.deps.clock.now()))) return undefined;
    await this.deps.events.emit(tenant, consent.consumerId, 'consent.rejected', {
      consentId: consent.consentId,
      sub: consent.sub,
    });
    return { redirectTo: this.afterDecision(tenant, consent, 'rejected') };
  }

  /** The consumer's page follows its request with the status token: the state and nothing else. */
  async status(tenant: TenantContext, consentId: string, statusToken: string | undefined): Promise<ConsentStatus> {
    const consent = await tenant.store.consents.get(consentId);
    if (!consent || !tokenMatches(statusToken ?? '', consent.statusTokenHash)) throw notFound('consent');
    return { state: (await this.current(tenant, consent)).state };
  }

  async forConsumer(tenant: TenantContext, consumerId: string, consentId: string): Promise<ConsumerConsent> {
    const stored = await tenant.store.consents.get(consentId);
    if (!stored || stored.consumerId !== consumerId) throw notFound('consent');
    const consent = await this.current(tenant, stored);
    const directory = this.deps.directoryOf(tenant);
    const references = await tenant.store.consents.referencesOf(consentId);
    return {
      consentId,
      state: consent.state,
      serviceType: consent.serviceType,
      purpose: consent.purpose,
      fields: consent.fields,
      mode: consent.mode,
      validUntil: iso(consent.validUntil),
      references: references.flatMap((reference) => {
        const provider = directory.provider(reference.providerId);
        return provider ? [{ referenceId: reference.referenceId, provider: partySummary(provider) }] : [];
      }),
      ...(consent.receipt && { receipt: consent.receipt }),
    };
  }

  async revokeByConsumer(tenant: TenantContext, consumerId: string, consentId: string): Promise<void> {
    const consent = await tenant.store.consents.get(consentId);
    if (!consent || consent.consumerId !== consumerId) throw notFound('consent');
    await this.revoke(tenant, consent, 'consumer');
  }

  async revokeByUser(c: Context, tenant: TenantContext, consentId: string): Promise<void> {
    const session = await this.deps.sessions.freshlyVerified(c, tenant);
    const consent = await tenant.store.consents.get(consentId);
    if (!consent || consent.userId !== session.userId) throw notFound('consent');
    await this.revoke(tenant, consent, 'user');
  }

  /** Ending a connection revokes every consent that reads from it. */
  async connectionEnded(tenant: TenantContext, connectionId: string): Promise<void> {
    for (const consentId of await tenant.store.consents.revokeForConnection(connectionId, this.deps.clock.now())) {
      const consent = await tenant.store.consents.get(consentId);
      if (consent) await this.announceRevocation(tenant, consent, 'connection-ended');
    }
  }

  async forUser(c: Context, tenant: TenantContext): Promise<UserConsent[]> {
    const session = await this.deps.sessions.signedIn(c, tenant);
    const directory = this.deps.directoryOf(tenant);
    const consents = await tenant.store.consents.listForUser(session.userId);
    return Promise.all(
      consents.map(async (stored) => {
        const consent = await this.current(tenant, stored);
        const offers = await offersOf(tenant, consent.serviceType);
        const references = await tenant.store.consents.referencesOf(consent.consentId);
        const uses = await tenant.store.consents.usesOf(consent.consentId);
        const registered = directory.consumer(consent.consumerId);
        const consumer = registered
          ? partySummary(registered)
          : { id: consent.consumerId, displayName: { nl: consent.consumerId, en: consent.consumerId } };
        const summaryOf = (providerId: string) =>
          directory.provider(providerId)
            ? partySummary(directory.provider(providerId)!)
            : { id: providerId, displayName: { nl: providerId, en: providerId } };
        return {
          consentId: consent.consentId,
          state: consent.state,
          consumer,
          providers: references.map((reference) => summaryOf(reference.providerId)),
          serviceTitle: offers[0]?.description.title ?? { nl: consent.serviceType, en: consent.serviceType },
          purpose: consent.purpose,
          fields: fieldLabels(offers, consent.fields),
          mode: consent.mode,
          validUntil: iso(consent.validUntil),
          ...(consent.decidedAt && { decidedAt: iso(consent.decidedAt) }),
          uses: uses.map((use) => ({
            at: iso(use.at),
            consumer,
            provider: summaryOf(use.providerId),
            outcome: use.outcome,
          })),
        };
      }),
    );
  }

  async receiptFor(c: Context, tenant: TenantContext, consentId: string): Promise<string> {
    const session = await this.deps.sessions.signedIn(c, tenant);
    const consent = await tenant.store.consents.get(consentId);
    if (!consent || consent.userId !== session.userId || !consent.receipt) throw notFound('receipt');
    return consent.receipt;
  }

  /**
   * The consent as it stands now: an accepted one past its term is expired
   * (and announced) on first sight; a request nobody answered in time reads as
   * expired until the sweeper deletes it.
   */
  async current(tenant: TenantContext, consent: ConsentRecord): Promise<ConsentRecord> {
    if (consent.state === 'requested' && consent.requestExpiresAt <= this.deps.clock.now())
      return { ...consent, state: 'expired' };
    if (
      consent.state === 'accepted' &&
      consent.validUntil <= this.deps.clock.now() &&
      (await tenant.store.consents.expire(consent.consentId, this.deps.clock.now()))
    ) {
      await this.deps.events.emit(tenant, consent.consumerId, 'consent.expired', {
        consentId: consent.consentId,
        sub: consent.sub,
      });
      await this.dropOperations(
        tenant,
        await tenant.store.consents.referencesOf(consent.consentId),
        consent.serviceType,
      );
      return { ...consent, state: 'expired' };
    }
    return consent;
  }

  /** The sweeper's part: consents past their term expire even if nobody reads them, and release their operations. */
  async expireDue(tenant: TenantContext, now: number): Promise<number> {
    const due = await tenant.store.consents.acceptedPastTerm(now);
    for (const consent of due) await this.current(tenant, consent);
    return due.length;
  }

  async releaseOperations(
    tenant: TenantContext,
    references: DataReferenceRecord[],
    serviceType: string,
  ): Promise<void> {
    await this.dropOperations(tenant, references, serviceType);
  }

  private async revoke(tenant: TenantContext, consent: ConsentRecord, by: Revoker): Promise<void> {
    if (await tenant.store.consents.revoke(consent.consentId, by, this.deps.clock.now()))
      await this.announceRevocation(tenant, consent, by);
  }

  /** Tells the consumer, and each provider that it may drop its operation (feed, webhook and a direct call). */
  private async announceRevocation(tenant: TenantContext, consent: ConsentRecord, by: Revoker): Promise<void> {
    await this.deps.events.emit(tenant, consent.consumerId, 'consent.revoked', {
      consentId: consent.consentId,
      sub: consent.sub,
      revokedBy: by,
    });
    await this.dropOperations(tenant, await tenant.store.consents.referencesOf(consent.consentId), consent.serviceType);
  }

  /** `references` all belong to one consent, of `serviceType`: the catalogue is read once for them. */
  private async dropOperations(
    tenant: TenantContext,
    references: DataReferenceRecord[],
    serviceType: string,
  ): Promise<void> {
    if (references.length === 0) return;
    const offers = await offersOf(tenant, serviceType);
    for (const reference of references) {
      const operationId = tenant.crypto.openSecret(reference.operationSealed, reference.referenceId);
      // Data the server holds (a forward) has no operation at the provider: it is deleted here instead.
      const heldId = heldIdOf(operationId);
      if (heldId !== undefined) {
        for (const listener of this.heldReleasedListeners) await listener(tenant, heldId);
        continue;
      }
      await this.deps.events.emit(tenant, reference.providerId, 'operation.dropped', { operationId });
      const endpoint = offers.find((offer) => offer.providerId === reference.providerId)?.description.operationEndpoint;
      // In the background: a provider that is down must not hold up the user's revocation.
      if (endpoint)
        void this.deps.operations.drop(
          { tenantId: tenant.settings.id, providerId: reference.providerId, endpoint },
          operationId,
        );
    }
  }

  async endpointOf(
    tenant: TenantContext,
    providerId: string,
    serviceType: string | undefined,
  ): Promise<string | undefined> {
    if (!serviceType) return undefined;
    return (await tenant.store.services.latestOf(providerId, serviceType))?.description.operationEndpoint;
  }

  private async open(tenant: TenantContext, consentId: string): Promise<ConsentRecord | undefined> {
    const consent = await tenant.store.consents.get(consentId);
    return consent && consent.state === 'requested' && consent.requestExpiresAt > this.deps.clock.now()
      ? consent
      : undefined;
  }

  private afterDecision(tenant: TenantContext, consent: ConsentRecord, result: 'accepted' | 'rejected'): string {
    if (!consent.returnUrl) return `${this.deps.publicUrl}/u/${tenant.settings.id}/consents`;
    const state = consent.stateSealed ? tenant.crypto.openSecret(consent.stateSealed, consent.consentId) : undefined;
    return withParams(consent.returnUrl, { result, consent: consent.consentId, ...(state && { state }) });
  }
}
