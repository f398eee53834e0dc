import { randomInt } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { TenantCrypto } from '../crypto/tenant-crypto.js';
import { callSteps } from '../testing/call-steps.js';
import { seedAgent, sseReader, staffSteps } from '../testing/staff-steps.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

const LIVE_CODES = 1000;
const GUESSES = 100_000;

let server: TestServer;
afterEach(() => server?.close());

/** Puts `count` disclosed calls with random codes straight into the store, as if citizens had just disclosed. */
async function liveCalls(count: number): Promise<string[]> {
  const crypto = new TenantCrypto(server.config.keyRing, 'nijmegen');
  const calls = server.store.forTenant('nijmegen').calls;
  const now = server.clock.now();
  const codes: string[] = [];
  while (codes.length < count) {
    const code = String(randomInt(0, 1e10)).padStart(10, '0');
    const callId = `live${String(codes.length).padStart(12, '0')}`;
    const call = {
      callId,
      purpose: 'general',
      callTokenHash: `t${callId}`,
      codeHash: crypto.dtmfCodeHash(code),
      codeSealedForCitizen: 's',
      codeExpiresAt: now + 600_000,
      createdAt: now,
      deleteAt: now + 3_600_000,
    };
    if (!(await calls.insertIfCodeFree(call, now))) continue;
    await calls.markDisclosed(
      callId,
      crypto.sealPersonalData(JSON.stringify({ 'pbdf.gemeente.personalData.surname': 'Jansen' }), callId),
      now,
    );
    codes.push(code);
  }
  return codes;
}

describe('codes under attack', () => {
  it(`resolves none of ${LIVE_CODES} live codes with ${GUESSES} random guesses; the tenant's budget trips, consoles show it, and a rightful caller gets through after the cool-down`, async () => {
    server = createTestServer();
    const steps = callSteps(server);
    await liveCalls(LIVE_CODES);
    await seedAgent(server, 'nijmegen', 'anna');
    const staff = staffSteps(server);
    const anna = await staff.signIn('nijmegen', 'anna');
    const feed = sseReader(await staff.get('/api/v1/nijmegen/console/events', anna));
    expect(await feed.next()).toMatchObject({ type: 'snapshot', calls: [] });

    const statuses = new Map<number, number>();
    for (let i = 0; i < GUESSES; i++) {
      const code = String(randomInt(0, 1e10)).padStart(10, '0');
      // Many phone lines and many caller ids, a new phone call every three tries.
      const response = await steps.resolve('nijmegen', {
        code,
        callId: `CA-attack-${Math.floor(i / 3)}`,
        callerId: `+3161${String(i % 50_000).padStart(7, '0')}`,
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
    expect(statuses.get(200)).toBeUndefined();
    // The per-minute budget (60 failures) was spent, then everything else was turned away unlooked-at.
    expect(statuses.get(404)).toBe(60);
    expect(statuses.get(429)).toBe(GUESSES - 60);
    expect(server.logs()).toContain('ALARM: DTMF code resolution paused');

    const paused = await feed.next();
    expect(paused).toMatchObject({
      type: 'resolution-paused',
      until: new Date(server.clock.now() + 15 * 60_000).toISOString(),
    });
    const later = sseReader(await staff.get('/api/v1/nijmegen/console/events', anna));
    expect(await later.next()).toMatchObject({
      type: 'snapshot',
      resolutionPausedUntil: new Date(server.clock.now() + 15 * 60_000).toISOString(),
    });

    // A rightful caller during the pause is not identified (the switchboard queues them unidentified); after the cool-down callers are.
    const citizen = await steps.create();
    const status = await steps.disclosed(citizen);
    if (status.status !== 'disclosed') throw new Error('expected disclosed');
    expect((await steps.resolve('nijmegen', { code: status.dtmfCode, callId: 'CA-rightful' })).status).toBe(429);
    server.clock.advance(15 * 60_000);
    const next = await steps.create();
    const nextStatus = await steps.disclosed(next);
    if (nextStatus.status !== 'disclosed') throw new Error('expected disclosed');
    expect((await steps.resolve('nijmegen', { code: nextStatus.dtmfCode, callId: 'CA-after-cool-down' })).status).toBe(
      200,
    );
    await feed.cancel();
    await later.cancel();
  }, 120_000);

  it('binds a code entered on two phone calls at the same moment to exactly one of them', async () => {
    server = createTestServer();
    const steps = callSteps(server);
    const citizen = await steps.create();
    const status = await steps.disclosed(citizen);
    if (status.status !== 'disclosed') throw new Error('expected disclosed');
    const answers = await Promise.all(
      ['CA-left', 'CA-right'].map((callId) => steps.resolve('nijmegen', { code: status.dtmfCode, callId })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 404]);
  });
});
