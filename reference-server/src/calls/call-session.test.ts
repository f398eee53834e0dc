import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallSession, type CallViewState } from '@regiekit/sdk/call';
import { callSteps } from '../testing/call-steps.js';
import { freePort, listenOn } from '../testing/listen.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

// The SDK's CallSession (yivi-core + yivi-client, headless) against the real server over HTTP.
const loadYivi = () => import('@regiekit/sdk/call/yivi');
let server: TestServer;
let stop: () => Promise<void>;
let origin: string;

beforeEach(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  server = createTestServer({ config: { publicUrl: origin }, deps: { newDtmfCode: () => '0000000042' } });
  stop = await listenOn(server.app.fetch, port);
});
afterEach(async () => {
  await stop();
  await server.close();
});

function until(session: CallSession, kind: CallViewState['kind']): Promise<CallViewState> {
  return new Promise((resolve) => {
    if (session.state.kind === kind) resolve(session.state);
    const unsubscribe = session.subscribe((state) => {
      if (state.kind === kind) {
        unsubscribe();
        resolve(state);
      }
    });
  });
}

describe('CallSession', () => {
  it('goes from loading to a QR code to number and code once the wallet disclosed', async () => {
    const session = new CallSession({
      loadYivi,
      server: origin,
      tenant: 'nijmegen',
      purpose: 'general',
      pollIntervalMs: 50,
    });
    const seen: string[] = [];
    session.subscribe((state) => seen.push(state.kind));
    void session.start();
    const qr = await until(session, 'qr');
    if (qr.kind !== 'qr') throw new Error('unreachable');
    expect(qr.qrPayload).toMatch(/^https:\/\/open\.yivi\.app\/-\/session#/);
    const pointer = JSON.parse(decodeURIComponent(qr.qrPayload.split('#')[1]!)) as { u: string };
    expect(pointer.u.startsWith(`${origin}/demo/irma/session/`)).toBe(true);

    await callSteps(server).disclose({ sessionPtr: { u: pointer.u } } as never);
    const ready = await until(session, 'ready');
    expect(ready).toMatchObject({
      kind: 'ready',
      phoneNumber: '+31243299999',
      dtmfCode: '0000000042',
      telUrl: 'tel:+31243299999,0000000042',
    });
    expect(seen[0]).toBe('loading');
    expect(seen).toContain('checking');
  });

  it('reports cancelled when the citizen stops in the wallet', async () => {
    const session = new CallSession({
      loadYivi,
      server: origin,
      tenant: 'nijmegen',
      purpose: 'general',
      pollIntervalMs: 50,
    });
    void session.start();
    const qr = await until(session, 'qr');
    const pointer = JSON.parse(decodeURIComponent((qr as { qrPayload: string }).qrPayload.split('#')[1]!)) as {
      u: string;
    };
    await server.app.request(new URL(pointer.u).pathname, { method: 'DELETE' });
    await until(session, 'cancelled');
  });

  it('reports a rejected configuration as an error the page can explain', async () => {
    const session = new CallSession({ loadYivi, server: origin, tenant: 'nijmegen', purpose: 'no-such-purpose' });
    await session.start();
    expect(session.state).toEqual({ kind: 'error', reason: 'rejected' });
  });

  it('reports a server it cannot reach while online as unreachable (not as "no internet")', async () => {
    const session = new CallSession({
      loadYivi,
      server: `http://127.0.0.1:${await freePort()}`,
      tenant: 'nijmegen',
      purpose: 'general',
    });
    await session.start();
    expect(session.state).toEqual({ kind: 'error', reason: 'unreachable' });
  });
});
