import type { Context } from 'hono';
import type {
  CreateFetchRequest,
  FetchDecisionView,
  FetchedData,
  FetchFailure,
  FetchIdentified,
  FetchRequested,
  FetchResultRequest,
  FetchStatus,
  FetchToIdentify,
  FlowOutcome,
  PublicEcJwk,
  Purpose,
  ServiceDescription,
} from '@regiekit/sdk/protocol';
import {
  newHolderKey,
  presentSignedData,
  signedContentDigest,
  type PresentationOptions,
} from '@regiekit/sdk/signed-data';
import { withParams, type DecisionFlowKind } from '../accounts/decision-flows.js';
import type { UserSessions } from '../accounts/user-sessions.js';
import type { HeldConsents } from '../consent/held-consents.js';
import type { Reuse } from '../consent/reuse.js';
import { RefusedSignedData, type PartyCredentials } from '../credentials/party-credentials.js';
import { hashToken, tokenMatches } from '../crypto/key-ring.js';
import { randomToken } from '../crypto/random.js';
import { ApiError, notFound } from '../http/api-error.js';
import { partySummary, type PartyDirectory } from '../parties/party-directory.js';
import type { Clock } from '../shared/clock.js';
import { serviceDescriptionOf } from '../storage/connect-store.js';
import type { FetchRecord } from '../storage/fetch-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import { checkFetchRequest } from './fetch-rules.js';
import { fieldViews } from './fetched-data.js';

/** From the form's ask to the data in the form: the applicant has half an hour. */
export const FETCH_TTL_MS = 30 * 60_000;

const invalid = (path: string, message: string) =>
  new ApiError(400, 'validation_failed', 'The fetch request is not valid.', [{ path, message }]);
const gone = () => new ApiError(410, 'token_expired', 'This fetch has ended: ask again from the form.');

/** How the source failed, as the applicant is told: down, too slow, or an answer we refused. */
function failureOf(error: unknown): FetchFailure {
  if (error instanceof ApiError && error.code === 'upstream_timeout') return 'source-timeout';
  if (error instanceof RefusedSignedData) return 'source-answer';
  return 'source-unavailable';
}

/**
 * Fetch into an application (job 4). A form's backend asks for fields of a
 * source's service, of at most three months back, for one application; the
 * applicant decides on the server's origin with a passkey, identifies at the
 * source (which alone learns who they are), and sees what the source signed
 * before anything goes to the form. "Toevoegen" makes it a one-off consent
 * of the consent wing whose data the server holds sealed until the form takes
 * it once, for that application, as a presentation bound to the form;
 * "Niet toevoegen", a failure or the time running out leave nothing behind.
 */
export class Fetches implements DecisionFlowKind {
  constructor(
    private readonly deps: {
      publicUrl: string;
      clock: Clock;
      sessions: UserSessions;
      credentials: PartyCredentials;
      consents: HeldConsents;
      reuse: Reuse;
      directoryOf: (tenant: TenantContext) => PartyDirectory;
    },
  ) {}

  // --- The form's backend ---

  async create(
    tenant: TenantContext,
    consumerId: string,
    body: CreateFetchRequest,
    lang: 'nl' | 'en',
  ): Promise<FetchRequested> {
    const source = this.deps.directoryOf(tenant).provider(body.providerId);
    if (!source?.identifyPageUrl) throw invalid('providerId', 'not a source of data for applications');
    const service = await this.serviceOf(tenant, body.providerId, body.serviceType);
    if (!service) throw invalid('serviceType', 'this source does not offer this service');
    const now = this.deps.clock.now();
    const fields = checkFetchRequest(body, service, now);
    const fetchId = randomToken(16);
    const statusToken = randomToken(32);
    const record: FetchRecord = {
      fetchId,
      consumerId,
      providerId: body.providerId,
      serviceType: body.serviceType,
      fields,
      periodFrom: body.period.from,
      periodTo: body.period.to,
      purposeJson: JSON.stringify(body.purpose),
      applicationRefHash: hashToken(body.applicationRef),
      statusTokenHash: hashToken(statusToken),
      sourceTokenHash: null,
      userId: null,
      state: 'requested',
      failure: null,
      credentialSealed: null,
      holderKeySealed: null,
      consentId: null,
      referenceId: null,
      fetchedAt: null,
      expiresAt: now + FETCH_TTL_MS,
      createdAt: now,
    };
    await tenant.store.fetches.insert(record);
    const tenantId = tenant.settings.id;
    return {
      fetchId,
      startUrl: `${this.deps.publicUrl}/u/${tenantId}/flows/${fetchId}${lang === 'en' ? '?lang=en' : ''}`,
      statusUrl: `${this.deps.publicUrl}/api/v1/${tenantId}/fetches/${fetchId}`,
      statusToken,
      expiresAt: new Date(record.expiresAt).toISOString(),
    };
  }

  /** What the form's page may know: the state, never the data. */
  async status(tenant: TenantContext, fetchId: string, statusToken: string | undefined): Promise<FetchStatus> {
    const record = await tenant.store.fetches.get(fetchId);
    if (!record || !statusToken || !tokenMatches(statusToken, record.statusTokenHash)) throw notFound('fetch');
    const state = record.expiresAt <= this.deps.clock.now() && !isFinal(record) ? 'expired' : record.state;
    return { state, ...(record.failure && { failure: record.failure }) };
  }

  /**
   * The form takes what the applicant added, once, for the application it
   * asked for, with its own nonce: a presentation bound to the form. What
   * was held is gone afterwards; a failure on our side puts it back.
   */
  async deliver(
    tenant: TenantContext,
    consumerId: string,
    fetchId: string,
    body: FetchResultRequest,
  ): Promise<FetchedData> {
    const record = await tenant.store.fetches.get(fetchId);
    if (!record || record.consumerId !== consumerId) throw notFound('fetch');
    if (!tokenMatches(body.applicationRef, record.applicationRefHash))
      throw new ApiError(403, 'forbidden', 'This fetch was asked for another application.');
    if (record.state === 'delivered') throw new ApiError(409, 'token_used', 'This fetch was delivered already.');
    if (record.state !== 'approved' || !record.referenceId)
      throw new ApiError(409, 'conflict', `Nothing to take: the fetch is ${record.state}.`);
    const referenceId = record.referenceId;
    return this.deps.reuse.deliverHeld(tenant, consumerId, referenceId, async ({ consent }) => {
      const now = this.deps.clock.now();
      const taken = await tenant.store.fetches.transition(
        fetchId,
        ['approved'],
        { state: 'delivered', credentialSealed: null, holderKeySealed: null },
        now,
      );
      if (!taken?.credentialSealed || !taken.holderKeySealed) throw gone();
      try {
        const presentation = await presentSignedData(tenant.crypto.openPersonalData(taken.credentialSealed, fetchId), {
          fields: taken.fields,
          holderKey: JSON.parse(
            tenant.crypto.openSecret(taken.holderKeySealed, fetchId),
          ) as PresentationOptions['holderKey'],
          audience: consumerId,
          nonce: body.nonce,
          now: new Date(now),
        });
        return {
          fetchId,
          consentId: consent.consentId,
          providerId: taken.providerId,
          provider: partySummary(this.deps.directoryOf(tenant).provider(taken.providerId)!),
          serviceType: taken.serviceType,
          fields: taken.fields,
          period: { from: taken.periodFrom, to: taken.periodTo },
          presentation,
          contentDigest: await signedContentDigest(presentation),
        };
      } catch (error) {
        await tenant.store.fetches.transition(
          fetchId,
          ['delivered'],
          { state: 'approved', credentialSealed: taken.credentialSealed, holderKeySealed: taken.holderKeySealed },
          this.deps.clock.now(),
        );
        throw error;
      }
    });
  }

  // --- The source's backend ---

  /** The source learns what is asked (never by whom the applicant is), to show while identifying them. */
  async redeem(tenant: TenantContext, providerId: string, token: string): Promise<FetchToIdentify> {
    const record = await this.atSource(tenant, providerId, token);
    const consumer = this.deps.directoryOf(tenant).consumer(record.consumerId)!;
    return {
      fetchId: record.fetchId,
      consumer: partySummary(consumer),
      purpose: JSON.parse(record.purposeJson) as Purpose,
      serviceType: record.serviceType,
      fields: record.fields,
      period: { from: record.periodFrom, to: record.periodTo },
      expiresAt: new Date(record.expiresAt).toISOString(),
    };
  }

  /**
   * The source identified the applicant: it asks the source for exactly what
   * the form asked (its signed data, bound to a key made for this fetch) and
   * checks it. A source that fails, is too slow or answers outside the ask
   * fails the fetch; either way the applicant goes back to the decision page.
   */
  async identified(
    tenant: TenantContext,
    providerId: string,
    token: string,
    customerRef: string,
  ): Promise<FetchIdentified> {
    const record = await this.atSource(tenant, providerId, token);
    const returnUrl = `${this.deps.publicUrl}/u/${tenant.settings.id}/flows/${record.fetchId}`;
    const service = await this.serviceOf(tenant, providerId, record.serviceType);
    let change: Parameters<typeof tenant.store.fetches.transition>[2];
    try {
      if (!service) throw new ApiError(502, 'upstream_unavailable', 'The service is no longer offered.');
      const holder = await newHolderKey();
      const signed = await this.deps.credentials.issue(tenant, providerId, service, customerRef, {
        holderKey: holder.publicJwk as PublicEcJwk,
        fields: record.fields,
        period: { from: record.periodFrom, to: record.periodTo },
      });
      change = {
        state: 'fetched',
        credentialSealed: tenant.crypto.sealPersonalData(signed.sdJwt, record.fetchId),
        holderKeySealed: tenant.crypto.sealSecret(JSON.stringify(holder.privateJwk), record.fetchId),
        fetchedAt: this.deps.clock.now(),
      };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status < 500) throw error;
      change = { state: 'failed', failure: failureOf(error) };
    }
    if (!(await tenant.store.fetches.transition(record.fetchId, ['identifying'], change, this.deps.clock.now())))
      throw gone();
    return { returnUrl };
  }

  // --- The applicant, on the decision page ---

  async view(c: Context, tenant: TenantContext, flowId: string): Promise<FetchDecisionView | undefined> {
    const record = await this.live(tenant, flowId);
    if (!record) return undefined;
    if (record.state === 'fetched' || record.state === 'failed') {
      // What was fetched is for the applicant who went to the source, in this browser, alone.
      const session = await this.deps.sessions.current(c, tenant);
      if (!session || session.record.userId !== record.userId) return undefined;
    } else if (record.state !== 'requested' && record.state !== 'identifying') return undefined;
    const directory = this.deps.directoryOf(tenant);
    const consumer = directory.consumer(record.consumerId);
    const provider = directory.provider(record.providerId);
    const service = await this.serviceOf(tenant, record.providerId, record.serviceType);
    if (!consumer || !provider || !service) return undefined;
    const base = {
      kind: 'data-fetch' as const,
      flowId,
      consumer: partySummary(consumer),
      provider: partySummary(provider),
      purpose: JSON.parse(record.purposeJson) as Purpose,
      serviceTitle: service.title,
      fields: record.fields.map((name) => ({ name, label: service.fieldLabels[name] ?? { nl: name, en: name } })),
      period: { from: record.periodFrom, to: record.periodTo },
      ...(service.personalData?.itemLabels && { itemLabels: service.personalData.itemLabels }),
      expiresAt: new Date(record.expiresAt).toISOString(),
    };
    if (record.state === 'failed') return { ...base, step: 'failed', failure: record.failure ?? 'source-unavailable' };
    if (record.state !== 'fetched') return { ...base, step: 'ask' };
    const credential = tenant.crypto.openPersonalData(record.credentialSealed!, flowId);
    return { ...base, step: 'review', data: await fieldViews(credential, service) };
  }

  async approve(c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined> {
    const record = await this.live(tenant, flowId);
    if (!record) return undefined;
    if (record.state === 'requested' || record.state === 'identifying') return this.goToSource(c, tenant, record);
    if (record.state === 'fetched') return this.add(c, tenant, record);
    return undefined;
  }

  async refuse(c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined> {
    const record = await this.live(tenant, flowId);
    if (!record) return undefined;
    if (record.state === 'fetched' || record.state === 'failed') {
      const session = await this.deps.sessions.current(c, tenant);
      if (!session || session.record.userId !== record.userId) return undefined;
    }
    const declined = await tenant.store.fetches.transition(
      flowId,
      ['requested', 'identifying', 'fetched', 'failed'],
      { state: 'declined', credentialSealed: null, holderKeySealed: null },
      this.deps.clock.now(),
    );
    if (!declined) throw new ApiError(409, 'conflict', 'This fetch was decided meanwhile.');
    return { redirectTo: `${this.deps.publicUrl}/u/${tenant.settings.id}/account` };
  }

  /** The consent behind an added fetch was revoked before the form took it: what was held goes. */
  async release(tenant: TenantContext, fetchId: string): Promise<void> {
    await tenant.store.fetches.transition(
      fetchId,
      ['approved'],
      { state: 'declined', credentialSealed: null, holderKeySealed: null },
      this.deps.clock.now(),
    );
  }

  async sweep(tenant: TenantContext, now: number): Promise<number> {
    return tenant.store.fetches.deleteExpired(now);
  }

  /** "Ophalen": with a passkey (the fetch acts in the person's name), then to the source with a single-use token. */
  private async goToSource(c: Context, tenant: TenantContext, record: FetchRecord): Promise<FlowOutcome> {
    const session = await this.deps.sessions.freshlyVerified(c, tenant);
    const source = this.deps.directoryOf(tenant).provider(record.providerId);
    if (!source?.identifyPageUrl) throw new ApiError(409, 'conflict', 'This source no longer takes applicants.');
    const token = randomToken(24);
    const moved = await tenant.store.fetches.transition(
      record.fetchId,
      ['requested', 'identifying'],
      { state: 'identifying', userId: session.userId, sourceTokenHash: hashToken(token) },
      this.deps.clock.now(),
    );
    if (!moved) throw new ApiError(409, 'conflict', 'This fetch was decided meanwhile.');
    return { redirectTo: withParams(source.identifyPageUrl, { fetch: token }) };
  }

  /** "Toevoegen": a one-off consent whose data the server holds until the form takes it. */
  private async add(c: Context, tenant: TenantContext, record: FetchRecord): Promise<FlowOutcome> {
    const session = await this.deps.sessions.freshlyVerified(c, tenant);
    if (session.userId !== record.userId)
      throw new ApiError(403, 'wrong_account', 'Another account went to the source for this fetch.');
    const now = this.deps.clock.now();
    const claimed = await tenant.store.fetches.transition(record.fetchId, ['fetched'], { state: 'approved' }, now);
    if (!claimed) throw new ApiError(409, 'conflict', 'This fetch was decided meanwhile.');
    try {
      const credential = tenant.crypto.openPersonalData(record.credentialSealed!, record.fetchId);
      const { consentId, referenceId } = await this.deps.consents.give(tenant, {
        consumerId: record.consumerId,
        userId: session.userId,
        providerId: record.providerId,
        connectionId: '',
        serviceType: record.serviceType,
        purpose: JSON.parse(record.purposeJson) as Purpose,
        fields: record.fields,
        validUntil: record.expiresAt,
        heldId: record.fetchId,
        contentDigest: await signedContentDigest(credential),
        origin: { by: 'consumer', fetchId: record.fetchId },
      });
      await tenant.store.fetches.transition(record.fetchId, ['approved'], { consentId, referenceId }, now);
    } catch (error) {
      await tenant.store.fetches.transition(record.fetchId, ['approved'], { state: 'fetched' }, now);
      throw error;
    }
    return { redirectTo: `${this.deps.publicUrl}/u/${tenant.settings.id}/consents` };
  }

  private async atSource(tenant: TenantContext, providerId: string, token: string): Promise<FetchRecord> {
    const record = await tenant.store.fetches.bySourceToken(hashToken(token), this.deps.clock.now());
    if (!record || record.providerId !== providerId) throw notFound('fetch');
    if (record.state !== 'identifying') throw new ApiError(409, 'token_used', 'This fetch token was used already.');
    return record;
  }

  private async live(tenant: TenantContext, fetchId: string): Promise<FetchRecord | undefined> {
    const record = await tenant.store.fetches.get(fetchId);
    return record && record.expiresAt > this.deps.clock.now() ? record : undefined;
  }

  private async serviceOf(
    tenant: TenantContext,
    providerId: string,
    serviceType: string,
  ): Promise<ServiceDescription | undefined> {
    const record = (await tenant.store.services.latest(providerId)).find(
      (candidate) => candidate.description.serviceType === serviceType,
    );
    return record && serviceDescriptionOf(record);
  }
}

const isFinal = (record: FetchRecord) => ['delivered', 'declined', 'failed'].includes(record.state);
