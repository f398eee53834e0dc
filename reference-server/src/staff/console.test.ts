import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callSteps } from '../testing/call-steps.js';
import { seedAgent, sseReader, staffSteps, type SignedIn } from '../testing/staff-steps.js';
import { createTestServer, SWITCHBOARD_SECRETS, type TestServer } from '../testing/test-server.js';

let server: TestServer;
let staff: ReturnType<typeof staffSteps>;
let calls: ReturnType<typeof callSteps>;
let anna: SignedIn;
let bram: SignedIn;
let codes: string[];

beforeEach(async () => {
  codes = ['1000000001', '1000000002', '1000000003'];
  server = createTestServer({ deps: { newDtmfCode: () => codes.shift()! } });
  staff = staffSteps(server);
  calls = callSteps(server);
  await seedAgent(server, 'nijmegen', 'anna');
  await seedAgent(server, 'nijmegen', 'bram');
  await seedAgent(server, 'arnhem', 'carla');
  [anna, bram] = [await staff.signIn('nijmegen', 'anna'), await staff.signIn('nijmegen', 'bram')];
});
afterEach(() => server.close());

/** A citizen discloses and dials in; returns the call id and the switchboard's id. */
async function callerOnTheLine(code: string, switchboardCallId = `CA-${code}`) {
  const call = await calls.create();
  await calls.disclosed(call);
  const resolved = await calls.resolve('nijmegen', { code, callId: switchboardCallId });
  expect(resolved.status).toBe(200);
  return { callId: call.callId, switchboardCallId };
}

const feed = async (as: SignedIn) => sseReader(await staff.get('/api/v1/nijmegen/console/events', as));

describe('agent console', () => {
  it('streams a snapshot, then each resolved caller, with the BSN masked', async () => {
    const before = await callerOnTheLine('1000000001');
    const stream = await feed(anna);
    const snapshot = await stream.next();
    if (snapshot.type !== 'snapshot') throw new Error(`expected a snapshot, got ${snapshot.type}`);
    expect(snapshot.calls).toHaveLength(1);
    expect(snapshot.calls[0]).toMatchObject({
      callId: before.callId,
      firstNames: 'Willeke Liselotte',
      surname: 'De Bruijn',
      bsnMasked: '••••••653',
      hasExternalLink: true,
    });
    expect(JSON.stringify(snapshot)).not.toContain('999993653');

    const next = await callerOnTheLine('1000000002');
    const added = await stream.next();
    expect(added).toMatchObject({ type: 'call-added', seq: snapshot.seq + 1, call: { callId: next.callId } });
    await stream.cancel();
  });

  it('resumes after a dropped connection with a snapshot that neither loses nor repeats a caller', async () => {
    const first = await callerOnTheLine('1000000001');
    const stream = await feed(anna);
    const before = await stream.next();
    await stream.cancel();
    // While disconnected: one caller arrives, the first is taken.
    const second = await callerOnTheLine('1000000002');
    await staff.post(`/api/v1/nijmegen/console/calls/${first.callId}/take`, bram);
    const again = await feed(anna);
    const snapshot = await again.next();
    if (snapshot.type !== 'snapshot' || before.type !== 'snapshot') throw new Error('expected snapshots');
    expect(snapshot.calls.map((c) => c.callId)).toEqual([first.callId, second.callId]);
    expect(snapshot.calls[0]!.takenBy?.displayName).toBe('BRAM');
    expect(snapshot.seq).toBe(before.seq + 2);
    await again.cancel();
  });

  it('lets exactly one of two agents take a call, puts it through to them; the other sees who took it', async () => {
    const call = await calls.create();
    await calls.disclosed(call);
    const dialled = await server.app.request('/demo/switchboard/calls', {
      method: 'POST',
      body: JSON.stringify({ tenant: 'nijmegen', code: '1000000001' }),
    });
    const { sessionRef: callId, switchboardCallId } = (await dialled.json()) as {
      sessionRef: string;
      switchboardCallId: string;
    };
    expect(callId).toBe(call.callId);
    const annaFeed = await feed(anna);
    const bramFeed = await feed(bram);
    await annaFeed.next();
    await bramFeed.next();
    const [first, second] = await Promise.all([
      staff.post(`/api/v1/nijmegen/console/calls/${callId}/take`, anna),
      staff.post(`/api/v1/nijmegen/console/calls/${callId}/take`, bram),
    ]);
    expect([first.status, second.status].sort()).toEqual([204, 409]);
    const winner = first.status === 204 ? 'ANNA' : 'BRAM';
    const loser = first.status === 204 ? second : first;
    expect(((await loser.json()) as { error: { message: string } }).error.message).toBe(`Already taken by ${winner}.`);
    for (const stream of [annaFeed, bramFeed])
      expect(await stream.next()).toMatchObject({ type: 'call-taken', callId, takenBy: { displayName: winner } });
    // The simulated switchboard put the caller through to the winner.
    const routed = (await (await server.app.request(`/demo/switchboard/calls/${switchboardCallId}`)).json()) as {
      connectedTo: string;
    };
    expect(routed.connectedTo).toBe(winner.toLowerCase());
  });

  it('removes an ended call from every console and deletes its data', async () => {
    const { callId } = await callerOnTheLine('1000000001');
    const annaFeed = await feed(anna);
    const bramFeed = await feed(bram);
    await annaFeed.next();
    await bramFeed.next();
    await staff.post(`/api/v1/nijmegen/console/calls/${callId}/take`, anna);
    expect((await staff.post(`/api/v1/nijmegen/console/calls/${callId}/end`, anna)).status).toBe(204);
    for (const stream of [annaFeed, bramFeed]) {
      await stream.next();
      expect(await stream.next()).toMatchObject({ type: 'call-ended', callId });
    }
    expect(await server.store.forTenant('nijmegen').calls.get(callId)).toBeUndefined();
    expect((await staff.post(`/api/v1/nijmegen/console/calls/${callId}/end`, anna)).status).toBe(404);
  });

  it('ends a call on the switchboard’s end event', async () => {
    const { callId, switchboardCallId } = await callerOnTheLine('1000000001');
    const stream = await feed(anna);
    await stream.next();
    const ended = await server.app.request('/api/v1/nijmegen/switchboard/ended', {
      method: 'POST',
      headers: { Authorization: `Bearer ${SWITCHBOARD_SECRETS.nijmegen}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ callId: switchboardCallId }),
    });
    expect(ended.status).toBe(204);
    expect(await stream.next()).toMatchObject({ type: 'call-ended', callId });
    expect(await server.store.forTenant('nijmegen').calls.get(callId)).toBeUndefined();
    const unauthorised = await server.app.request('/api/v1/nijmegen/switchboard/ended', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"callId":"x"}',
    });
    expect(unauthorised.status).toBe(401);
  });

  it('lets the sweeper remove an abandoned call after its retention time, live', async () => {
    const { callId } = await callerOnTheLine('1000000001');
    const stream = await feed(anna);
    await stream.next();
    server.clock.advance(60 * 60_000);
    expect(await server.app.sweepExpired()).toBe(1);
    expect(await stream.next()).toMatchObject({ type: 'call-ended', callId });
  });

  it('reveals the BSN and opens the external link on request, both audited', async () => {
    const { callId } = await callerOnTheLine('1000000001');
    const reveal = await staff.post(`/api/v1/nijmegen/console/calls/${callId}/bsn`, anna);
    expect(await reveal.json()).toEqual({ bsn: '999993653' });
    const link = await staff.get(`/api/v1/nijmegen/console/calls/${callId}/link`, anna);
    expect(link.status).toBe(302);
    expect(link.headers.get('location')).toBe('https://crm.example/persons?bsn=999993653&src=regiekit');
    const audit = (await server.store.forTenant('nijmegen').audit.list(20)).map(
      (e) => `${e.type}:${e.actor}:${e.subject}`,
    );
    expect(audit).toContain(`bsn.revealed:anna:${callId}`);
    expect(audit).toContain(`external-link.opened:anna:${callId}`);
  });

  it('URL-encodes the attribute in the external link', async () => {
    const encoded = createTestServer({ config: {}, deps: { newDtmfCode: () => '1000000009' } });
    const tenant = encoded.config.tenants[0]!;
    tenant.externalLink = {
      template: 'https://crm.example/search?name={surname}',
      label: { nl: 'Zoek', en: 'Search' },
    };
    await seedAgent(encoded, 'nijmegen', 'anna');
    const steps = callSteps(encoded);
    const call = await steps.create();
    await steps.disclose(call, { 'pbdf.gemeente.personalData.surname': 'De Bruijn & Zn/?' });
    await steps.disclosed(call);
    await steps.resolve('nijmegen', { code: '1000000009', callId: 'CA-1' });
    const agent = await staffSteps(encoded).signIn('nijmegen', 'anna');
    const link = await staffSteps(encoded).get(`/api/v1/nijmegen/console/calls/${call.callId}/link`, agent);
    expect(link.headers.get('location')).toBe('https://crm.example/search?name=De%20Bruijn%20%26%20Zn%2F%3F');
    await encoded.close();
  });

  it('answers 404 to an agent of another tenant, for reading, taking and ending', async () => {
    const { callId } = await callerOnTheLine('1000000001');
    const carla = await staff.signIn('arnhem', 'carla');
    expect((await staff.get('/api/v1/nijmegen/console/events', carla)).status).toBe(404);
    expect((await staff.post(`/api/v1/nijmegen/console/calls/${callId}/take`, carla)).status).toBe(404);
    expect((await staff.post(`/api/v1/nijmegen/console/calls/${callId}/end`, carla)).status).toBe(404);
    expect((await staff.post(`/api/v1/nijmegen/console/calls/${callId}/bsn`, carla)).status).toBe(404);
    // In her own tenant the call does not exist either.
    expect((await staff.post(`/api/v1/arnhem/console/calls/${callId}/take`, carla)).status).toBe(404);
    expect((await server.store.forTenant('nijmegen').calls.get(callId))?.takenBy).toBeNull();
  });

  it('audits what agents were shown, without any personal data', async () => {
    const { callId } = await callerOnTheLine('1000000001');
    const stream = await feed(anna);
    await stream.next();
    await staff.post(`/api/v1/nijmegen/console/calls/${callId}/take`, anna);
    await staff.post(`/api/v1/nijmegen/console/calls/${callId}/end`, anna);
    const audit = await server.store.forTenant('nijmegen').audit.list(50);
    expect(audit.map((e) => e.type)).toEqual(
      expect.arrayContaining(['call.shown', 'call.taken', 'call.ended', 'call.data-deleted', 'login.succeeded']),
    );
    const text = JSON.stringify(audit);
    for (const personal of ['999993653', 'Willeke', 'Bruijn', '1000000001']) expect(text).not.toContain(personal);
  });

  it('closes a deleted agent’s live feed at once', async () => {
    const admin = await (async () => {
      await seedAgent(server, 'nijmegen', 'beheerder', 'admin');
      return staff.signIn('nijmegen', 'beheerder');
    })();
    const stream = await feed(bram);
    await stream.next();
    expect(
      (await staff.request(`/api/v1/nijmegen/admin/agents/${bram.agentId}`, { method: 'DELETE', as: admin })).status,
    ).toBe(204);
    expect(await stream.closed()).toBe(true);
  });
});
