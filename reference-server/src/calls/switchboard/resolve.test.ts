import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBody, ResolveCodeResponse } from '@regiekit/sdk/protocol';
import { callSteps } from '../../testing/call-steps.js';
import { createTestServer, SWITCHBOARD_SECRETS, type TestServer } from '../../testing/test-server.js';

let server: TestServer;
let steps: ReturnType<typeof callSteps>;

beforeEach(() => {
  server = createTestServer();
  steps = callSteps(server);
});
afterEach(() => server.close());

async function disclosedCode(tenant: 'nijmegen' | 'arnhem' = 'nijmegen') {
  const call = await steps.create(tenant);
  const status = await steps.disclosed(call, tenant);
  if (status.status !== 'disclosed') throw new Error('unreachable');
  return { call, code: status.dtmfCode };
}

describe('POST /api/v1/{tenant}/switchboard/resolve', () => {
  it('resolves a disclosed code to exactly its session, once', async () => {
    const other = await disclosedCode();
    const { call, code } = await disclosedCode();
    const first = await steps.resolve('nijmegen', { code, callId: 'CA-first', callerId: '+31612345678' });
    expect(first.status).toBe(200);
    expect(ResolveCodeResponse.parse(await first.json())).toEqual({ sessionRef: call.callId });
    expect(call.callId).not.toBe(other.call.callId);

    const again = await steps.resolve('nijmegen', { code, callId: 'CA-second' });
    expect(again.status).toBe(404);
    const sameCallAgain = await steps.resolve('nijmegen', { code, callId: 'CA-first' });
    expect(sameCallAgain.status).toBe(404);
    expect(await (await steps.status('nijmegen', call)).json()).toEqual({ status: 'called' });
  });

  it('answers unknown, used and expired codes with one identical 404 (undisclosed: see below)', async () => {
    const used = await disclosedCode();
    await steps.resolve('nijmegen', { code: used.code, callId: 'CA-1' });
    const expired = await disclosedCode();

    const bodies: unknown[] = [];
    const unknownCode = used.code === '0000000000' ? '1111111111' : '0000000000';
    bodies.push(await (await steps.resolve('nijmegen', { code: unknownCode, callId: 'CA-2' })).json());
    bodies.push(await (await steps.resolve('nijmegen', { code: used.code, callId: 'CA-3' })).json());
    server.clock.advance(600_001);
    const expiredResponse = await steps.resolve('nijmegen', { code: expired.code, callId: 'CA-4' });
    expect(expiredResponse.status).toBe(404);
    bodies.push(await expiredResponse.json());
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(ErrorBody.parse(bodies[0]).error.code).toBe('not_found');
  });

  it('does not resolve a code whose citizen has not disclosed yet', async () => {
    const fixed = createTestServer({ deps: { newDtmfCode: () => '0000012345' } });
    const fixedSteps = callSteps(fixed);
    await fixedSteps.create();
    expect((await fixedSteps.resolve('nijmegen', { code: '0000012345', callId: 'CA-1' })).status).toBe(404);
    await fixed.close();
  });

  it('resolves a code with leading zeros, even when the citizen calls before their browser checks', async () => {
    const fixed = createTestServer({ deps: { newDtmfCode: () => '0001234567' } });
    const fixedSteps = callSteps(fixed);
    const call = await fixedSteps.create();
    await fixedSteps.disclose(call);
    const response = await fixedSteps.resolve('nijmegen', { code: '0001234567', callId: 'CA-1' });
    expect(await response.json()).toEqual({ sessionRef: call.callId });
    await fixed.close();
  });

  it('draws a new code when the first one collides with a live code', async () => {
    const codes = ['1234567890', '1234567890', '5555555555'];
    const fixed = createTestServer({ deps: { newDtmfCode: () => codes.shift()! } });
    const fixedSteps = callSteps(fixed);
    const first = await fixedSteps.disclosed(await fixedSteps.create());
    const second = await fixedSteps.disclosed(await fixedSteps.create());
    expect(first.status === 'disclosed' && first.dtmfCode).toBe('1234567890');
    expect(second.status === 'disclosed' && second.dtmfCode).toBe('5555555555');
    await fixed.close();
  });

  it('keeps tenants apart: a Nijmegen code does not resolve at Arnhem', async () => {
    const { code } = await disclosedCode('nijmegen');
    expect((await steps.resolve('arnhem', { code, callId: 'CA-1' })).status).toBe(404);
    expect((await steps.resolve('nijmegen', { code, callId: 'CA-1' })).status).toBe(200);
  });

  it('requires the tenant’s own switchboard secret before looking at the body', async () => {
    const { code } = await disclosedCode();
    const wrongTenantSecret = await steps.resolve('nijmegen', { code, callId: 'CA-1' }, SWITCHBOARD_SECRETS.arnhem);
    expect(wrongTenantSecret.status).toBe(401);
    expect(wrongTenantSecret.headers.get('www-authenticate')).toBe('Bearer');
    const noSecret = await server.app.request('/api/v1/nijmegen/switchboard/resolve', {
      method: 'POST',
      body: 'not json',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(noSecret.status).toBe(401);
    expect(ErrorBody.parse(await noSecret.json()).error.code).toBe('unauthorized');
    expect((await steps.resolve('nijmegen', { code, callId: 'CA-1' })).status).toBe(200);
  });

  it.each([
    [{ code: '12345', callId: 'CA-1' }],
    [{ code: '12345678901', callId: 'CA-1' }],
    [{ code: '12345*7890', callId: 'CA-1' }],
    [{ code: 1234567890, callId: 'CA-1' }],
    [{ code: '1234567890' }],
  ])('rejects a malformed request %j with 400', async (body) => {
    const response = await steps.resolve('nijmegen', body);
    expect(response.status).toBe(400);
    expect(ErrorBody.parse(await response.json()).error.code).toBe('validation_failed');
  });

  it('gives one phone call three tries, then throttles it', async () => {
    const { code } = await disclosedCode();
    for (const guess of ['1111111111', '2222222222', '3333333333']) {
      expect((await steps.resolve('nijmegen', { code: guess, callId: 'CA-guess' })).status).toBe(404);
    }
    const fourth = await steps.resolve('nijmegen', { code, callId: 'CA-guess' });
    expect(fourth.status).toBe(429);
    expect(ErrorBody.parse(await fourth.json()).error.code).toBe('rate_limited');
    // The rightful caller on another line is not affected.
    expect((await steps.resolve('nijmegen', { code, callId: 'CA-real' })).status).toBe(200);
  });

  it('throttles a caller id after ten failures within the hour, on any phone call', async () => {
    const { code } = await disclosedCode();
    for (let i = 0; i < 10; i++)
      await steps.resolve('nijmegen', { code: String(2_000_000_000 + i), callId: `CA-${i}`, callerId: '+31611111111' });
    expect((await steps.resolve('nijmegen', { code, callId: 'CA-new', callerId: '+31611111111' })).status).toBe(429);
    server.clock.advance(60 * 60_000);
    const fresh = await disclosedCode();
    expect(
      (await steps.resolve('nijmegen', { code: fresh.code, callId: 'CA-later', callerId: '+31611111111' })).status,
    ).toBe(200);
  });

  it('pauses all resolution of a tenant for the cool-down when failures pass the per-minute budget', async () => {
    const strict = createTestServer({
      deps: {
        attemptLimits: {
          perSwitchboardCall: 3,
          failuresPerCallerPerHour: 10,
          failuresPerMinute: 5,
          alarmFailuresPerMinute: 4,
          coolDownMs: 120_000,
        },
      },
    });
    const strictSteps = callSteps(strict);
    const call = await strictSteps.create();
    const status = await strictSteps.disclosed(call);
    for (let i = 0; i < 5; i++)
      await strictSteps.resolve('nijmegen', { code: String(3_000_000_000 + i), callId: `CA-${i}` });
    const paused = await strictSteps.resolve('nijmegen', {
      code: status.status === 'disclosed' ? status.dtmfCode : '',
      callId: 'CA-real',
    });
    expect(paused.status).toBe(429);
    expect((await strictSteps.resolve('arnhem', { code: '1234567890', callId: 'CA-a' })).status).toBe(404);
    // The minute is over, the cool-down is not.
    strict.clock.advance(60_001);
    expect(
      (
        await strictSteps.resolve('nijmegen', {
          code: status.status === 'disclosed' ? status.dtmfCode : '',
          callId: 'CA-real',
        })
      ).status,
    ).toBe(429);
    strict.clock.advance(60_000);
    expect(
      (
        await strictSteps.resolve('nijmegen', {
          code: status.status === 'disclosed' ? status.dtmfCode : '',
          callId: 'CA-real-2',
        })
      ).status,
    ).toBe(200);
    await strict.close();
  });

  it('raises an alarm in the log when many codes fail within a minute', async () => {
    for (let i = 0; i < 30; i++)
      await steps.resolve('nijmegen', { code: String(1_000_000_000 + i), callId: `CA-${i}` });
    expect(server.logs()).toContain('ALARM: many failed DTMF codes');
  });
});
