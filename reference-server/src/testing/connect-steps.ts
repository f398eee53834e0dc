import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { randomToken } from '../crypto/random.js';
import type { SoftwarePasskey } from './software-passkey.js';
import type { TestBrowser } from './test-browser.js';
import { CONSUMER_URLS, PARTY_SECRETS, ZORG_KEYS } from './test-parties.js';

type RequestApp = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

export const ORIGIN = 'http://localhost:8080';

export const basicAuth = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export const PARTY_AUTH = {
  energie: basicAuth('energie', PARTY_SECRETS.energie),
  schuldhulp: basicAuth('schuldhulp', PARTY_SECRETS.schuldhulp),
  budgetcoach: basicAuth('budgetcoach', PARTY_SECRETS.budgetcoach),
  arnhemEnergie: basicAuth('arnhem-energie', PARTY_SECRETS.arnhemEnergie),
  toeslagen: basicAuth('toeslagen', PARTY_SECRETS.toeslagen),
  bijstand: basicAuth('bijstand', PARTY_SECRETS.bijstand),
};

/** A private_key_jwt assertion of the health insurer for this tenant's API. */
export async function zorgAssertion(now: number, audience = `${ORIGIN}/api/v1/nijmegen`): Promise<string> {
  const seconds = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: 'zorg-1' })
    .setIssuer('zorg')
    .setSubject('zorg')
    .setAudience(audience)
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + 120)
    .setJti(randomToken(12))
    .sign(ZORG_KEYS.privateKey);
}

/** A party's JSON call: status and body. */
export async function partyCall<T = Record<string, unknown>>(
  app: RequestApp,
  authorization: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await app.request(`${ORIGIN}${path}`, {
    method,
    headers: { Authorization: authorization, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/**
 * The user signs in to the consumer (OAuth code + PKCE + PAR, by hand here;
 * oauth/oauth.test.ts runs the same with a standard client) and the consumer
 * learns its pseudonym `sub`.
 */
export async function signInToConsumer(
  app: RequestApp,
  browser: TestBrowser,
  passkey: SoftwarePasskey,
  { register = false, consumer = 'schuldhulp' } = {},
): Promise<string> {
  const auth = consumer === 'schuldhulp' ? PARTY_AUTH.schuldhulp : PARTY_AUTH.budgetcoach;
  const redirect = consumer === 'schuldhulp' ? CONSUMER_URLS.redirect : 'https://budgetcoach.example/cb';
  const verifier = randomToken(32);
  const form = (body: Record<string, string>) => ({
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body),
  });
  const par = (await (
    await app.request(
      `${ORIGIN}/oauth/nijmegen/par`,
      form({
        response_type: 'code',
        client_id: consumer,
        redirect_uri: redirect,
        state: 'state-1',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      }),
    )
  ).json()) as { request_uri: string };
  const location = (
    await browser.request(
      `/oauth/nijmegen/authorize?client_id=${consumer}&request_uri=${encodeURIComponent(par.request_uri)}`,
    )
  ).headers.get('Location')!;
  if (register) await browser.registerPasskey(passkey);
  else await browser.signIn(passkey);
  const approved = await browser.json<{ redirectTo: string }>(
    `/api/v1/nijmegen/account/flows/${location.split('/').pop()}/approve`,
    { json: {} },
  );
  const code = new URL(approved.body.redirectTo).searchParams.get('code')!;
  const tokens = (await (
    await app.request(
      `${ORIGIN}/oauth/nijmegen/token`,
      form({ grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: verifier }),
    )
  ).json()) as { sub: string };
  return tokens.sub;
}

/** The user connects a provider account by QR: the provider mints, the phone approves with the passkey, the portal confirms the code. */
export async function connectByQr(
  app: RequestApp,
  phone: TestBrowser,
  passkey: SoftwarePasskey,
  providerAuth: string,
  customerRef: string,
): Promise<void> {
  const minted = await partyCall<{ tokenId: string; connectUrl: string; statusToken: string }>(
    app,
    providerAuth,
    'POST',
    '/api/v1/nijmegen/provider/connect-tokens',
    { customerRef },
  );
  const token = new URL(minted.body.connectUrl).hash.replace('#t=', '');
  await phone.json('/api/v1/nijmegen/account/scans', { json: { token } });
  await phone.signIn(passkey);
  const approved = await phone.json<{ confirmationCode: string }>(
    `/api/v1/nijmegen/account/scans/${minted.body.tokenId}/approve`,
    { json: { token } },
  );
  const confirmed = await app.request(`${ORIGIN}/api/v1/nijmegen/connect-tokens/${minted.body.tokenId}/confirm`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${minted.body.statusToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: approved.body.confirmationCode }),
  });
  if (confirmed.status !== 200) throw new Error(`connecting failed: ${confirmed.status}`);
}
