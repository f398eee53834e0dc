import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateKeyPair, jwtVerify } from 'jose';
import { CallApi } from '../call/index.js';
import { AccountClient, ConnectTokenClient } from '../connect/index.js';
import { ConsentClient, ConsentStatusClient } from '../consent/index.js';
import { PartyClient } from '../party/index.js';
import { StaffApi } from '../staff/index.js';
import { PartyRequester, RegieApiError, poll, requestJson, tenantApiUrl, type FetchLike } from './index.js';

/** The WebAuthn library as the pages load it, lazily (mocked here where a test mocks it). */
const loadWebAuthn = () => import('@simplewebauthn/browser');

const SERVER = 'https://regie.example/';
const noAnswer: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
const answer =
  (status: number, body?: unknown): FetchLike =>
  () =>
    Promise.resolve(
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
    );

/** One request of every client, so each is held to the same mapping. */
const everyClient: [string, (fetch: FetchLike) => Promise<unknown>][] = [
  ['CallApi', (fetch) => new CallApi({ server: SERVER, tenant: 'demo', fetch }).createCall('general')],
  ['ConnectTokenClient', (fetch) => new ConnectTokenClient({ server: SERVER, tenant: 'demo', fetch }).status('t', 's')],
  ['AccountClient', (fetch) => new AccountClient({ loadWebAuthn, server: SERVER, tenant: 'demo', fetch }).account()],
  [
    'ConsentStatusClient',
    (fetch) => new ConsentStatusClient({ server: SERVER, tenant: 'demo', fetch }).status('c', 's'),
  ],
  ['StaffApi', (fetch) => new StaffApi({ server: SERVER, tenant: 'demo', fetch }).agents()],
  ['StaffApi.tenants', (fetch) => StaffApi.tenants(SERVER, fetch)],
  [
    'PartyClient',
    (fetch) =>
      new PartyClient({
        server: SERVER,
        tenant: 'demo',
        credential: { partyId: 'p', clientSecret: 's' },
        fetch,
      }).services(),
  ],
  [
    'ConsentClient',
    (fetch) =>
      new ConsentClient({
        server: SERVER,
        tenant: 'demo',
        credential: { partyId: 'p', clientSecret: 's' },
        fetch,
      }).consent('c'),
  ],
];

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('one HTTP room for every client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each(everyClient)(
    '%s: no answer while online is "unreachable" (a CSP or a wrong server), offline is "network"',
    async (_name, call) => {
      vi.stubGlobal('navigator', { onLine: true });
      expect(await rejection(call(noAnswer))).toMatchObject({ name: 'RegieApiError', status: 0, code: 'unreachable' });
      vi.stubGlobal('navigator', { onLine: false });
      expect(await rejection(call(noAnswer))).toMatchObject({ name: 'RegieApiError', status: 0, code: 'network' });
    },
  );

  it.each(everyClient)(
    '%s: an error answer keeps the server’s stable code, message and details',
    async (_name, call) => {
      const body = {
        error: { code: 'not_found', message: 'Unknown consent.', details: [{ path: 'id', message: 'x' }] },
      };
      const error = await rejection(call(answer(404, body)));
      expect(error).toBeInstanceOf(RegieApiError);
      expect(error).toMatchObject({
        status: 404,
        code: 'not_found',
        message: 'Unknown consent.',
        details: body.error.details,
      });
    },
  );

  it('names an error answer without the stable shape "unknown", with the status text', async () => {
    const fetch: FetchLike = () => Promise.resolve(new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(await rejection(requestJson(fetch, SERVER, {}))).toMatchObject({
      status: 502,
      code: 'unknown',
      message: 'Bad Gateway',
    });
  });

  it('resolves an answer without a body to undefined', async () => {
    expect(await requestJson(answer(204), SERVER, {})).toBeUndefined();
  });

  it('builds a tenant’s API URL with or without a trailing slash, the tenant encoded', () => {
    expect(tenantApiUrl('https://regie.example/', 'den bosch', '/calls')).toBe(
      'https://regie.example/api/v1/den%20bosch/calls',
    );
    expect(tenantApiUrl('https://regie.example/base', 'demo')).toBe('https://regie.example/base/api/v1/demo');
    expect(tenantApiUrl('', 'demo', '/account')).toBe('/api/v1/demo/account');
  });

  it('polls again after an error that can heal, and stops after one that cannot', async () => {
    vi.useFakeTimers();
    try {
      const errors: string[] = [];
      const answers = [new RegieApiError(503, 'upstream_unavailable', ''), new RegieApiError(404, 'not_found', '')];
      const stop = poll(
        () => Promise.reject(answers.shift()),
        () => undefined,
        { intervalMs: 10, onError: (error) => errors.push(error.code) },
      );
      await vi.advanceTimersByTimeAsync(50);
      stop();
      expect(errors).toEqual(['upstream_unavailable', 'not_found']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('signs each party request with a fresh private_key_jwt for the tenant’s API', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const sent: Request[] = [];
    const fetch: FetchLike = (input, init) => {
      sent.push(new Request(input, init));
      return Promise.resolve(new Response('{}', { status: 200 }));
    };
    const requester = new PartyRequester({
      server: SERVER,
      tenant: 'demo',
      credential: { partyId: 'demo-app', privateKey, keyId: 'k1' },
      fetch,
    });
    await requester.call('GET', '/catalogue');
    await requester.call('GET', '/catalogue');
    const [first, second] = sent.map((request) => request.headers.get('Authorization')!.replace('Bearer ', ''));
    const { payload } = await jwtVerify(first!, publicKey, { audience: 'https://regie.example/api/v1/demo' });
    expect(payload).toMatchObject({ iss: 'demo-app', sub: 'demo-app' });
    expect(first).not.toBe(second);
  });
});
