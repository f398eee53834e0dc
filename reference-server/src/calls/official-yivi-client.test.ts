import { YiviCore } from '@privacybydesign/yivi-core';
import { YiviClient } from '@privacybydesign/yivi-client';
import type { CallCreated } from '@regiekit/sdk/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, listenOn } from '../testing/listen.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  await server?.close();
});

/** A yivi-core plugin standing in for the QR code on screen: it learns the session pointer the wallet would scan. */
function qrWatcher() {
  let shown: (pointer: { u: string }) => void;
  const pointer = new Promise<{ u: string }>((resolve) => (shown = resolve));
  class ShowsQr {
    stateChange({ newState, payload }: { newState: string; payload?: { qr?: string } }) {
      // The QR code is a universal link with the session pointer as JSON after the #.
      if (newState === 'ShowingQRCode' && payload?.qr)
        shown(JSON.parse(decodeURIComponent(payload.qr.slice(payload.qr.indexOf('#') + 1))) as { u: string });
    }
  }
  return { pointer, ShowsQr };
}

describe('the official Yivi client (yivi-core + yivi-client) as a client of the create-call endpoint', () => {
  it('starts the call as its session.start, follows the demo IRMA server, and hands back the call token for the code', async () => {
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    server = createTestServer({ config: { publicUrl: origin } });
    stop = await listenOn(server.app.fetch, port);
    const { pointer, ShowsQr } = qrWatcher();

    // The configuration a page author writes (docs/official-yivi-frontend.md): no start:false, no custom fetch.
    // (The typings know only the standard mappings; yivi-client passes every mapping through, callToken too.)
    const options = {
      session: {
        url: origin,
        start: {
          url: (o: { url?: string }) => `${o.url}/api/v1/nijmegen/calls`,
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ purpose: 'general' }),
        },
        mapping: {
          sessionPtr: (r: unknown) => (r as CallCreated).sessionPtr,
          sessionToken: (r: unknown) => (r as CallCreated).callId,
          frontendRequest: (r: unknown) => (r as CallCreated).frontendRequest,
          callToken: (r: unknown) => (r as CallCreated).callToken,
        },
        result: false,
      },
    };
    const yivi = new YiviCore(options as unknown as ConstructorParameters<typeof YiviCore>[0]);
    yivi.use(YiviClient);
    yivi.use(ShowsQr as unknown as Parameters<YiviCore['use']>[0]);
    const finished = yivi.start() as Promise<{ sessionToken: string; callToken: string }>;

    // The wallet scans and discloses.
    const scanned = await pointer;
    expect(
      (
        await fetch(`${scanned.u}/disclose`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(200);
    const session = await finished;

    const status = await (
      await fetch(`${origin}/api/v1/nijmegen/calls/${session.sessionToken}`, {
        headers: { Authorization: `Bearer ${session.callToken}` },
      })
    ).json();
    expect(status).toMatchObject({
      status: 'disclosed',
      phoneNumber: '+31243299999',
      dtmfCode: expect.stringMatching(/^[0-9]{10}$/),
    });
  });

  it('is offered the status-event stream it tries before polling', async () => {
    server = createTestServer();
    const created = (await (
      await server.app.request('/api/v1/nijmegen/calls', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"purpose":"general"}',
      })
    ).json()) as { sessionPtr: { u: string } };
    const path = new URL(created.sessionPtr.u).pathname;
    const events = await server.app.request(`${path}/frontend/statusevents`);
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const reader = events.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('data: {"status":"INITIALIZED"}');
    await server.app.request(`${path}/disclose`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    let rest = '';
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      rest += new TextDecoder().decode(chunk.value);
    }
    expect(rest).toContain('"status":"DONE"');
  });
});
