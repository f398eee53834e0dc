import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RegieApiError } from '../http/index.js';
import { AccountClient } from './account-client.js';
import { ConnectTokenClient } from './connect-token-client.js';
import { groupConfirmationCode } from './format.js';
import { PasskeyError } from './passkey-error.js';

/** The WebAuthn library as the pages load it, lazily (mocked here where a test mocks it). */
const loadWebAuthn = () => import('@simplewebauthn/browser');

const webauthn = vi.hoisted(() => ({
  supported: true,
  startRegistration: vi.fn(),
  startAuthentication: vi.fn(),
}));

vi.mock('@simplewebauthn/browser', () => ({
  browserSupportsWebAuthn: () => webauthn.supported,
  startRegistration: webauthn.startRegistration,
  startAuthentication: webauthn.startAuthentication,
}));

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
  cache: RequestCache | undefined;
}

type Answer = { status: number; body?: unknown };

/** A fetch that answers from a queue per "METHOD url" and records every request. */
function fakeFetch(answers: Record<string, Answer | Answer[]>) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const url = String(input);
    sent.push({
      method,
      url,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      credentials: init.credentials,
      cache: init.cache,
    });
    const queued = answers[`${method} ${url}`];
    const answer = (Array.isArray(queued) ? queued.shift() : queued) ?? {
      status: 404,
      body: { error: { code: 'not_found', message: 'no route' } },
    };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

const error = (status: number, code: string) => ({ status, body: { error: { code, message: code } } });
const SERVER = 'https://regie.example/';
const TOKENS = `https://regie.example/api/v1/demo/connect-tokens`;
const MINTED = {
  tokenId: 'tokAAAAAAAAAAAAAAAAAAA',
  connectUrl: 'https://regie.example/u/demo/scan#t=x',
  statusToken: 's'.repeat(40),
  expiresAt: '2026-11-23T10:10:00.000Z',
};
const status = (name: string, attempts = 3) => ({
  status: 200,
  body: { status: name, expiresAt: MINTED.expiresAt, confirmationAttemptsLeft: attempts },
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('should have failed'),
    (reason: unknown) => reason,
  );
}

describe('ConnectTokenClient', () => {
  it('mints through the portal’s own backend, with its cookie and nothing for the regiekit server', async () => {
    const { fetch, sent } = fakeFetch({ 'POST /portal/connect-token': { status: 200, body: MINTED } });
    const client = new ConnectTokenClient({ server: SERVER, tenant: 'demo', fetch });
    expect(await client.mint('/portal/connect-token')).toEqual(MINTED);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: '/portal/connect-token',
      credentials: 'same-origin',
      body: {},
    });
    expect(sent[0]!.headers['content-type']).toBe('application/json');
    expect(sent[0]!.headers.authorization).toBeUndefined();
  });

  it('asks for the status with the status token as bearer, without cookies or cache', async () => {
    const { fetch, sent } = fakeFetch({ [`GET ${TOKENS}/${MINTED.tokenId}`]: status('waiting') });
    const client = new ConnectTokenClient({ server: SERVER, tenant: 'demo', fetch });
    expect((await client.status(MINTED.tokenId, MINTED.statusToken)).status).toBe('waiting');
    expect(sent[0]).toMatchObject({ method: 'GET', credentials: 'omit', cache: 'no-store', body: undefined });
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${MINTED.statusToken}`);
  });

  it('confirms the code as people type it, and maps the refusals to stable codes', async () => {
    const url = `POST ${TOKENS}/${MINTED.tokenId}/confirm`;
    const { fetch, sent } = fakeFetch({
      [url]: [
        error(400, 'wrong_confirmation_code'),
        error(410, 'token_expired'),
        error(409, 'token_used'),
        status('connected', 2),
      ],
    });
    const client = new ConnectTokenClient({ server: SERVER, tenant: 'demo', fetch });
    for (const [httpStatus, code] of [
      [400, 'wrong_confirmation_code'],
      [410, 'token_expired'],
      [409, 'token_used'],
    ] as const) {
      const failure = await rejection(client.confirm(MINTED.tokenId, MINTED.statusToken, 'k7r 4mx'));
      expect(failure).toBeInstanceOf(RegieApiError);
      expect(failure).toMatchObject({ status: httpStatus, code });
    }
    expect((await client.confirm(MINTED.tokenId, MINTED.statusToken, 'K7R-4MX')).status).toBe('connected');
    expect(sent.map((s) => s.body)).toEqual([
      { code: 'K7R4MX' },
      { code: 'K7R4MX' },
      { code: 'K7R4MX' },
      { code: 'K7R4MX' },
    ]);
    expect(sent[0]!.headers).toMatchObject({
      authorization: `Bearer ${MINTED.statusToken}`,
      'content-type': 'application/json',
    });
    expect(sent[0]!.credentials).toBe('omit');
  });

  it('reports an unreachable server as status 0 "unreachable"', async () => {
    const fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof globalThis.fetch;
    const client = new ConnectTokenClient({ server: SERVER, tenant: 'demo', fetch });
    expect(await rejection(client.status('t', 's'))).toMatchObject({ status: 0, code: 'unreachable' });
  });

  describe('watch', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('polls every interval until the token is connected, then stops', async () => {
      const { fetch, sent } = fakeFetch({
        [`GET ${TOKENS}/${MINTED.tokenId}`]: [
          status('waiting'),
          status('scanned'),
          status('connected'),
          status('connected'),
        ],
      });
      const seen: string[] = [];
      new ConnectTokenClient({ server: SERVER, tenant: 'demo', fetch }).watch(
        MINTED.tokenId,
        MINTED.statusToken,
        (s) => seen.push(s.status),
        { intervalMs: 1000 },
      );
      await vi.advanceTimersByTimeAsync(0);
      expect(seen).toEqual(['waiting']);
      await vi.advanceTimersByTimeAsync(1000);
      expect(seen).toEqual(['waiting', 'scanned']);
      await vi.advanceTimersByTimeAsync(5000);
      expect(seen).toEqual(['waiting', 'scanned', 'connected']);
      expect(sent).toHaveLength(3);
    });

    it('keeps going through a network error, stops on a refusal, and stops when told', async () => {
      const url = `GET ${TOKENS}/${MINTED.tokenId}`;
      const { fetch, sent } = fakeFetch({ [url]: [error(503, 'upstream_unavailable'), error(404, 'not_found')] });
      const errors: string[] = [];
      const client = new ConnectTokenClient({ server: SERVER, tenant: 'demo', fetch });
      client.watch(MINTED.tokenId, MINTED.statusToken, () => undefined, { onError: (e) => errors.push(e.code) });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(errors).toEqual(['upstream_unavailable', 'not_found']);
      expect(sent).toHaveLength(2);

      const second = fakeFetch({ [url]: status('waiting') });
      const stop = new ConnectTokenClient({ server: SERVER, tenant: 'demo', fetch: second.fetch }).watch(
        MINTED.tokenId,
        MINTED.statusToken,
        () => undefined,
      );
      await vi.advanceTimersByTimeAsync(1500);
      stop();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(second.sent).toHaveLength(2);
    });
  });
});

describe('AccountClient', () => {
  const ACCOUNT = '/api/v1/demo/account';
  const CREDENTIAL = { id: 'cred', rawId: 'cred', type: 'public-key', response: {} };

  beforeEach(() => {
    webauthn.supported = true;
    webauthn.startRegistration.mockReset().mockResolvedValue(CREDENTIAL);
    webauthn.startAuthentication.mockReset().mockResolvedValue(CREDENTIAL);
  });

  it('talks to the page’s own origin by default, with the session cookie', async () => {
    const { fetch, sent } = fakeFetch({ [`GET ${ACCOUNT}`]: { status: 200, body: { signedIn: false } } });
    expect(await new AccountClient({ loadWebAuthn, tenant: 'demo', fetch }).account()).toEqual({ signedIn: false });
    expect(sent[0]).toMatchObject({ method: 'GET', url: ACCOUNT, credentials: 'same-origin', cache: 'no-store' });
  });

  it('registers a passkey: options, the browser ceremony with those options, then the credential', async () => {
    const options = {
      challenge: 'c',
      rp: { name: 'regie' },
      user: { id: 'u', name: 'u', displayName: 'u' },
      pubKeyCredParams: [],
    };
    const { fetch, sent } = fakeFetch({
      [`POST ${ACCOUNT}/passkeys/options`]: [
        { status: 200, body: options },
        { status: 200, body: options },
      ],
      [`POST ${ACCOUNT}/passkeys`]: [
        { status: 201, body: { signedIn: true } },
        { status: 201, body: { signedIn: true } },
      ],
    });
    const client = new AccountClient({ loadWebAuthn, tenant: 'demo', fetch });
    await client.createAccountWithPasskey();
    await client.addPasskey();
    expect(webauthn.startRegistration).toHaveBeenCalledWith({ optionsJSON: options });
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      `POST ${ACCOUNT}/passkeys/options`,
      `POST ${ACCOUNT}/passkeys`,
      `POST ${ACCOUNT}/passkeys/options`,
      `POST ${ACCOUNT}/passkeys`,
    ]);
    expect(sent[0]!.body).toEqual({});
    expect(sent[1]!.body).toEqual({ credential: CREDENTIAL });
    for (const request of sent) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.credentials).toBe('same-origin');
    }
  });

  it('signs in with a passkey, and a closed prompt is a "cancelled" PasskeyError with nothing sent', async () => {
    const options = { challenge: 'c', rpId: 'regie.example' };
    const { fetch, sent } = fakeFetch({
      [`POST https://regie.example${ACCOUNT}/sign-in/options`]: [
        { status: 200, body: options },
        { status: 200, body: options },
      ],
      [`POST https://regie.example${ACCOUNT}/sign-in`]: { status: 200, body: { signedIn: true } },
    });
    const client = new AccountClient({ loadWebAuthn, server: 'https://regie.example', tenant: 'demo', fetch });
    await client.signInWithPasskey();
    expect(webauthn.startAuthentication).toHaveBeenCalledWith({ optionsJSON: options });
    expect(sent[1]).toMatchObject({ method: 'POST', body: { credential: CREDENTIAL } });

    webauthn.startAuthentication.mockRejectedValueOnce(
      Object.assign(new Error('The operation either timed out or was not allowed.'), { name: 'NotAllowedError' }),
    );
    const failure = await rejection(client.signInWithPasskey());
    expect(failure).toBeInstanceOf(PasskeyError);
    expect((failure as PasskeyError).reason).toBe('cancelled');
    expect(sent).toHaveLength(3);
  });

  it('names the other ceremony failures', async () => {
    const { fetch } = fakeFetch({ [`POST ${ACCOUNT}/passkeys/options`]: { status: 200, body: { challenge: 'c' } } });
    const client = new AccountClient({ loadWebAuthn, tenant: 'demo', fetch });
    webauthn.startRegistration.mockRejectedValueOnce(Object.assign(new Error('x'), { name: 'InvalidStateError' }));
    expect(await rejection(client.addPasskey())).toMatchObject({ reason: 'already-registered' });
    webauthn.startRegistration.mockRejectedValueOnce(Object.assign(new Error('x'), { name: 'SecurityError' }));
    expect(await rejection(client.addPasskey())).toMatchObject({ reason: 'failed' });
    webauthn.supported = false;
    expect(await rejection(client.addPasskey())).toMatchObject({ reason: 'unsupported' });
  });

  it('sends every decision as a JSON POST to its own path', async () => {
    const flowId = 'flowAAAAAAAAAAAAAAAAAA';
    const tokenId = 'tokAAAAAAAAAAAAAAAAAAA';
    const outcome = { status: 200, body: { redirectTo: 'https://app.example/back' } };
    const { fetch, sent } = fakeFetch({
      [`GET ${ACCOUNT}/flows/${flowId}`]: { status: 200, body: { kind: 'sign-in', flowId } },
      [`POST ${ACCOUNT}/flows/${flowId}/approve`]: outcome,
      [`POST ${ACCOUNT}/flows/${flowId}/refuse`]: outcome,
      [`POST ${ACCOUNT}/scans`]: { status: 200, body: { tokenId } },
      [`POST ${ACCOUNT}/scans/${tokenId}/approve`]: {
        status: 200,
        body: { status: 'scanned', confirmationCode: 'K7R4MX' },
      },
      [`GET ${ACCOUNT}/scans/${tokenId}`]: { status: 200, body: { status: 'scanned' } },
      [`POST ${ACCOUNT}/sign-out`]: { status: 204 },
      [`POST ${ACCOUNT}/connections/conn1/end`]: { status: 204 },
    });
    const client = new AccountClient({ loadWebAuthn, tenant: 'demo', fetch });
    expect(await client.flow(flowId)).toMatchObject({ kind: 'sign-in' });
    expect(await client.approveFlow(flowId)).toEqual({ redirectTo: 'https://app.example/back' });
    expect(await client.refuseFlow(flowId)).toEqual({ redirectTo: 'https://app.example/back' });
    expect(await client.scan('the-token')).toEqual({ tokenId });
    expect(await client.approveScan(tokenId, 'the-token')).toEqual({ status: 'scanned', confirmationCode: 'K7R4MX' });
    expect(await client.scanStatus(tokenId)).toEqual({ status: 'scanned' });
    expect(await client.signOut()).toBeUndefined();
    expect(await client.endConnection('conn1')).toBeUndefined();
    const posts = sent.filter((s) => s.method === 'POST');
    expect(posts.map((s) => s.body)).toEqual([{}, {}, { token: 'the-token' }, { token: 'the-token' }, {}, {}]);
    for (const post of posts) expect(post.headers['content-type']).toBe('application/json');
  });

  it('sends the sources a consent names when approving it', async () => {
    const flowId = 'flowAAAAAAAAAAAAAAAAAA';
    const outcome = { status: 200, body: { redirectTo: 'https://app.example/back' } };
    const { fetch, sent } = fakeFetch({ [`POST ${ACCOUNT}/flows/${flowId}/approve`]: [outcome, outcome] });
    const client = new AccountClient({ loadWebAuthn, tenant: 'demo', fetch });
    await client.approveFlow(flowId, { connections: ['connAAAAAAAAAAAAAAAAAA'] });
    await client.approveFlow(flowId);
    expect(sent.map((s) => s.body)).toEqual([{ connections: ['connAAAAAAAAAAAAAAAAAA'] }, {}]);
    expect(sent[0]!.headers['content-type']).toBe('application/json');
  });

  it('lists consents, revokes one, and fetches its receipt as text', async () => {
    const consentId = 'consAAAAAAAAAAAAAAAAAA';
    const jws = 'eyJhbGciOiJFUzI1NiJ9.eyJjb25zZW50In0.c2lnbmF0dXJl';
    const { fetch, sent } = fakeFetch({
      [`GET ${ACCOUNT}/consents`]: { status: 200, body: { consents: [] } },
      [`POST ${ACCOUNT}/consents/${consentId}/revoke`]: [error(401, 'passkey_required'), { status: 204 }],
    });
    const receiptFetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input) === `${ACCOUNT}/consents/${consentId}/receipt`) {
        return new Response(jws, { status: 200, headers: { 'Content-Type': 'application/jose' } });
      }
      return fetch(input, init);
    }) as unknown as typeof globalThis.fetch;
    const client = new AccountClient({ loadWebAuthn, tenant: 'demo', fetch: receiptFetch });
    expect(await client.consents()).toEqual({ consents: [] });
    expect(await rejection(client.revokeConsent(consentId))).toMatchObject({
      name: 'RegieApiError',
      code: 'passkey_required',
    });
    expect(await client.revokeConsent(consentId)).toBeUndefined();
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      `GET ${ACCOUNT}/consents`,
      `POST ${ACCOUNT}/consents/${consentId}/revoke`,
      `POST ${ACCOUNT}/consents/${consentId}/revoke`,
    ]);
    expect(sent[1]).toMatchObject({ body: {}, credentials: 'same-origin' });

    expect(await client.consentReceipt(consentId)).toBe(jws);
    const [, init] = vi.mocked(receiptFetch).mock.calls.at(-1)!;
    expect(init).toMatchObject({ credentials: 'same-origin', cache: 'no-store' });
    expect(new Headers(init!.headers).get('accept')).toBe('application/jose');
  });

  it('maps a refused receipt like every other answer', async () => {
    const { fetch } = fakeFetch({});
    const client = new AccountClient({ loadWebAuthn, tenant: 'demo', fetch });
    expect(await rejection(client.consentReceipt('consAAAAAAAAAAAAAAAAAA'))).toMatchObject({
      name: 'RegieApiError',
      status: 404,
      code: 'not_found',
    });
    const offline = new AccountClient({
      loadWebAuthn,
      tenant: 'demo',
      fetch: (() => Promise.reject(new TypeError('offline'))) as unknown as typeof globalThis.fetch,
    });
    expect(await rejection(offline.consentReceipt('consAAAAAAAAAAAAAAAAAA'))).toMatchObject({
      status: 0,
      code: 'unreachable',
    });
  });

  it('maps what the server refuses to RegieApiError codes', async () => {
    const flowId = 'flowAAAAAAAAAAAAAAAAAA';
    const { fetch } = fakeFetch({
      [`POST ${ACCOUNT}/flows/${flowId}/approve`]: [
        error(401, 'passkey_required'),
        error(403, 'wrong_account'),
        error(403, 'wrong_session'),
        error(410, 'token_expired'),
      ],
    });
    const client = new AccountClient({ loadWebAuthn, tenant: 'demo', fetch });
    for (const code of ['passkey_required', 'wrong_account', 'wrong_session', 'token_expired']) {
      expect(await rejection(client.approveFlow(flowId))).toMatchObject({ name: 'RegieApiError', code });
    }
  });
});

describe('groupConfirmationCode', () => {
  it('reads as two groups of three, whatever was typed between them', () => {
    expect(groupConfirmationCode('K7R4MX')).toBe('K7R 4MX');
    expect(groupConfirmationCode('k7r-4mx')).toBe('K7R 4MX');
  });
});
