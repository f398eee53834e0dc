import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallCreated, CallStatus, ErrorBody } from '@regiekit/sdk/protocol';
import { callSteps } from '../testing/call-steps.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
let steps: ReturnType<typeof callSteps>;

beforeEach(() => {
  server = createTestServer();
  steps = callSteps(server);
});
afterEach(() => server.close());

describe('POST /api/v1/{tenant}/calls', () => {
  it('starts a Yivi session and answers with the contract shape, without the requestor token', async () => {
    const response = await server.app.request('/api/v1/nijmegen/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ purpose: 'general' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = CallCreated.parse(await response.json());
    expect(body.sessionPtr.u).toMatch(/^http:\/\/localhost:8080\/demo\/irma\/session\/[\w-]+$/);
    expect(Object.keys(body).sort()).toEqual(['callId', 'callToken', 'expiresAt', 'frontendRequest', 'sessionPtr']);
    expect(Date.parse(body.expiresAt) - server.clock.now()).toBe(600_000);
  });

  it('asks the IRMA server for exactly the purpose attributes, with tel:<number>,<code> as return URL', async () => {
    const call = await steps.create('nijmegen', 'taxes');
    const clientToken = call.sessionPtr.u.split('/').pop();
    const request = (await (await server.app.request(`/demo/irma/session/${clientToken}`)).json()) as {
      disclose: string[][][];
      clientReturnUrl: string;
    };
    expect(request.disclose).toEqual([[['pbdf.gemeente.personalData.bsn', 'pbdf.gemeente.personalData.surname']]]);
    const status = await steps.disclosed(call);
    expect(request.clientReturnUrl).toBe(`tel:+31243299999,${status.status === 'disclosed' && status.dtmfCode}`);
  });

  it.each([
    ['malformed JSON', '{"purpose":', 400, 'bad_request'],
    ['a wrong type', JSON.stringify({ purpose: 5 }), 400, 'validation_failed'],
    ['an unknown field', JSON.stringify({ purpose: 'general', bsn: '999993653' }), 400, 'validation_failed'],
    ['an unknown purpose', JSON.stringify({ purpose: 'parking' }), 404, 'not_found'],
  ])('rejects %s with a 4xx in the one error shape', async (_name, body, status, code) => {
    const response = await server.app.request('/api/v1/nijmegen/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(response.status).toBe(status);
    expect(ErrorBody.parse(await response.json()).error.code).toBe(code);
  });

  it('does not echo rejected values back in validation details', async () => {
    const response = await server.app.request('/api/v1/nijmegen/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ purpose: 'general', bsn: '999993653' }),
    });
    expect(await response.text()).not.toContain('999993653');
  });

  it('answers 404 for an unknown tenant, 415 without JSON and 413 for a huge body', async () => {
    const unknown = await server.app.request('/api/v1/zwolle/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"purpose":"general"}',
    });
    expect(unknown.status).toBe(404);
    expect(ErrorBody.parse(await unknown.json()).error.code).toBe('not_found');
    const form = await server.app.request('/api/v1/nijmegen/calls', {
      method: 'POST',
      body: 'purpose=general',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const huge = await server.app.request('/api/v1/nijmegen/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ purpose: 'x'.repeat(40_000) }),
    });
    expect(huge.status).toBe(413);
    expect(ErrorBody.parse(await huge.json()).error.code).toBe('payload_too_large');
  });

  it('answers 502 in the error shape when the IRMA server is down, and keeps no call behind', async () => {
    const down = createTestServer({ deps: { irmaFetch: () => Promise.reject(new TypeError('connection refused')) } });
    const response = await down.app.request('/api/v1/nijmegen/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"purpose":"general"}',
    });
    expect(response.status).toBe(502);
    expect(ErrorBody.parse(await response.json()).error.code).toBe('upstream_unavailable');
    expect(await down.store.forTenant('nijmegen').calls.deleteExpired(Number.MAX_SAFE_INTEGER)).toEqual([]);
    await down.close();
  });
});

describe('GET /api/v1/{tenant}/calls/{callId}', () => {
  it('is pending until disclosure, then holds number, code and tel URL', async () => {
    const call = await steps.create();
    expect(await (await steps.status('nijmegen', call)).json()).toEqual({ status: 'pending' });
    const status = CallStatus.parse(await steps.disclosed(call));
    expect(status).toMatchObject({ status: 'disclosed', phoneNumber: '+31243299999' });
    if (status.status !== 'disclosed') throw new Error('unreachable');
    expect(status.dtmfCode).toMatch(/^[0-9]{10}$/);
    expect(status.telUrl).toBe(`tel:+31243299999,${status.dtmfCode}`);
  });

  it('gives the same 404 for a wrong token, a missing token and an unknown call', async () => {
    const call = await steps.create();
    const wrong = await steps.status('nijmegen', call, 'x'.repeat(43));
    const missing = await server.app.request(`/api/v1/nijmegen/calls/${call.callId}`);
    const unknown = await steps.status('nijmegen', { ...call, callId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    for (const response of [wrong, missing, unknown]) expect(response.status).toBe(404);
    const bodies = await Promise.all([wrong, missing, unknown].map((r) => r.json()));
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[1]).toEqual(bodies[2]);
  });

  it('never shows a call of one tenant under another tenant', async () => {
    const call = await steps.create('nijmegen');
    await steps.disclose(call);
    expect((await steps.status('arnhem', call)).status).toBe(404);
  });

  it('reports cancelled when the citizen stops in the wallet, and expired after the code lifetime', async () => {
    const cancelled = await steps.create();
    await server.app.request(new URL(cancelled.sessionPtr.u).pathname, { method: 'DELETE' });
    expect(await (await steps.status('nijmegen', cancelled)).json()).toEqual({ status: 'cancelled' });

    const late = await steps.create();
    await steps.disclosed(late);
    server.clock.advance(600_001);
    expect(await (await steps.status('nijmegen', late)).json()).toEqual({ status: 'expired' });
  });

  it('refuses a DONE result whose proof holds an attribute that is not present', async () => {
    // The real demo IRMA server answers, but its result is tampered with on the way back.
    let tampered: TestServer | undefined;
    const tamperingFetch = async (url: string, init?: RequestInit) => {
      const response = await tampered!.app.request(url, init);
      if (!url.endsWith('/result')) return response;
      const body = (await response.json()) as { disclosed?: { status: string }[][] };
      body.disclosed?.[0]?.forEach((attribute) => (attribute.status = 'NULL'));
      return Response.json(body);
    };
    tampered = createTestServer({ deps: { irmaFetch: tamperingFetch } });
    const tamperedSteps = callSteps(tampered);
    const call = await tamperedSteps.create();
    await tamperedSteps.disclose(call);
    expect(await (await tamperedSteps.status('nijmegen', call)).json()).toEqual({ status: 'cancelled' });
    await tampered.close();
  });

  it("cancels an undisclosed call at the citizen's request: no wallet can answer it any more; a disclosed call is left alone", async () => {
    const call = await steps.create();
    const cancel = (token = call.callToken) =>
      server.app.request(`/api/v1/nijmegen/calls/${call.callId}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${token}` },
      });
    expect((await cancel('not-the-token-0123456789abcdefghijkl')).status).toBe(404);
    expect((await cancel()).status).toBe(204);
    expect((await (await steps.status('nijmegen', call)).json()) as { status: string }).toEqual({
      status: 'cancelled',
    });
    expect((await steps.disclose(call)).status).not.toBe(200);
    expect((await cancel()).status).toBe(204);

    const disclosed = await steps.create();
    await steps.disclosed(disclosed);
    expect(
      (
        await server.app.request(`/api/v1/nijmegen/calls/${disclosed.callId}`, {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${disclosed.callToken}` },
        })
      ).status,
    ).toBe(204);
    expect(((await (await steps.status('nijmegen', disclosed)).json()) as { status: string }).status).toBe('disclosed');
  });
});
