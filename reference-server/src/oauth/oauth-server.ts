import type { Context } from 'hono';
import type { FlowOutcome, FlowView } from '@regiekit/sdk/protocol';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { withParams, type DecisionFlowKind } from '../accounts/decision-flows.js';
import type { UserSessions } from '../accounts/user-sessions.js';
import { randomToken } from '../crypto/random.js';
import { ApiError } from '../http/api-error.js';
import type { PartyAuthenticator, PartyCredentials } from '../parties/party-authenticator.js';
import { partySummary, type PartyDirectory } from '../parties/party-directory.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';
import { hashToken } from '../crypto/key-ring.js';
import type { ServerSigner } from '../tenants/server-signer.js';
import { pairwiseSubject } from '../accounts/pairwise-subjects.js';

const PUSHED_REQUEST_TTL_S = 90;
const SIGN_IN_FLOW_TTL_MS = 10 * 60 * 1000;
const CODE_TTL_MS = 60 * 1000;
const ACCESS_TOKEN_TTL_S = 3600;
const ID_TOKEN_TTL_S = 300;
/**
 * How the user signed in, as RFC 8176 names it: proof of possession of a key (the passkey),
 * with user verification (the device's PIN or biometric), so two factors.
 */
const PASSKEY_AMR = ['pop', 'mfa'];
const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';

/** An OAuth error as RFC 6749 shapes it; standard clients read `error`, not our error body. */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error:
      | 'invalid_request'
      | 'invalid_client'
      | 'invalid_grant'
      | 'unsupported_grant_type'
      | 'unauthorized_client'
      | 'invalid_token',
    readonly description: string,
  ) {
    super(description);
  }
}

const PushedRequest = z.object({
  response_type: z.literal('code'),
  client_id: z.string().min(1),
  redirect_uri: z.url(),
  state: z.string().min(1).max(512).optional(),
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an S256 code challenge'),
  code_challenge_method: z.literal('S256'),
  scope: z.string().max(200).optional(),
  /** OpenID Connect: returned in the ID token, so the client knows the token is the answer to its request. */
  nonce: z.string().min(1).max(255).optional(),
});
type PushedRequest = z.infer<typeof PushedRequest>;

export interface OAuthDeps {
  publicUrl: string;
  /** Signs ID tokens with the server's keys (published at `/.well-known/jwks.json`). */
  signer: ServerSigner;
  clock: Clock;
  sessions: UserSessions;
  authenticator: PartyAuthenticator;
  directoryOf: (tenant: TenantContext) => PartyDirectory;
}

/**
 * Consumer sign-in with a regie account, as an OpenID Connect provider (and
 * plain OAuth 2.0 authorization server): authorization code with PKCE (S256
 * only), requests pushed first (PAR, required), exact redirect URIs, the `iss`
 * response parameter (RFC 9207), discovery, an ID token (ES256) and userinfo.
 * The consumer learns a pairwise pseudonym (`sub`) and nothing else.
 */
export class OAuthServer implements DecisionFlowKind {
  constructor(private readonly deps: OAuthDeps) {}

  issuer(tenantId: string): string {
    return `${this.deps.publicUrl}/oauth/${tenantId}`;
  }

  metadata(tenantId: string) {
    const issuer = this.issuer(tenantId);
    return {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      pushed_authorization_request_endpoint: `${issuer}/par`,
      userinfo_endpoint: `${issuer}/userinfo`,
      require_pushed_authorization_requests: true,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['ES256', 'PS256', 'RS256', 'EdDSA'],
      authorization_response_iss_parameter_supported: true,
      subject_types_supported: ['pairwise'],
      jwks_uri: `${this.deps.publicUrl}/.well-known/jwks.json`,
      scopes_supported: ['openid'],
      response_modes_supported: ['query'],
      id_token_signing_alg_values_supported: ['ES256'],
      claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'amr'],
      claims_parameter_supported: false,
      request_parameter_supported: false,
      request_uri_parameter_supported: true,
    };
  }

  /** PAR (RFC 9126): the consumer's backend registers the request and gets a one-time `request_uri`. */
  async pushAuthorizationRequest(tenant: TenantContext, credentials: PartyCredentials, form: Record<string, string>) {
    const consumer = await this.authenticateConsumer(tenant, credentials);
    const parsed = PushedRequest.safeParse(form);
    if (!parsed.success)
      throw new OAuthError(
        400,
        'invalid_request',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    if (parsed.data.client_id !== consumer.id)
      throw new OAuthError(400, 'invalid_request', 'client_id does not match the authenticated client');
    const config = this.deps.directoryOf(tenant).consumer(consumer.id)!;
    if (!config.redirectUris.includes(parsed.data.redirect_uri))
      throw new OAuthError(400, 'invalid_request', 'redirect_uri is not registered for this client');
    const handle = randomToken();
    await tenant.store.oauth.savePushedRequest({
      requestHash: hashToken(handle),
      consumerId: consumer.id,
      requestSealed: tenant.crypto.sealSecret(JSON.stringify(parsed.data), hashToken(handle)),
      expiresAt: this.deps.clock.now() + PUSHED_REQUEST_TTL_S * 1000,
    });
    return { request_uri: `${REQUEST_URI_PREFIX}${handle}`, expires_in: PUSHED_REQUEST_TTL_S };
  }

  /**
   * The browser arrives with `client_id` and `request_uri`. The pushed request
   * becomes a sign-in flow bound to this browser session; the user decides on
   * the flow page. Returns that page's path.
   */
  async authorize(
    c: Context,
    tenant: TenantContext,
    query: { client_id?: string; request_uri?: string },
  ): Promise<string> {
    const handle = query.request_uri?.startsWith(REQUEST_URI_PREFIX)
      ? query.request_uri.slice(REQUEST_URI_PREFIX.length)
      : undefined;
    const pushed = handle
      ? await tenant.store.oauth.takePushedRequest(hashToken(handle), this.deps.clock.now())
      : undefined;
    if (!handle || !pushed || pushed.consumerId !== query.client_id) {
      throw new ApiError(
        400,
        'bad_request',
        'This sign-in link is not valid (any more). Go back to the app and start again.',
      );
    }
    const session = await this.deps.sessions.ensure(c, tenant);
    const flowId = randomToken(16);
    const request = tenant.crypto.openSecret(pushed.requestSealed, pushed.requestHash);
    await tenant.store.oauth.saveSignInFlow({
      flowId,
      consumerId: pushed.consumerId,
      sessionHash: session.hash,
      requestSealed: tenant.crypto.sealSecret(request, flowId),
      expiresAt: this.deps.clock.now() + SIGN_IN_FLOW_TTL_MS,
    });
    return `/u/${tenant.settings.id}/flows/${flowId}`;
  }

  async view(_c: Context, tenant: TenantContext, flowId: string): Promise<FlowView | undefined> {
    const flow = await tenant.store.oauth.getSignInFlow(flowId, this.deps.clock.now());
    const consumer = flow && this.deps.directoryOf(tenant).consumer(flow.consumerId);
    if (!flow || !consumer) return undefined;
    return {
      kind: 'sign-in',
      flowId,
      consumer: partySummary(consumer),
      expiresAt: new Date(flow.expiresAt).toISOString(),
    };
  }

  async approve(c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined> {
    const flow = await tenant.store.oauth.getSignInFlow(flowId, this.deps.clock.now());
    if (!flow) return undefined;
    const session = await this.deps.sessions.freshlyVerified(c, tenant);
    // The take below is atomic: a flow approved meanwhile elsewhere is not approved twice.
    if (flow.sessionHash !== session.hash)
      throw new ApiError(403, 'wrong_session', 'Finish signing in in the browser where you started.');
    if (!(await tenant.store.oauth.takeSignInFlow(flowId, this.deps.clock.now()))) return undefined;
    const request = this.requestOf(tenant, flow.requestSealed, flowId);
    const code = randomToken();
    await tenant.store.oauth.saveCode({
      codeHash: hashToken(code),
      consumerId: flow.consumerId,
      userId: session.userId,
      redirectUri: request.redirect_uri,
      codeChallenge: request.code_challenge,
      scope: request.scope ?? '',
      nonce: request.nonce ?? null,
      authTime: session.record.verifiedAt!,
      expiresAt: this.deps.clock.now() + CODE_TTL_MS,
    });
    await pairwiseSubject(tenant, flow.consumerId, session.userId, this.deps.clock.now());
    return {
      redirectTo: withParams(request.redirect_uri, {
        code,
        ...(request.state && { state: request.state }),
        iss: this.issuer(tenant.settings.id),
      }),
    };
  }

  async refuse(c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined> {
    const open = await tenant.store.oauth.getSignInFlow(flowId, this.deps.clock.now());
    if (!open) return undefined;
    if ((await this.deps.sessions.current(c, tenant))?.hash !== open.sessionHash)
      throw new ApiError(403, 'wrong_session', 'Decide in the browser where you started.');
    const flow = await tenant.store.oauth.takeSignInFlow(flowId, this.deps.clock.now());
    if (!flow) return undefined;
    const request = this.requestOf(tenant, flow.requestSealed, flowId);
    return {
      redirectTo: withParams(request.redirect_uri, {
        error: 'access_denied',
        ...(request.state && { state: request.state }),
        iss: this.issuer(tenant.settings.id),
      }),
    };
  }

  /** The token endpoint: a code, once, for the client it was issued to, with the right PKCE verifier. */
  async token(tenant: TenantContext, credentials: PartyCredentials, form: Record<string, string>) {
    const consumer = await this.authenticateConsumer(tenant, credentials);
    if (form.grant_type !== 'authorization_code')
      throw new OAuthError(400, 'unsupported_grant_type', 'only authorization_code is supported');
    if (!form.code || !form.redirect_uri || !form.code_verifier)
      throw new OAuthError(400, 'invalid_request', 'code, redirect_uri and code_verifier are required');
    const codeHash = hashToken(form.code);
    const code = await tenant.store.oauth.takeCode(codeHash, this.deps.clock.now());
    const challenge = createHash('sha256').update(form.code_verifier).digest('base64url');
    // A code used twice has leaked: what it gave the first time is revoked too (RFC 6749 4.1.2).
    if (!code) await tenant.store.oauth.revokeTokensOfCode(codeHash);
    if (
      !code ||
      code.consumerId !== consumer.id ||
      code.redirectUri !== form.redirect_uri ||
      code.codeChallenge !== challenge
    ) {
      throw new OAuthError(
        400,
        'invalid_grant',
        'the code is unknown, used, expired, or does not match redirect_uri or code_verifier',
      );
    }
    const accessToken = randomToken();
    await tenant.store.oauth.saveAccessToken({
      tokenHash: hashToken(accessToken),
      consumerId: consumer.id,
      userId: code.userId,
      scope: code.scope,
      codeHash,
      expiresAt: this.deps.clock.now() + ACCESS_TOKEN_TTL_S * 1000,
    });
    const sub = await pairwiseSubject(tenant, consumer.id, code.userId, this.deps.clock.now());
    const openid = code.scope.split(' ').includes('openid');
    return {
      access_token: accessToken,
      token_type: 'Bearer' as const,
      expires_in: ACCESS_TOKEN_TTL_S,
      ...(code.scope && { scope: code.scope }),
      ...(openid && { id_token: await this.idToken(tenant, consumer.id, sub, code.authTime, code.nonce) }),
      // Before OpenID Connect the pseudonym came here; clients of that time still read it.
      sub,
    };
  }

  async userInfo(tenant: TenantContext, authorization: string | undefined) {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const record = token ? await tenant.store.oauth.getAccessToken(hashToken(token), this.deps.clock.now()) : undefined;
    if (!record) throw new OAuthError(401, 'invalid_token', 'the access token is unknown or expired');
    return { sub: (await tenant.store.oauth.subjectOf(record.consumerId, record.userId))! };
  }

  /** The ID token: who signed in (the consumer's pseudonym), for whom, when and how (a passkey). */
  private idToken(
    tenant: TenantContext,
    clientId: string,
    sub: string,
    authTime: number,
    nonce: string | null,
  ): Promise<string> {
    return this.deps.signer.sign(
      tenant,
      { auth_time: Math.floor(authTime / 1000), amr: PASSKEY_AMR, ...(nonce && { nonce }) },
      {
        issuer: this.issuer(tenant.settings.id),
        audience: clientId,
        subject: sub,
        expiresInSeconds: ID_TOKEN_TTL_S,
        type: 'JWT',
      },
    );
  }

  private requestOf(tenant: TenantContext, sealed: string, flowId: string): PushedRequest {
    return JSON.parse(tenant.crypto.openSecret(sealed, flowId)) as PushedRequest;
  }

  private async authenticateConsumer(tenant: TenantContext, credentials: PartyCredentials) {
    const issuer = this.issuer(tenant.settings.id);
    const party = await this.deps.authenticator.authenticate(tenant, credentials, [
      issuer,
      `${issuer}/token`,
      `${issuer}/par`,
    ]);
    if (!party || party.kind !== 'consumer')
      throw new OAuthError(401, 'invalid_client', 'client authentication failed');
    return party;
  }
}
