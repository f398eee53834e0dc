import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentState } from '../protocol/index.js';
import { ConsentStatusClient, isDecidedConsentState } from './consent-status-client.js';

const SERVER = 'https://regie.example/';
const CONSENT_ID = 'consAAAAAAAAAAAAAAAAAA';
const STATUS_TOKEN = 's'.repeat(43);
const URL_OF_CONSENT = `https://regie.example/api/v1/demo/consents/${CONSENT_ID}`;

type Answer = { status: number; body?: unknown };

/** A fetch that answers from a queue and records every request. */
function fakeFetch(answers: Answer[]) {
  const sent: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    sent.push({ url: String(input), init });
    const answer = answers.shift() ?? {
      status: 404,
      body: { error: { code: 'not_found', message: 'unknown consent' } },
    };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

const state = (name: ConsentState): Answer => ({ status: 200, body: { state: name } });
const failure = (status: number, code: string): Answer => ({ status, body: { error: { code, message: code } } });

describe('ConsentStatusClient', () => {
  it('asks for the state with the status token as bearer, without cookies or cache', async () => {
    const { fetch, sent } = fakeFetch([state('requested')]);
    const client = new ConsentStatusClient({ server: SERVER, tenant: 'demo', fetch });
    expect(await client.status(CONSENT_ID, STATUS_TOKEN)).toEqual({ state: 'requested' });
    expect(sent[0]!.url).toBe(URL_OF_CONSENT);
    expect(sent[0]!.init).toMatchObject({ credentials: 'omit', cache: 'no-store' });
    expect(sent[0]!.init.method ?? 'GET').toBe('GET');
    expect(new Headers(sent[0]!.init.headers).get('authorization')).toBe(`Bearer ${STATUS_TOKEN}`);
  });

  it('reports a wrong token as 404 not_found, and an unreachable server as network', async () => {
    const { fetch } = fakeFetch([]);
    const client = new ConsentStatusClient({ server: SERVER, tenant: 'demo', fetch });
    await expect(client.status(CONSENT_ID, 'wrong')).rejects.toMatchObject({
      name: 'RegieApiError',
      status: 404,
      code: 'not_found',
    });
    const offline = new ConsentStatusClient({
      server: SERVER,
      tenant: 'demo',
      fetch: (() => Promise.reject(new TypeError('offline'))) as unknown as typeof globalThis.fetch,
    });
    await expect(offline.status(CONSENT_ID, STATUS_TOKEN)).rejects.toMatchObject({ status: 0, code: 'unreachable' });
  });

  it('knows which states are decided', () => {
    expect(isDecidedConsentState('requested')).toBe(false);
    for (const name of ['accepted', 'rejected', 'revoked', 'expired', 'used'] as const)
      expect(isDecidedConsentState(name)).toBe(true);
  });

  describe('watch', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('polls every 1.5 s until the state leaves requested, reports that state, then stops', async () => {
      const { fetch, sent } = fakeFetch([state('requested'), state('requested'), state('accepted'), state('accepted')]);
      const seen: ConsentState[] = [];
      new ConsentStatusClient({ server: SERVER, tenant: 'demo', fetch }).watch(CONSENT_ID, STATUS_TOKEN, (s) =>
        seen.push(s),
      );
      await vi.advanceTimersByTimeAsync(0);
      expect(seen).toEqual(['requested']);
      await vi.advanceTimersByTimeAsync(1499);
      expect(seen).toEqual(['requested']);
      await vi.advanceTimersByTimeAsync(1);
      expect(seen).toEqual(['requested', 'requested']);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(seen).toEqual(['requested', 'requested', 'accepted']);
      expect(sent).toHaveLength(3);
    });

    it('keeps going through a busy server, stops on a wrong token, and stops when told', async () => {
      const { fetch, sent } = fakeFetch([failure(503, 'unavailable'), failure(404, 'not_found')]);
      const errors: string[] = [];
      new ConsentStatusClient({ server: SERVER, tenant: 'demo', fetch }).watch(
        CONSENT_ID,
        STATUS_TOKEN,
        () => undefined,
        { onError: (e) => errors.push(e.code) },
      );
      await vi.advanceTimersByTimeAsync(10_000);
      expect(errors).toEqual(['unavailable', 'not_found']);
      expect(sent).toHaveLength(2);

      const second = fakeFetch(Array.from({ length: 10 }, () => state('requested')));
      const stop = new ConsentStatusClient({ server: SERVER, tenant: 'demo', fetch: second.fetch }).watch(
        CONSENT_ID,
        STATUS_TOKEN,
        () => undefined,
        { intervalMs: 500 },
      );
      await vi.advanceTimersByTimeAsync(500);
      stop();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(second.sent).toHaveLength(2);
    });
  });
});
