import type { Context } from 'hono';
import type { Logger } from 'pino';
import {
  canonicalJson,
  evaluateArrangement,
  PolicyVerificationError,
  verifyAcceptancePolicy,
  verifyArrangementAnswer,
} from '@regiekit/sdk/arrangements';
import type {
  ArrangementDecisionView,
  ArrangementFlowStarted,
  ArrangementView,
  CounterProposalRequest,
  FlowOutcome,
  PartyEvent,
  RequestArrangementRequest,
} from '@regiekit/sdk/protocol';
import { createHash } from 'node:crypto';
import type { DecisionFlowKind } from '../accounts/decision-flows.js';
import type { UserSessions } from '../accounts/user-sessions.js';
import { consumerConnectionId } from '../connect/connections.js';
import { randomToken } from '../crypto/random.js';
import { ApiError, notFound } from '../http/api-error.js';
import { partySummary, type PartyDirectory } from '../parties/party-directory.js';
import type { PartyEvents } from '../parties/party-events.js';
import type { ProviderOperations } from '../parties/provider-operations.js';
import type { Clock } from '../shared/clock.js';
import type { ArrangementPatch, ArrangementRecord } from '../storage/arrangement-store.js';
import type { ServerSigner } from '../tenants/server-signer.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import { arrangementView, currentPolicyOf, openTerms, sealTerms, type ArrangementTerms } from './arrangement-terms.js';

/** A request waits this long for the debtor's passkey; a counter-proposal two weeks for the debtor's answer. */
const REQUEST_FLOW_MS = 30 * 60_000;
const COUNTER_FLOW_MS = 14 * 24 * 3600_000;
/** Kept a year after its last change, as both sides' record of what was agreed and kept. */
const KEPT_MS = 366 * 24 * 3600_000;

const OPEN_STATES = new Set(['requested', 'countered']);
const iso = (ms: number) => new Date(ms).toISOString();
const conflict = (message: string) => new ApiError(409, 'conflict', message);
const policyRejected = (message: string, problem: string) =>
  new ApiError(422, 'policy_rejected', message, [{ path: 'policy', message: problem }]);
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

type ArrangementEventType = Extract<PartyEvent['type'], `arrangement.${string}`>;

export interface ArrangementServiceDeps {
  publicUrl: string;
  clock: Clock;
  logger: Logger;
  sessions: UserSessions;
  events: PartyEvents;
  signer: ServerSigner;
  operations: ProviderOperations;
  directoryOf: (tenant: TenantContext) => PartyDirectory;
}

/**
 * Payment arrangements between a debtor and a creditor over their
 * connection. The debt-help app asks; the debtor confirms on the server's
 * origin with the passkey (a signed receipt follows); the server evaluates
 * the creditor's signed policy itself and routes the request to the
 * creditor's operation endpoint, whose signed answer activates it at once
 * when the policy accepts it in advance; otherwise the creditor's staff
 * accept, counter-propose or refuse. Every change is a compare-and-set on
 * the version read, so two instances never both decide, and an event and a
 * Standard Webhook to both sides.
 */
export class ArrangementService implements DecisionFlowKind {
  constructor(private readonly deps: ArrangementServiceDeps) {}

  // --- The debt-help app (a consumer) ---

  async request(
    tenant: TenantContext,
    consumerId: string,
    body: RequestArrangementRequest,
  ): Promise<ArrangementFlowStarted> {
    const userId = await tenant.store.oauth.userOfSubject(consumerId, body.sub);
    if (!userId) throw notFound('user');
    const connection = (await tenant.store.connections.listForUser(userId)).find(
      (candidate) =>
        candidate.status === 'active' && consumerConnectionId(body.sub, candidate.connectionId) === body.connectionId,
    );
    // A debt that is not on one of this debtor's connections is, to this consumer, no debt at all.
    if (!connection) throw notFound('connection');
    const provider = this.deps.directoryOf(tenant).provider(connection.providerId);
    const current = await currentPolicyOf(tenant, connection.providerId, this.deps.clock.now());
    if (!provider?.payloadJwks || !current)
      throw policyRejected('This creditor publishes no acceptance policy.', 'no policy');
    let verified;
    try {
      verified = await verifyAcceptancePolicy(body.policy, provider.payloadJwks as { keys: [] }, {
        providerId: provider.id,
        currentVersion: current.signed.policy.version,
      });
    } catch (error) {
      if (error instanceof PolicyVerificationError) throw policyRejected(error.message, error.problem);
      throw error;
    }
    if (verified.policyHash !== current.signed.policyHash)
      throw policyRejected('This is not the policy the creditor publishes now.', 'old-version');
    const evaluation = evaluateArrangement(verified.policy, body.proposal);
    if (body.presentedAs === 'accepted-in-advance' && evaluation.outcome !== 'accepted-in-advance')
      throw new ApiError(
        422,
        'outside_policy',
        'The proposal is outside the creditor’s policy, so it cannot be presented as accepted.',
        evaluation.reasons.map((reason) => ({ path: 'proposal', message: reason.en })),
      );
    if (await this.pendingOn(tenant, connection.connectionId))
      throw conflict('A request for an arrangement with this creditor is already waiting for an answer.');

    const now = this.deps.clock.now();
    const arrangementId = randomToken(16);
    const flowId = randomToken(16);
    const terms: ArrangementTerms = {
      proposal: body.proposal,
      reasons: evaluation.reasons,
      whileKept: verified.policy.whileKept,
      payTo: verified.policy.payTo,
      lapse: verified.policy.lapse,
    };
    await tenant.store.arrangements.insert({
      arrangementId,
      providerId: connection.providerId,
      consumerId,
      userId,
      sub: body.sub,
      connectionId: connection.connectionId,
      state: 'draft',
      version: 1,
      flowId,
      flowStep: 'request',
      flowExpiresAt: now + REQUEST_FLOW_MS,
      policyVersion: verified.policy.version,
      policyHash: verified.policyHash,
      outcome: evaluation.outcome,
      termsSealed: sealTerms(tenant, arrangementId, terms),
      instalments: '',
      missedCount: 0,
      receipt: null,
      decision: null,
      createdAt: now,
      updatedAt: now,
      deleteAt: now + REQUEST_FLOW_MS,
    });
    return { arrangementId, startUrl: this.flowUrl(tenant, flowId), expiresAt: iso(now + REQUEST_FLOW_MS) };
  }

  async forConsumer(tenant: TenantContext, consumerId: string, arrangementId: string): Promise<ArrangementView> {
    const record = await tenant.store.arrangements.get(arrangementId);
    if (!record || record.consumerId !== consumerId || record.state === 'draft') throw notFound('arrangement');
    const counterUrl =
      record.state === 'countered' && record.flowId && (record.flowExpiresAt ?? 0) > this.deps.clock.now()
        ? this.flowUrl(tenant, record.flowId)
        : undefined;
    return arrangementView(
      record,
      openTerms(tenant, record),
      this.providerSummary(tenant, record.providerId),
      consumerConnectionId(record.sub, record.connectionId),
      counterUrl,
    );
  }

  /** Every arrangement the app asked for this debtor (not other apps'), oldest first. */
  async listForConsumer(tenant: TenantContext, consumerId: string, sub: string): Promise<ArrangementView[]> {
    const userId = await tenant.store.oauth.userOfSubject(consumerId, sub);
    if (!userId) throw notFound('user');
    const records = (await tenant.store.arrangements.listForUser(userId)).filter(
      (record) => record.consumerId === consumerId && record.sub === sub && record.state !== 'draft',
    );
    return Promise.all(records.map((record) => this.forConsumer(tenant, consumerId, record.arrangementId)));
  }

  // --- The decision page on the server's origin ---

  async view(_c: Context, tenant: TenantContext, flowId: string): Promise<ArrangementDecisionView | undefined> {
    const record = await this.openFlow(tenant, flowId);
    if (!record) return undefined;
    const terms = openTerms(tenant, record);
    const counter = record.flowStep === 'counter-proposal';
    return {
      kind: 'arrangement',
      flowId,
      step: counter ? 'counter-proposal' : 'request',
      provider: this.providerSummary(tenant, record.providerId),
      proposal: counter ? terms.counterProposal! : terms.proposal,
      outcome: record.outcome,
      reasons: counter ? [] : terms.reasons,
      ...(counter && terms.reason !== undefined && { reason: terms.reason }),
      whileKept: terms.whileKept,
      policyVersion: record.policyVersion,
      expiresAt: iso(record.flowExpiresAt!),
    };
  }

  async approve(c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined> {
    const record = await this.openFlow(tenant, flowId);
    if (!record) return undefined;
    const session = await this.deps.sessions.freshlyVerified(c, tenant);
    if (session.userId !== record.userId)
      throw new ApiError(403, 'wrong_account', 'This passkey belongs to another regie account than the debtor’s.');
    if (record.flowStep === 'counter-proposal') await this.acceptCounter(tenant, record);
    else await this.submit(tenant, record);
    return { redirectTo: this.accountPage(tenant) };
  }

  async refuse(_c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined> {
    const record = await this.openFlow(tenant, flowId);
    if (!record) return undefined;
    const now = this.deps.clock.now();
    if (record.flowStep === 'counter-proposal') {
      const terms = { ...openTerms(tenant, record), reason: 'The debtor did not accept the counter-proposal.' };
      await this.change(tenant, record, {
        state: 'refused',
        flowId: null,
        flowStep: null,
        flowExpiresAt: null,
        termsSealed: sealTerms(tenant, record.arrangementId, terms),
      });
    } else {
      // Not sent: the draft goes with the next sweep, and the creditor never hears of it.
      const changed = await tenant.store.arrangements.update(record.arrangementId, record.version, {
        flowId: null,
        flowStep: null,
        flowExpiresAt: null,
        updatedAt: now,
        deleteAt: now,
      });
      if (!changed) throw conflict('This request was decided meanwhile.');
    }
    return { redirectTo: this.accountPage(tenant) };
  }

  // --- The creditor (a provider) ---

  async forProvider(tenant: TenantContext, providerId: string): Promise<ArrangementView[]> {
    const records = await tenant.store.arrangements.listForProvider(providerId);
    return Promise.all(records.map((record) => this.providerView(tenant, record)));
  }

  async oneForProvider(tenant: TenantContext, providerId: string, arrangementId: string): Promise<ArrangementView> {
    return this.providerView(tenant, await this.ofProvider(tenant, providerId, arrangementId));
  }

  async acceptByProvider(tenant: TenantContext, providerId: string, arrangementId: string): Promise<ArrangementView> {
    const record = await this.ofProvider(tenant, providerId, arrangementId);
    if (record.state !== 'requested') throw conflict(`This arrangement is ${record.state}, not waiting for an answer.`);
    return this.providerView(tenant, await this.activate(tenant, record, null));
  }

  async counter(
    tenant: TenantContext,
    providerId: string,
    arrangementId: string,
    body: CounterProposalRequest,
  ): Promise<ArrangementView> {
    const record = await this.ofProvider(tenant, providerId, arrangementId);
    if (record.state !== 'requested') throw conflict(`This arrangement is ${record.state}, not waiting for an answer.`);
    const terms = { ...openTerms(tenant, record), counterProposal: body.counterProposal, reason: body.reason };
    const flowId = randomToken(16);
    const changed = await this.change(tenant, record, {
      state: 'countered',
      flowId,
      flowStep: 'counter-proposal',
      flowExpiresAt: this.deps.clock.now() + COUNTER_FLOW_MS,
      termsSealed: sealTerms(tenant, arrangementId, terms),
    });
    return this.providerView(tenant, changed);
  }

  async refuseByProvider(
    tenant: TenantContext,
    providerId: string,
    arrangementId: string,
    reason: string,
  ): Promise<ArrangementView> {
    const record = await this.ofProvider(tenant, providerId, arrangementId);
    if (!OPEN_STATES.has(record.state))
      throw conflict(`This arrangement is ${record.state}: it cannot be refused now.`);
    const terms = { ...openTerms(tenant, record), reason };
    const changed = await this.change(tenant, record, {
      state: 'refused',
      flowId: null,
      flowStep: null,
      flowExpiresAt: null,
      termsSealed: sealTerms(tenant, arrangementId, terms),
    });
    return this.providerView(tenant, changed);
  }

  /** The creditor reports one instalment paid or missed, once; the second miss of a kind the policy counts lapses it. */
  async report(
    tenant: TenantContext,
    providerId: string,
    arrangementId: string,
    number: number,
    outcome: 'paid' | 'missed',
  ): Promise<ArrangementView> {
    const record = await this.ofProvider(tenant, providerId, arrangementId);
    if (record.state !== 'active' && record.state !== 'missed')
      throw conflict(`This arrangement is ${record.state}: instalments are reported only while it runs.`);
    const letters = [...record.instalments];
    if (number < 1 || number > letters.length) throw notFound('instalment');
    if (letters[number - 1] !== 'd') throw conflict(`Instalment ${number} was already reported.`);
    letters[number - 1] = outcome === 'paid' ? 'p' : 'm';
    const missedCount = record.missedCount + (outcome === 'missed' ? 1 : 0);
    const { lapse } = openTerms(tenant, record);
    const state =
      missedCount >= lapse.missedInstalments
        ? 'lapsed'
        : letters.every((letter) => letter !== 'd')
          ? 'completed'
          : outcome === 'missed'
            ? 'missed'
            : 'active';
    const changed = await this.change(
      tenant,
      record,
      { state, instalments: letters.join(''), missedCount },
      { instalment: number, paid: outcome === 'paid' },
    );
    return this.providerView(tenant, changed);
  }

  /** A connection that ends takes its open requests with it: refused, so neither side waits for an answer. */
  async connectionEnded(tenant: TenantContext, connectionId: string): Promise<void> {
    const connection = await tenant.store.connections.get(connectionId);
    if (!connection) return;
    for (const record of await tenant.store.arrangements.listForUser(connection.userId)) {
      if (record.connectionId !== connectionId || !OPEN_STATES.has(record.state)) continue;
      const terms = { ...openTerms(tenant, record), reason: 'The connection with the creditor ended.' };
      // A decision that came first (a 409 here) stands; ending the connection goes on either way.
      await this.change(tenant, record, {
        state: 'refused',
        flowId: null,
        flowStep: null,
        flowExpiresAt: null,
        termsSealed: sealTerms(tenant, record.arrangementId, terms),
      }).catch(() => undefined);
    }
  }

  sweep(tenant: TenantContext, now: number): Promise<number> {
    return tenant.store.arrangements.deleteExpired(now);
  }

  // --- How a state changes ---

  /** The debtor confirmed the request: it is sent, and the creditor's endpoint may accept it at once. */
  private async submit(tenant: TenantContext, record: ArrangementRecord): Promise<void> {
    if (!(await tenant.store.arrangements.claimOpen(record.connectionId, record.arrangementId))) {
      const holder = await tenant.store.arrangements.openFor(record.connectionId);
      const open = holder && (await tenant.store.arrangements.get(holder));
      if (open && OPEN_STATES.has(open.state))
        throw conflict('A request for an arrangement with this creditor is already waiting for an answer.');
      // A mark left by an arrangement that is no longer open (a crash between two steps) gives way.
      if (holder) await tenant.store.arrangements.releaseOpen(record.connectionId, holder);
      if (!(await tenant.store.arrangements.claimOpen(record.connectionId, record.arrangementId)))
        throw conflict('A request for an arrangement with this creditor is already waiting for an answer.');
    }
    const receipt = await this.receipt(tenant, record);
    let requested: ArrangementRecord;
    try {
      requested = await this.change(tenant, record, {
        state: 'requested',
        flowId: null,
        flowStep: null,
        flowExpiresAt: null,
        receipt,
      });
    } catch (error) {
      await tenant.store.arrangements.releaseOpen(record.connectionId, record.arrangementId);
      throw error;
    }
    await this.askCreditor(tenant, requested);
  }

  /** Within policy the creditor's endpoint answers at once with a signed acceptance that cites the policy hash. */
  private async askCreditor(tenant: TenantContext, record: ArrangementRecord): Promise<void> {
    const current = await currentPolicyOf(tenant, record.providerId, this.deps.clock.now());
    const connection = await tenant.store.connections.get(record.connectionId);
    const keys = this.deps.directoryOf(tenant).provider(record.providerId)?.payloadJwks;
    if (!current || !connection || !keys) return;
    const terms = openTerms(tenant, record);
    try {
      const jws = await this.deps.operations.arrangement(
        { tenantId: tenant.settings.id, providerId: record.providerId, endpoint: current.endpoint },
        {
          action: 'arrangement',
          arrangementId: record.arrangementId,
          connectionId: connection.providerPseudonym,
          proposal: terms.proposal,
          policyHash: record.policyHash,
          outcome: record.outcome,
        },
      );
      const answer = await verifyArrangementAnswer(jws, keys as { keys: [] });
      if (answer?.arrangementId === record.arrangementId && answer.decision === 'accepted') {
        if (answer.policyHash !== record.policyHash) return;
        await this.activate(tenant, record, jws);
      }
    } catch (error) {
      // The request stands: the creditor reads it from its event feed and answers through the API.
      this.deps.logger.warn(
        { arrangementId: record.arrangementId, code: (error as ApiError).code ?? 'error' },
        'creditor did not answer the arrangement request at once',
      );
    }
  }

  private async activate(tenant: TenantContext, record: ArrangementRecord, decision: string | null) {
    const terms = openTerms(tenant, record);
    const accepted = await this.change(
      tenant,
      record,
      {
        state: 'active',
        flowId: null,
        flowStep: null,
        flowExpiresAt: null,
        instalments: 'd'.repeat(terms.proposal.instalmentCents.length),
        ...(decision && { decision }),
      },
      // Accepted and active in one step: both are events, so each side sees the answer and the start.
      { first: 'arrangement.accepted' },
    );
    return accepted;
  }

  private async acceptCounter(tenant: TenantContext, record: ArrangementRecord): Promise<void> {
    const terms = openTerms(tenant, record);
    const agreed: ArrangementTerms = { ...terms, proposal: terms.counterProposal!, counterProposal: terms.proposal };
    const receipt = await this.receipt(tenant, {
      ...record,
      termsSealed: sealTerms(tenant, record.arrangementId, agreed),
    });
    await this.change(
      tenant,
      record,
      {
        state: 'active',
        flowId: null,
        flowStep: null,
        flowExpiresAt: null,
        termsSealed: sealTerms(tenant, record.arrangementId, agreed),
        instalments: 'd'.repeat(agreed.proposal.instalmentCents.length),
        receipt,
      },
      { first: 'arrangement.accepted' },
    );
  }

  /**
   * One change, on the version read: it happens once or not at all (409),
   * the connection's open mark follows the state, and both sides hear of it.
   */
  private async change(
    tenant: TenantContext,
    record: ArrangementRecord,
    patch: ArrangementPatch,
    { instalment, paid = false, first }: { instalment?: number; paid?: boolean; first?: ArrangementEventType } = {},
  ): Promise<ArrangementRecord> {
    const now = this.deps.clock.now();
    const changed = await tenant.store.arrangements.update(record.arrangementId, record.version, {
      ...patch,
      updatedAt: now,
      deleteAt: patch.state === 'countered' ? now + COUNTER_FLOW_MS + KEPT_MS : now + KEPT_MS,
    });
    if (!changed) throw conflict('This arrangement changed meanwhile; read it again.');
    if (!OPEN_STATES.has(changed.state))
      await tenant.store.arrangements.releaseOpen(changed.connectionId, changed.arrangementId);
    if (first) await this.announce(tenant, changed, first);
    if (paid) await this.announce(tenant, changed, 'arrangement.instalment-paid', instalment);
    if (changed.state !== record.state || !paid)
      await this.announce(tenant, changed, `arrangement.${changed.state}` as ArrangementEventType, instalment);
    return changed;
  }

  private async announce(
    tenant: TenantContext,
    record: ArrangementRecord,
    type: ArrangementEventType,
    instalment?: number,
  ): Promise<void> {
    const connection = await tenant.store.connections.get(record.connectionId);
    const extra = { arrangementId: record.arrangementId, ...(instalment !== undefined && { instalment }) };
    if (connection)
      await this.deps.events.emit(tenant, record.providerId, type, {
        connectionId: connection.providerPseudonym,
        ...extra,
      });
    await this.deps.events.emit(tenant, record.consumerId, type, {
      connectionId: consumerConnectionId(record.sub, record.connectionId),
      providerId: record.providerId,
      sub: record.sub,
      ...extra,
    });
  }

  /** The server's signed receipt of what the debtor confirmed: the terms by their digest, nobody by name. */
  private receipt(tenant: TenantContext, record: ArrangementRecord): Promise<string> {
    const terms = openTerms(tenant, record);
    const directory = this.deps.directoryOf(tenant);
    const consumer = directory.consumer(record.consumerId);
    return this.deps.signer.sign(
      tenant,
      {
        receipt_version: 'regiekit-arrangement-receipt/1',
        receipt_id: randomToken(16),
        tenant: tenant.settings.id,
        arrangement_id: record.arrangementId,
        notice: 'Confirmed on the regiekit server with the debtor’s passkey.',
        data_subject: { pseudonym: record.sub, of: record.consumerId },
        creditor: this.providerSummary(tenant, record.providerId),
        ...(consumer && { requested_through: partySummary(consumer) }),
        proposal_sha256: sha256(canonicalJson(terms.proposal)),
        policy: { version: record.policyVersion, sha256: record.policyHash },
        outcome: record.outcome,
        given_at: iso(this.deps.clock.now()),
      },
      { issuer: this.deps.publicUrl, subject: record.sub, type: 'arrangement-receipt+jwt' },
    );
  }

  // --- Lookups ---

  private async pendingOn(tenant: TenantContext, connectionId: string): Promise<boolean> {
    const holder = await tenant.store.arrangements.openFor(connectionId);
    const open = holder && (await tenant.store.arrangements.get(holder));
    return Boolean(open && OPEN_STATES.has(open.state));
  }

  private async openFlow(tenant: TenantContext, flowId: string): Promise<ArrangementRecord | undefined> {
    const record = await tenant.store.arrangements.byFlow(flowId);
    if (!record || (record.flowExpiresAt ?? 0) <= this.deps.clock.now()) return undefined;
    const waiting =
      (record.flowStep === 'request' && record.state === 'draft') ||
      (record.flowStep === 'counter-proposal' && record.state === 'countered');
    return waiting ? record : undefined;
  }

  private async ofProvider(tenant: TenantContext, providerId: string, arrangementId: string) {
    const record = await tenant.store.arrangements.get(arrangementId);
    if (!record || record.providerId !== providerId || record.state === 'draft') throw notFound('arrangement');
    return record;
  }

  private async providerView(tenant: TenantContext, record: ArrangementRecord): Promise<ArrangementView> {
    const connection = await tenant.store.connections.get(record.connectionId);
    return arrangementView(
      record,
      openTerms(tenant, record),
      this.providerSummary(tenant, record.providerId),
      connection?.providerPseudonym ?? record.arrangementId,
    );
  }

  private providerSummary(tenant: TenantContext, providerId: string) {
    const provider = this.deps.directoryOf(tenant).provider(providerId);
    return provider ? partySummary(provider) : { id: providerId, displayName: { nl: providerId, en: providerId } };
  }

  /** Where the decision page goes after the debtor decided (a popup closes itself instead). */
  private accountPage(tenant: TenantContext): string {
    return `${this.deps.publicUrl}/u/${tenant.settings.id}/account`;
  }

  private flowUrl(tenant: TenantContext, flowId: string): string {
    return `${this.deps.publicUrl}/u/${tenant.settings.id}/flows/${flowId}`;
  }
}
