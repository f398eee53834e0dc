import * as client from 'openid-client';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SoftwarePasskey } from '../testing/software-passkey.js';
import { TestBrowser } from '../testing/test-browser.js';
import { CONSUMER_URLS, PARTY_SECRETS } from '../testing/test-parties.js';
import { createTestServer, ManualClock, type TestServer } from '../testing/test-server.js';

const ORIGIN = 'http://localhost:8080';
const ISSUER = `${ORIGIN}/oauth/nijmegen`;

let server: TestServer;
let viaApp: typeof fetch;

beforeEach(() => {
  // openid-client checks the ID token's times against the real clock: the server's starts there.
  server = createTestServer({ clock: new ManualClock(Date.now()) });
  // The certified client speaks HTTP to the app in this process.
  viaApp = (async (input: RequestInfo | URL, init?: RequestInit) =>
    server.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch;
});
afterEach(() => server.close());

/** A consumer that uses openid-client (OpenID Certified) with its defaults: discovery, PAR, PKCE, nonce, ID token checks. */
async function consumer(id = 'schuldhulp', secret = PARTY_SECRETS.schuldhulp) {
  const config = await client.discovery(new URL(ISSUER), id, undefined, client.ClientSecretBasic(secret), {
    [client.customFetch]: viaApp as client.CustomFetch,
    execute: [client.allowInsecureRequests],
  });
  return config;
}

async function signIn(
  config: client.Configuration,
  browser: TestBrowser,
  passkey: SoftwarePasskey,
  register = false,
  redirect = CONSUMER_URLS.redirect,
) {
  const verifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const state = client.randomState();
  const authorizationUrl = await client.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: redirect,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    nonce,
    state,
  });
  const authorize = await browser.request(`${authorizationUrl.pathname}${authorizationUrl.search}`);
  expect(authorize.status).toBe(303);
  const flowId = authorize.headers.get('Location')!.split('/').pop()!;
  expect(register ? await browser.registerPasskey(passkey) : await browser.signIn(passkey)).toBe(register ? 201 : 200);
  const approved = await browser.json<{ redirectTo: string }>(`/api/v1/nijmegen/account/flows/${flowId}/approve`, {
    json: {},
  });
  const tokens = await client.authorizationCodeGrant(config, new URL(approved.body.redirectTo), {
    pkceCodeVerifier: verifier,
    expectedNonce: nonce,
    expectedState: state,
  });
  return { tokens, callback: new URL(approved.body.redirectTo), verifier, nonce };
}

describe('consumer sign-in as an OpenID Connect provider, with openid-client', () => {
  it('is found by discovery and signs the user in with an ID token the client validates by default', async () => {
    const config = await consumer();
    const metadata = config.serverMetadata();
    expect(metadata).toMatchObject({
      issuer: ISSUER,
      jwks_uri: `${ORIGIN}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['ES256'],
      subject_types_supported: ['pairwise'],
      require_pushed_authorization_requests: true,
      code_challenge_methods_supported: ['S256'],
    });
    const browser = new TestBrowser(server.app);
    const before = Math.floor(server.clock.now() / 1000);
    const { tokens, nonce } = await signIn(config, browser, new SoftwarePasskey(ORIGIN), true);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ iss: ISSUER, aud: 'schuldhulp', nonce, amr: ['pop', 'mfa'] });
    expect(claims.sub).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    expect(claims.auth_time).toBeGreaterThanOrEqual(before);

    // The ID token is ES256 under a key of the server's published JWKS.
    const jwks = await (await viaApp(`${ORIGIN}/.well-known/jwks.json`)).json();
    const { protectedHeader } = await jwtVerify(tokens.id_token!, createLocalJWKSet(jwks), {
      issuer: ISSUER,
      audience: 'schuldhulp',
    });
    expect(protectedHeader.alg).toBe('ES256');

    // userinfo answers the same pairwise subject.
    expect(await client.fetchUserInfo(config, tokens.access_token, claims.sub)).toEqual({ sub: claims.sub });
  });

  it('gives each consumer its own subject for the same person', async () => {
    const browser = new TestBrowser(server.app);
    const passkey = new SoftwarePasskey(ORIGIN);
    const first = (await signIn(await consumer(), browser, passkey, true)).tokens.claims()!.sub;
    const again = (await signIn(await consumer(), browser, passkey)).tokens.claims()!.sub;
    const budgetcoach = await consumer('budgetcoach', PARTY_SECRETS.budgetcoach);
    const other = (
      await signIn(budgetcoach, browser, passkey, false, 'https://budgetcoach.example/cb')
    ).tokens.claims()!.sub;
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('revokes the access token a code gave when the code is replayed (RFC 6749 4.1.2)', async () => {
    const config = await consumer();
    const { tokens, callback, verifier } = await signIn(
      config,
      new TestBrowser(server.app),
      new SoftwarePasskey(ORIGIN),
      true,
    );
    const userinfo = () =>
      viaApp(`${ISSUER}/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect((await userinfo()).status).toBe(200);
    const replay = await viaApp(`${ISSUER}/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${btoa(`schuldhulp:${PARTY_SECRETS.schuldhulp}`)}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code')!,
        redirect_uri: CONSUMER_URLS.redirect,
        code_verifier: verifier,
      }),
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await userinfo()).status).toBe(401);
  });

  it('tells the browser of a spent or unknown sign-in link so in Dutch, or in English when the app asks', async () => {
    const dutch = await server.app.request(`${ISSUER}/authorize?client_id=schuldhulp&request_uri=urn:x`);
    expect(dutch.status).toBe(400);
    const page = await dutch.text();
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('Deze inloglink is niet (meer) geldig.');
    const english = await server.app.request(
      `${ISSUER}/authorize?client_id=schuldhulp&request_uri=urn:x&ui_locales=en`,
    );
    expect(await english.text()).toContain('This sign-in link is not valid (any more).');
  });
});
