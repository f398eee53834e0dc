import * as oauth from 'oauth4webapi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SoftwarePasskey } from '../testing/software-passkey.js';
import { TestBrowser } from '../testing/test-browser.js';
import { CONSUMER_URLS, PARTY_SECRETS } from '../testing/test-parties.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

const ORIGIN = 'http://localhost:8080';
const ISSUER = new URL(`${ORIGIN}/oauth/nijmegen`);

let server: TestServer;
let fetchOptions: { [oauth.customFetch]: typeof fetch; [oauth.allowInsecureRequests]: true };

beforeEach(() => {
  server = createTestServer();
  // The standard client speaks HTTP to the app in this process.
  const viaApp = (async (input: RequestInfo | URL, init?: RequestInit) =>
    server.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch;
  fetchOptions = { [oauth.customFetch]: viaApp, [oauth.allowInsecureRequests]: true };
});
afterEach(() => server.close());

/** The consumer's side, entirely with oauth4webapi (a client not written here): discovery, PAR, PKCE, code exchange. */
async function signInWith(
  consumer: { id: string; secret: string; redirect: string },
  browser: TestBrowser,
  passkey: SoftwarePasskey,
  { register = false } = {},
) {
  const as = await oauth.processDiscoveryResponse(
    ISSUER,
    await oauth.discoveryRequest(ISSUER, { algorithm: 'oauth2', ...fetchOptions }),
  );
  const client: oauth.Client = { client_id: consumer.id };
  const auth = oauth.ClientSecretBasic(consumer.secret);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const params = new URLSearchParams({
    response_type: 'code',
    redirect_uri: consumer.redirect,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    scope: 'connect',
  });
  const par = await oauth.processPushedAuthorizationResponse(
    as,
    client,
    await oauth.pushedAuthorizationRequest(as, client, auth, params, fetchOptions),
  );

  // The user's browser: authorize -> decision page -> passkey -> approve -> back to the consumer.
  const authorize = await browser.request(
    `/oauth/nijmegen/authorize?client_id=${consumer.id}&request_uri=${encodeURIComponent(par.request_uri)}`,
  );
  expect(authorize.status).toBe(303);
  const flowId = authorize.headers.get('Location')!.split('/').pop()!;
  const view = await browser.json<{ kind: string; consumer: { id: string } }>(
    `/api/v1/nijmegen/account/flows/${flowId}`,
  );
  expect(view.body).toMatchObject({ kind: 'sign-in', consumer: { id: consumer.id } });
  expect(register ? await browser.registerPasskey(passkey) : await browser.signIn(passkey)).toBe(register ? 201 : 200);
  const approved = await browser.json<{ redirectTo: string }>(`/api/v1/nijmegen/account/flows/${flowId}/approve`, {
    json: {},
  });
  expect(approved.status).toBe(200);

  const callback = oauth.validateAuthResponse(as, client, new URL(approved.body.redirectTo), state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    auth,
    callback,
    consumer.redirect,
    verifier,
    fetchOptions,
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  return { tokens, as, client, auth, callback, verifier };
}

const schuldhulp = { id: 'schuldhulp', secret: PARTY_SECRETS.schuldhulp, redirect: CONSUMER_URLS.redirect };
const budgetcoach = {
  id: 'budgetcoach',
  secret: PARTY_SECRETS.budgetcoach,
  redirect: 'https://budgetcoach.example/cb',
};

describe('consumer sign-in (OAuth 2.0, PAR + PKCE) with a standard client', () => {
  it('completes with oauth4webapi and gives a pairwise pseudonym, also at userinfo', async () => {
    const browser = new TestBrowser(server.app);
    const { tokens } = await signInWith(schuldhulp, browser, new SoftwarePasskey(ORIGIN), { register: true });
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.sub).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    const info = await server.app.request(`${ISSUER}/userinfo`, {
      headers: { Authorization: `Bearer ${tokens.access_token}` },
    });
    expect(await info.json()).toEqual({ sub: tokens.sub });
  });

  it('gives two consumers different pseudonyms, and one consumer the same one every time', async () => {
    const passkey = new SoftwarePasskey(ORIGIN);
    const first = await signInWith(schuldhulp, new TestBrowser(server.app), passkey, { register: true });
    const again = await signInWith(schuldhulp, new TestBrowser(server.app), passkey);
    const other = await signInWith(budgetcoach, new TestBrowser(server.app), passkey);
    expect(again.tokens.sub).toBe(first.tokens.sub);
    expect(other.tokens.sub).not.toBe(first.tokens.sub);
    const someoneElse = await signInWith(schuldhulp, new TestBrowser(server.app), new SoftwarePasskey(ORIGIN), {
      register: true,
    });
    expect(someoneElse.tokens.sub).not.toBe(first.tokens.sub);
  });

  it('refuses a wrong PKCE verifier and a replayed code', async () => {
    const passkey = new SoftwarePasskey(ORIGIN);
    const { as, client, auth, callback } = await signInWith(schuldhulp, new TestBrowser(server.app), passkey, {
      register: true,
    });
    const replay = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      auth,
      callback,
      schuldhulp.redirect,
      oauth.generateRandomCodeVerifier(),
      fetchOptions,
    );
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });

    // A fresh code with the wrong verifier: refused, and the code is spent by the attempt.
    const browser = new TestBrowser(server.app);
    const params = new URLSearchParams({
      response_type: 'code',
      redirect_uri: schuldhulp.redirect,
      code_challenge: await oauth.calculatePKCECodeChallenge('a'.repeat(43)),
      code_challenge_method: 'S256',
      state: 'st',
    });
    const par = await oauth.processPushedAuthorizationResponse(
      as,
      client,
      await oauth.pushedAuthorizationRequest(as, client, auth, params, fetchOptions),
    );
    const flowId = (
      await browser.request(
        `/oauth/nijmegen/authorize?client_id=schuldhulp&request_uri=${encodeURIComponent(par.request_uri)}`,
      )
    ).headers
      .get('Location')!
      .split('/')
      .pop()!;
    await browser.signIn(passkey);
    const approved = await browser.json<{ redirectTo: string }>(`/api/v1/nijmegen/account/flows/${flowId}/approve`, {
      json: {},
    });
    const code = new URL(approved.body.redirectTo).searchParams.get('code')!;
    const wrong = await server.app.request(`${ISSUER}/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`schuldhulp:${PARTY_SECRETS.schuldhulp}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: schuldhulp.redirect,
        code_verifier: 'b'.repeat(43),
      }),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses unregistered redirect URIs, plain PKCE, wrong secrets and approval without a fresh passkey', async () => {
    const basic = (secret: string) => `Basic ${Buffer.from(`schuldhulp:${secret}`).toString('base64')}`;
    const par = (body: Record<string, string>, secret = PARTY_SECRETS.schuldhulp) =>
      server.app.request(`${ISSUER}/par`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic(secret) },
        body: new URLSearchParams(body),
      });
    const good = {
      response_type: 'code',
      client_id: 'schuldhulp',
      redirect_uri: schuldhulp.redirect,
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'S256',
      state: 'x',
    };
    expect((await par({ ...good, redirect_uri: 'https://evil.example/cb' })).status).toBe(400);
    expect((await par({ ...good, code_challenge_method: 'plain' })).status).toBe(400);
    expect((await par(good, 'wrong-secret')).status).toBe(401);

    const { request_uri } = (await (await par(good)).json()) as { request_uri: string };
    const browser = new TestBrowser(server.app);
    const location = (
      await browser.request(
        `/oauth/nijmegen/authorize?client_id=schuldhulp&request_uri=${encodeURIComponent(request_uri)}`,
      )
    ).headers.get('Location')!;
    const approve = await browser.json<{ error: { code: string } }>(
      `/api/v1/nijmegen/account/flows/${location.split('/').pop()}/approve`,
      { json: {} },
    );
    expect(approve.status).toBe(401);
    expect(approve.body.error.code).toBe('passkey_required');
    // The request_uri is single-use.
    expect(
      (
        await browser.request(
          `/oauth/nijmegen/authorize?client_id=schuldhulp&request_uri=${encodeURIComponent(request_uri)}`,
        )
      ).status,
    ).toBe(400);
  });

  it('refuses a passkey assertion without user verification or from another origin', async () => {
    const browser = new TestBrowser(server.app);
    const passkey = new SoftwarePasskey(ORIGIN);
    expect(await browser.registerPasskey(passkey)).toBe(201);
    expect(await browser.signIn(passkey, { userVerified: false })).toBe(400);
    const evil = new TestBrowser(server.app);
    const options = await evil.json<{ challenge: string }>('/api/v1/nijmegen/account/sign-in/options', { json: {} });
    const forged = await evil.json('/api/v1/nijmegen/account/sign-in', {
      json: { credential: passkey.authenticate(options.body, { origin: 'https://evil.example' }) },
    });
    expect(forged.status).toBe(400);
  });
});
