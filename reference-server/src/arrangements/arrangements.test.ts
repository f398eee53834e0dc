import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { ArrangementsClient, verifyAcceptancePolicy, verifyArrangementAnswer } from '@regiekit/sdk/arrangements';
import type {
  ArrangementFlowStarted,
  ArrangementProposal,
  ArrangementView,
  PartyEventPage,
} from '@regiekit/sdk/protocol';
import {
  arrangementService,
  arrangementWorld,
  policyOf,
  proposal,
  sign,
  type ArrangementWorld,
} from '../testing/arrangement-steps.js';
import { PARTY_AUTH, partyCall } from '../testing/connect-steps.js';
import { PARTY_SECRETS, PAYLOAD_KEYS } from '../testing/test-parties.js';
import { createTestServerOn } from '../testing/test-server.js';
import { RedisStore } from '../storage/redis/redis-store.js';

const prefixes: string[] = [];
afterAll(async () => {
  if (prefixes.length === 0) return;
  const cleaner = await RedisStore.connect({ engine: 'redis', url: inject('redisUrl'), keyPrefix: 'cleanup' }, []);
  for (const prefix of prefixes) {
    const keys = await cleaner.client.keys(`${prefix}:*`);
    if (keys.length > 0) await cleaner.client.del(...keys);
  }
  await cleaner.close();
});

let world: ArrangementWorld;

const ask = (body: Record<string, unknown>) =>
  partyCall<ArrangementFlowStarted & { error?: { code: string; details?: unknown[] } }>(
    world.server.app,
    PARTY_AUTH.schuldhulp,
    'POST',
    '/api/v1/nijmegen/consumer/arrangements',
    body,
  );

const request = (provider: 'energie' | 'zorg', p: ArrangementProposal, presentedAs = 'accepted-in-advance') =>
  ask({
    sub: world.sub,
    connectionId: world.connections[provider],
    policy: world.policies[provider],
    proposal: p,
    presentedAs,
  });

/** The debtor opens the decision page and confirms with the passkey. */
async function confirm(startUrl: string) {
  const flowId = startUrl.split('/').pop()!;
  world.server.clock.advance(1);
  const view = await world.browser.json<{ kind: string; step: string }>(`/api/v1/nijmegen/account/flows/${flowId}`);
  await world.browser.signIn(world.passkey);
  const approved = await world.browser.json<{ redirectTo?: string; error?: { code: string } }>(
    `/api/v1/nijmegen/account/flows/${flowId}/approve`,
    { json: {} },
  );
  return { view, approved };
}

const asApp = (id: string) =>
  partyCall<ArrangementView>(
    world.server.app,
    PARTY_AUTH.schuldhulp,
    'GET',
    `/api/v1/nijmegen/consumer/arrangements/${id}`,
  );
const asCreditor = async (provider: 'energie' | 'zorg', method: string, path: string, body?: unknown) =>
  partyCall<ArrangementView & { error?: { code: string } }>(
    world.server.app,
    provider === 'energie' ? PARTY_AUTH.energie : await world.zorgAuth(),
    method,
    `/api/v1/nijmegen/provider/arrangements${path}`,
    body,
  );
const eventsOf = async (auth: string) =>
  (await partyCall<PartyEventPage>(world.server.app, auth, 'GET', '/api/v1/nijmegen/events')).body.events.filter((e) =>
    e.type.startsWith('arrangement.'),
  );

describe.each(['sqlite', 'redis'] as const)('payment arrangements on %s', (engine) => {
  beforeEach(async () => {
    if (engine === 'sqlite') world = await arrangementWorld();
    else {
      const keyPrefix = `arrangements-${randomBytes(4).toString('hex')}`;
      prefixes.push(keyPrefix);
      world = await arrangementWorld(
        await RedisStore.connect({ engine: 'redis', url: inject('redisUrl'), keyPrefix }, ['nijmegen', 'arnhem']),
      );
    }
  });
  afterEach(() => world.server.close());

  it('within policy: confirmed with the passkey, accepted at once by the creditor’s signed answer citing the policy hash, active with a schedule', async () => {
    const asked = await request('energie', proposal(60_000, 10_000));
    expect(asked.status).toBe(201);
    const { view, approved } = await confirm(asked.body.startUrl);
    expect(view.body).toMatchObject({ kind: 'arrangement', step: 'request' });
    expect(approved.status).toBe(200);

    const seen = await asApp(asked.body.arrangementId);
    expect(seen.body).toMatchObject({
      state: 'active',
      outcome: 'accepted-in-advance',
      connectionId: world.connections.energie,
    });
    expect(seen.body.instalments).toHaveLength(6);
    expect(seen.body.instalments[0]).toEqual({ number: 1, dueMonth: '2027-01', amountCents: 10_000, state: 'due' });
    const answer = await verifyArrangementAnswer(seen.body.decision!, {
      keys: [PAYLOAD_KEYS.energie.publicJwk] as never,
    });
    expect(answer).toEqual({
      arrangementId: asked.body.arrangementId,
      decision: 'accepted',
      policyHash: world.policies.energie.policyHash,
    });
    expect(decodeJwt(seen.body.receipt!)).toMatchObject({
      receipt_version: 'regiekit-arrangement-receipt/1',
      sub: world.sub,
      policy: { version: 1, sha256: world.policies.energie.policyHash },
    });

    // The creditor saw it under its own pseudonym; the request went to its endpoint signed by the server.
    const call = world.parties.calls.find((c) => c.body.action === 'arrangement')!;
    expect(call.verified).toBe(true);
    expect(call.body.connectionId).not.toBe(world.connections.energie);
    expect((await asCreditor('energie', 'GET', `/${asked.body.arrangementId}`)).body.connectionId).toBe(
      call.body.connectionId,
    );
    // Every change an event for both sides, and a Standard Webhook for the debt app.
    const types = ['arrangement.requested', 'arrangement.accepted', 'arrangement.active'];
    expect((await eventsOf(PARTY_AUTH.energie)).map((e) => e.type)).toEqual(types);
    expect((await eventsOf(PARTY_AUTH.schuldhulp)).map((e) => [e.type, e.data.sub])).toEqual(
      types.map((t) => [t, world.sub]),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(world.parties.webhooks.map((w) => JSON.parse(w.body).type)).toEqual(expect.arrayContaining(types));
    // Nothing personal in the logs: no amounts, no pseudonyms.
    expect(world.server.logs()).not.toContain('60000');
    expect(world.server.logs()).not.toContain(world.sub);
  });

  it('needs review above EUR 1,000: staff counter-propose, the debtor accepts with the passkey, a replay changes nothing', async () => {
    const asked = await request('zorg', proposal(150_000, 12_500), 'needs-review');
    expect(asked.status).toBe(201);
    await confirm(asked.body.startUrl);
    const waiting = await asApp(asked.body.arrangementId);
    expect(waiting.body).toMatchObject({ state: 'requested', outcome: 'needs-review' });
    expect(waiting.body.reasons.map((r) => r.rule)).toEqual(['balance-above-maximum']);

    const countered = await asCreditor('zorg', 'POST', `/${asked.body.arrangementId}/counter`, {
      counterProposal: proposal(150_000, 7_500),
      reason: 'Twintig maanden past beter bij uw inkomen.',
    });
    expect(countered.status).toBe(200);
    expect(countered.body.state).toBe('countered');
    // Only one answer per request: a second decision finds it already answered.
    expect((await asCreditor('zorg', 'POST', `/${asked.body.arrangementId}/accept`)).status).toBe(409);

    const forApp = await asApp(asked.body.arrangementId);
    expect(forApp.body.counterFlowUrl).toBeDefined();
    const { view, approved } = await confirm(forApp.body.counterFlowUrl!);
    expect(view.body).toMatchObject({ kind: 'arrangement', step: 'counter-proposal' });
    expect(approved.status).toBe(200);
    const active = await asApp(asked.body.arrangementId);
    expect(active.body.state).toBe('active');
    expect(active.body.instalments).toHaveLength(20);
    expect(active.body.proposal.instalmentCents[0]).toBe(7_500);

    // The counter-proposal's page is spent: replaying it finds nothing to approve.
    const flowId = forApp.body.counterFlowUrl!.split('/').pop()!;
    const replay = await world.browser.json<{ error: { code: string } }>(
      `/api/v1/nijmegen/account/flows/${flowId}/approve`,
      {
        json: {},
      },
    );
    expect(replay.status).toBe(404);
    expect((await eventsOf(PARTY_AUTH.schuldhulp)).map((e) => e.type)).toEqual([
      'arrangement.requested',
      'arrangement.countered',
      'arrangement.accepted',
      'arrangement.active',
    ]);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const codeOf = async (body: Record<string, unknown>) => {
      const answer = await ask(body);
      return [answer.status, answer.body.error?.code];
    };
    const base = {
      sub: world.sub,
      connectionId: world.connections.energie,
      policy: world.policies.energie,
      proposal: proposal(60_000, 10_000),
      presentedAs: 'accepted-in-advance',
    };
    // Outside policy presented as accepted: 24 months where 12 is the most.
    expect(await codeOf({ ...base, proposal: proposal(60_000, 2_500) })).toEqual([422, 'outside_policy']);
    // A policy whose signature does not verify, or that is not the creditor's.
    expect(await codeOf({ ...base, policy: { ...world.policies.energie, jws: world.policies.zorg.jws } })).toEqual([
      422,
      'policy_rejected',
    ]);
    const forged = {
      ...world.policies.energie,
      policy: { ...world.policies.energie.policy, term: { minMonths: 1, maxMonths: 120 } },
    };
    expect(await codeOf({ ...base, policy: forged })).toEqual([422, 'policy_rejected']);
    // A debt that is not on the debtor's connections.
    expect(await codeOf({ ...base, connectionId: 'x'.repeat(43) })).toEqual([404, 'not_found']);
    // Amounts that do not add up, zero or negative amounts, terms of 0 or 1,000 months.
    const bad = (changes: Partial<ArrangementProposal>) =>
      codeOf({ ...base, proposal: { ...base.proposal, ...changes } });
    expect(await bad({ instalmentCents: [10_000, 10_000] })).toEqual([400, 'validation_failed']);
    expect(await bad({ instalmentCents: [60_000, 0] })).toEqual([400, 'validation_failed']);
    expect(await bad({ balanceCents: -5, instalmentCents: [-5] })).toEqual([400, 'validation_failed']);
    expect(await bad({ instalmentCents: [] })).toEqual([400, 'validation_failed']);
    expect(await bad({ balanceCents: 1_000_000, instalmentCents: Array(1000).fill(1_000) })).toEqual([
      400,
      'validation_failed',
    ]);

    // An old policy version after the creditor published a new one.
    const v2 = await sign(policyOf('energie', { version: 2 }), 'energie');
    await partyCall(
      world.server.app,
      PARTY_AUTH.energie,
      'PUT',
      '/api/v1/nijmegen/provider/services',
      arrangementService('energie', v2),
    );
    expect(await codeOf(base)).toEqual([422, 'policy_rejected']);
    // A version announced for later is not in force yet.
    const later = new Date(world.server.clock.now() + 30 * 24 * 3600_000).toISOString();
    const v3 = await sign(policyOf('energie', { version: 3, validFrom: later }), 'energie');
    await partyCall(
      world.server.app,
      PARTY_AUTH.energie,
      'PUT',
      '/api/v1/nijmegen/provider/services',
      arrangementService('energie', v3),
    );
    expect(await codeOf({ ...base, policy: v3 })).toEqual([422, 'policy_rejected']);

    // A second request while one is pending on the connection.
    const first = await request('zorg', proposal(150_000, 12_500), 'needs-review');
    await confirm(first.body.startUrl);
    const second = await request('zorg', proposal(150_000, 10_000), 'needs-review');
    expect([second.status, second.body.error?.code]).toEqual([409, 'conflict']);
    expect((await eventsOf(PARTY_AUTH.energie)).length).toBe(0);
  });

  it('tracks each instalment once: paid, missed with grace left, lapsed after the second miss', async () => {
    const asked = await request('energie', proposal(30_000, 10_000));
    await confirm(asked.body.startUrl);
    const id = asked.body.arrangementId;
    const report = (n: number, outcome: string) =>
      asCreditor('energie', 'POST', `/${id}/instalments/${n}`, { outcome });
    expect((await report(1, 'paid')).body.instalments[0]!.state).toBe('paid');
    expect(await report(1, 'paid')).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect((await report(4, 'paid')).status).toBe(404);
    expect((await report(2, 'late')).status).toBe(400);
    const missed = await report(2, 'missed');
    expect(missed.body).toMatchObject({ state: 'missed', missedCount: 1, lapse: { missedInstalments: 2 } });
    const lapsed = await report(3, 'missed');
    expect(lapsed.body.state).toBe('lapsed');
    expect((await report(3, 'paid')).status).toBe(409);
    expect((await eventsOf(PARTY_AUTH.schuldhulp)).map((e) => [e.type, e.data.instalment])).toEqual([
      ['arrangement.requested', undefined],
      ['arrangement.accepted', undefined],
      ['arrangement.active', undefined],
      ['arrangement.instalment-paid', 1],
      ['arrangement.missed', 2],
      ['arrangement.lapsed', 3],
    ]);
  });

  it('sends nothing when the debtor refuses the request, and ends it refused when the debtor declines a counter-proposal', async () => {
    const asked = await request('energie', proposal(60_000, 10_000));
    const flowId = asked.body.startUrl.split('/').pop()!;
    const refused = await world.browser.json<{ redirectTo: string }>(
      `/api/v1/nijmegen/account/flows/${flowId}/refuse`,
      {
        json: {},
      },
    );
    expect(refused.status).toBe(200);
    expect(world.parties.calls.filter((c) => c.body.action === 'arrangement')).toEqual([]);
    expect(await eventsOf(PARTY_AUTH.energie)).toEqual([]);
    expect((await asApp(asked.body.arrangementId)).status).toBe(404);
    // The connection is free again for a new request.
    expect((await request('energie', proposal(60_000, 10_000))).status).toBe(201);

    const health = await request('zorg', proposal(150_000, 12_500), 'needs-review');
    await confirm(health.body.startUrl);
    await asCreditor('zorg', 'POST', `/${health.body.arrangementId}/counter`, {
      counterProposal: proposal(150_000, 5_000),
      reason: 'Langer, maar lager.',
    });
    const counterUrl = (await asApp(health.body.arrangementId)).body.counterFlowUrl!;
    const declined = await world.browser.json(`/api/v1/nijmegen/account/flows/${counterUrl.split('/').pop()!}/refuse`, {
      json: {},
    });
    expect(declined.status).toBe(200);
    expect((await asApp(health.body.arrangementId)).body).toMatchObject({
      state: 'refused',
      reason: 'The debtor did not accept the counter-proposal.',
    });
    expect((await eventsOf(await world.zorgAuth())).map((e) => e.type)).toEqual([
      'arrangement.requested',
      'arrangement.countered',
      'arrangement.refused',
    ]);
  });

  it('refuses an open request when its connection ends, so neither side waits', async () => {
    const asked = await request('zorg', proposal(150_000, 12_500), 'needs-review');
    await confirm(asked.body.startUrl);
    const ended = await partyCall(
      world.server.app,
      PARTY_AUTH.schuldhulp,
      'POST',
      `/api/v1/nijmegen/consumer/users/${world.sub}/connections/${world.connections.zorg}/end`,
    );
    expect(ended.status).toBeLessThan(300);
    expect((await asApp(asked.body.arrangementId)).body).toMatchObject({
      state: 'refused',
      reason: 'The connection with the creditor ended.',
    });
    expect((await asCreditor('zorg', 'POST', `/${asked.body.arrangementId}/accept`)).status).toBe(409);
  });

  it('completes when every instalment is paid', async () => {
    const asked = await request('energie', proposal(20_000, 10_000));
    await confirm(asked.body.startUrl);
    const id = asked.body.arrangementId;
    await asCreditor('energie', 'POST', `/${id}/instalments/1`, { outcome: 'paid' });
    const done = await asCreditor('energie', 'POST', `/${id}/instalments/2`, { outcome: 'paid' });
    expect(done.body.state).toBe('completed');
  });

  it('speaks through the SDK: the app reads and verifies the policies and asks; the creditor lists and reports', async () => {
    const client = (partyId: string, clientSecret: string) =>
      new ArrangementsClient({
        server: 'http://localhost:8080',
        tenant: 'nijmegen',
        credential: { partyId, clientSecret },
        fetch: world.viaApp,
      });
    const app = client('schuldhulp', PARTY_SECRETS.schuldhulp);
    const { policies } = await app.policies();
    expect(policies.map((entry) => entry.providerId).sort()).toEqual(['energie', 'zorg']);
    const energie = policies.find((entry) => entry.providerId === 'energie')!;
    const jwks = (await (await world.viaApp(energie.jwksUrl)).json()) as { keys: [] };
    const verified = await verifyAcceptancePolicy(energie.policy, jwks, { providerId: 'energie' });
    expect(verified.policyHash).toBe(world.policies.energie.policyHash);
    const started = await app.request({
      sub: world.sub,
      connectionId: world.connections.energie,
      policy: energie.policy,
      proposal: proposal(30_000, 10_000),
      presentedAs: 'accepted-in-advance',
    });
    await confirm(started.startUrl);
    const creditor = client('energie', PARTY_SECRETS.energie);
    expect((await creditor.list()).arrangements.map((a) => a.state)).toEqual(['active']);
    expect((await creditor.report(started.arrangementId, 1, 'paid')).instalments[0]!.state).toBe('paid');
    await expect(creditor.report(started.arrangementId, 1, 'paid')).rejects.toMatchObject({ code: 'conflict' });
    expect((await app.arrangementsOf(world.sub)).arrangements.map((a) => a.arrangementId)).toEqual([
      started.arrangementId,
    ]);
    expect((await app.arrangement(started.arrangementId)).instalments.map((i) => i.state)).toEqual([
      'paid',
      'due',
      'due',
    ]);
  });

  it('two instances racing on the same request decide it once', async () => {
    const other = createTestServerOn(world.server.store, {
      clock: world.server.clock,
      deps: { partyFetch: world.parties.fetch },
    });
    const asked = await request('zorg', proposal(150_000, 12_500), 'needs-review');
    await confirm(asked.body.startUrl);
    const id = asked.body.arrangementId;
    const call = async (app: typeof other.app, path: string, body?: unknown) =>
      partyCall(app, await world.zorgAuth(), 'POST', `/api/v1/nijmegen/provider/arrangements/${id}${path}`, body);
    const results = await Promise.all([
      call(world.server.app, '/accept'),
      call(other.app, '/refuse', { reason: 'Geen ruimte.' }),
      call(other.app, '/accept'),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(2);
    const decided = (await eventsOf(PARTY_AUTH.schuldhulp)).filter((e) =>
      ['arrangement.accepted', 'arrangement.refused'].includes(e.type),
    );
    expect(decided).toHaveLength(1);
  });

  it('keeps the amounts and the creditor’s words sealed at rest', async () => {
    const asked = await request('zorg', proposal(150_000, 12_500), 'needs-review');
    await confirm(asked.body.startUrl);
    await asCreditor('zorg', 'POST', `/${asked.body.arrangementId}/refuse`, { reason: 'Eerst de huurachterstand.' });
    const record = await world.server.store.forTenant('nijmegen').arrangements.get(asked.body.arrangementId);
    expect(JSON.stringify(record)).not.toMatch(/150000|12500|huurachterstand/);
    expect((await asApp(asked.body.arrangementId)).body).toMatchObject({
      state: 'refused',
      reason: 'Eerst de huurachterstand.',
    });
  });
});
