import type { Context } from 'hono';
import type {
  ApproveFlowRequest,
  ConnectRequestCreated,
  ConnectTokenRedeemed,
  CreateConnectRequest,
  FlowOutcome,
  FlowView,
} from '@regiekit/sdk/protocol';
import { withParams, type DecisionFlowKind } from '../accounts/decision-flows.js';
import type { UserSessions } from '../accounts/user-sessions.js';
import { randomToken } from '../crypto/random.js';
import { ApiError, notFound } from '../http/api-error.js';
import { partySummary, type PartyDirectory } from '../parties/party-directory.js';
import type { ConnectRequestRecord } from '../storage/connect-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';
import type { ConnectTokens } from './connect-tokens.js';
import type { Connections } from './connections.js';
import { hashToken, tokenMatches } from '../crypto/key-ring.js';

export interface ConnectRequestDeps {
  publicUrl: string;
  clock: Clock;
  sessions: UserSessions;
  tokens: ConnectTokens;
  connections: Connections;
  directoryOf: (tenant: TenantContext) => PartyDirectory;
}

/**
 * The link flow, started by a consumer: the user confirms on the server's
 * origin with a passkey, goes to the provider's connect page with a link
 * token, logs in there (the provider redeems the token with its customer
 * reference), and comes back to the server's origin, where the same browser
 * session and the same passkey must finish it. Only then is the connection
 * made and the user sent to the consumer's registered return URL.
 */
export class ConnectRequests implements DecisionFlowKind {
  constructor(private readonly deps: ConnectRequestDeps) {}

  async create(tenant: TenantContext, consumerId: string, body: CreateConnectRequest): Promise<ConnectRequestCreated> {
    const directory = this.deps.directoryOf(tenant);
    const consumer = directory.consumer(consumerId)!;
    if (!consumer.returnUrls.includes(body.returnUrl)) {
      throw new ApiError(400, 'validation_failed', 'returnUrl is not one of your registered return URLs.', [
        { path: 'returnUrl', message: 'not registered (exact match)' },
      ]);
    }
    if (!directory.provider(body.providerId)) throw notFound('provider');
    const userId = await tenant.store.oauth.userOfSubject(consumerId, body.sub);
    if (!userId) throw notFound('user');
    const now = this.deps.clock.now();
    const record: ConnectRequestRecord = {
      requestId: randomToken(16),
      consumerId,
      providerId: body.providerId,
      userId,
      returnUrl: body.returnUrl,
      stateSealed: '',
      state: 'created',
      sessionHash: null,
      passkeyId: null,
      tokenId: null,
      connectionId: null,
      createdAt: now,
      redeemedAt: null,
      returnSecretHash: null,
      expiresAt: now + tenant.settings.connect.tokenTtlSeconds * 1000 * 2,
    };
    record.stateSealed = tenant.crypto.sealSecret(body.state, record.requestId);
    await tenant.store.connectRequests.insert(record);
    return {
      requestId: record.requestId,
      startUrl: this.flowUrl(tenant, record.requestId),
      expiresAt: new Date(record.expiresAt).toISOString(),
    };
  }

  /** The provider, after its own login, redeems the link token for its customer. */
  async redeem(
    c: Context,
    tenant: TenantContext,
    providerId: string,
    token: string,
    customerRef: string,
  ): Promise<ConnectTokenRedeemed> {
    const record = await this.deps.tokens.present(c, tenant, token, 'link', `party:${providerId}`);
    // A token of another provider is as unknown as a token that does not exist.
    if (record.providerId !== providerId || !record.requestId) throw notFound('connect code');
    const sealed = tenant.crypto.sealPersonalData(customerRef, record.tokenId);
    if (!(await tenant.store.connectTokens.markRedeemed(record.tokenId, sealed, this.deps.clock.now()))) {
      throw new ApiError(409, 'token_used', 'This connect code has already been used.');
    }
    const returnSecret = randomToken();
    if (
      !(await tenant.store.connectRequests.markRedeemed(
        record.requestId,
        hashToken(returnSecret),
        this.deps.clock.now(),
      ))
    )
      throw notFound('connect request');
    // In the fragment: it reaches only the browser the provider sends back, never a server log.
    return { returnUrl: `${this.flowUrl(tenant, record.requestId)}#r=${returnSecret}` };
  }

  async view(c: Context, tenant: TenantContext, flowId: string): Promise<FlowView | undefined> {
    const request = await this.live(tenant, flowId);
    if (!request) return undefined;
    // Once started, the flow belongs to the browser that started it: nobody else learns who asks.
    if (request.state !== 'created') await this.inStartingSession(c, tenant, request);
    const directory = this.deps.directoryOf(tenant);
    const consumer = directory.consumer(request.consumerId);
    const provider = directory.provider(request.providerId);
    if (!consumer || !provider) return undefined;
    const kind = request.state === 'created' ? ('connect-start' as const) : ('connect-finish' as const);
    return {
      kind,
      flowId,
      consumer: partySummary(consumer),
      provider: partySummary(provider),
      expiresAt: new Date(request.expiresAt).toISOString(),
    };
  }

  async approve(
    c: Context,
    tenant: TenantContext,
    flowId: string,
    body?: ApproveFlowRequest,
  ): Promise<FlowOutcome | undefined> {
    const request = await this.live(tenant, flowId);
    if (!request) return undefined;
    if (request.state === 'created') return this.start(c, tenant, request);
    if (request.state === 'redeemed') return this.finish(c, tenant, request, body?.returnSecret);
    if (request.state === 'started')
      throw new ApiError(
        409,
        'conflict',
        'The creditor has not confirmed your customer account yet. Log in there first.',
      );
    throw new ApiError(409, 'token_used', 'This connect request is finished.');
  }

  async refuse(c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined> {
    const request = await this.live(tenant, flowId);
    if (!request) return undefined;
    if (request.state !== 'created') await this.inStartingSession(c, tenant, request);
    if (!(await tenant.store.connectRequests.refuse(flowId))) return undefined;
    if (request.tokenId) await tenant.store.connectTokens.markFailed(request.tokenId);
    return { redirectTo: this.backToConsumer(tenant, request, 'refused') };
  }

  private async start(c: Context, tenant: TenantContext, request: ConnectRequestRecord): Promise<FlowOutcome> {
    const session = await this.deps.sessions.freshlyVerified(c, tenant);
    if (session.userId !== request.userId) {
      throw new ApiError(
        403,
        'wrong_account',
        'This passkey belongs to another regie account than the one you use in the app.',
      );
    }
    const provider = this.deps.directoryOf(tenant).provider(request.providerId)!;
    const { token, tokenId } = await this.deps.tokens.mintLink(
      tenant,
      request.providerId,
      request.requestId,
      request.expiresAt,
    );
    if (
      !(await tenant.store.connectRequests.start(
        request.requestId,
        session.hash,
        session.passkeyId,
        tokenId,
        this.deps.clock.now(),
      ))
    ) {
      throw new ApiError(409, 'token_used', 'This connect request was already started.');
    }
    return {
      redirectTo: withParams(provider.connectPageUrl, { token, return_url: this.flowUrl(tenant, request.requestId) }),
    };
  }

  private async finish(
    c: Context,
    tenant: TenantContext,
    request: ConnectRequestRecord,
    returnSecret: string | undefined,
  ): Promise<FlowOutcome> {
    // A passkey ceremony after the provider redeemed, in the session that started, with the passkey that
    // started, and the secret that came back with the browser the provider logged in.
    const session = await this.deps.sessions.freshlyVerified(c, tenant, request.redeemedAt ?? 0);
    if (session.hash !== request.sessionHash)
      throw new ApiError(403, 'wrong_session', 'Finish connecting in the browser where you started.');
    if (session.passkeyId !== request.passkeyId)
      throw new ApiError(403, 'wrong_account', 'Confirm with the passkey you started with.');
    if (!request.returnSecretHash || !tokenMatches(returnSecret ?? '', request.returnSecretHash)) {
      throw new ApiError(
        403,
        'wrong_session',
        'Log in at the creditor in this browser: this connection was confirmed at the creditor from somewhere else.',
      );
    }
    const token = request.tokenId ? await tenant.store.connectTokens.get(request.tokenId) : undefined;
    if (
      !token?.customerRefSealed ||
      !(await tenant.store.connectTokens.markConnected(token.tokenId, 'redeemed', this.deps.clock.now()))
    ) {
      throw new ApiError(410, 'token_expired', 'This connect request has expired. Start again in the app.');
    }
    const connectionId = randomToken(16);
    if (!(await tenant.store.connectRequests.markConnected(request.requestId, connectionId)))
      throw new ApiError(409, 'token_used', 'This connect request is finished.');
    const customerRef = tenant.crypto.openPersonalData(token.customerRefSealed, token.tokenId);
    await this.deps.connections.create(
      tenant,
      request.userId,
      request.providerId,
      tenant.crypto.sealPersonalData(customerRef, connectionId),
      connectionId,
    );
    return { redirectTo: this.backToConsumer(tenant, request, 'connected') };
  }

  private async inStartingSession(c: Context, tenant: TenantContext, request: ConnectRequestRecord): Promise<void> {
    const session = await this.deps.sessions.current(c, tenant);
    if (session?.hash !== request.sessionHash)
      throw new ApiError(403, 'wrong_session', 'Finish connecting in the browser where you started.');
  }

  private backToConsumer(
    tenant: TenantContext,
    request: ConnectRequestRecord,
    result: 'connected' | 'refused',
  ): string {
    return withParams(request.returnUrl, {
      state: tenant.crypto.openSecret(request.stateSealed, request.requestId),
      result,
      provider: request.providerId,
    });
  }

  private async live(tenant: TenantContext, requestId: string): Promise<ConnectRequestRecord | undefined> {
    const request = await tenant.store.connectRequests.get(requestId);
    return request && request.expiresAt > this.deps.clock.now() ? request : undefined;
  }

  private flowUrl(tenant: TenantContext, requestId: string): string {
    return `${this.deps.publicUrl}/u/${tenant.settings.id}/flows/${requestId}`;
  }
}
