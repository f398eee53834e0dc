import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../config/schema.js';
import { callSteps } from '../../../testing/call-steps.js';
import { seedAgent, sseReader, staffSteps, type SignedIn } from '../../../testing/staff-steps.js';
import { createTestServer, testConfigInput, type TestServer } from '../../../testing/test-server.js';

// The demo's switchboard simulator playing Amazon Connect for a tenant on that platform: every step
// goes through the real Amazon Connect endpoints, as docs/switchboard.md sets Connect up.
let server: TestServer;
let staff: ReturnType<typeof staffSteps>;
let anna: SignedIn;
afterEach(() => server?.close());

interface SimulatedCallView {
  switchboardCallId: string;
  sessionRef: string | null;
  state: string;
  connectedTo: string | null;
  ended: boolean;
  endedBy: string | null;
  description: string;
}

async function connectDemo(): Promise<void> {
  const input = testConfigInput();
  const tenants = input.tenants.map((tenant) =>
    tenant.id === 'arnhem' ? { ...tenant, switchboard: { type: 'amazon-connect' as const } } : tenant,
  ) as ConfigInput['tenants'];
  let code = 5000000000;
  server = createTestServer({
    config: { tenants },
    deps: { newDtmfCode: () => String(++code), simulatorClaimIntervalMs: 20 },
  });
  staff = staffSteps(server);
  await seedAgent(server, 'arnhem', 'anna');
  anna = await staff.signIn('arnhem', 'anna');
}

/** A citizen of Arnhem discloses with Yivi and gets a code to type. */
async function disclosedCode(): Promise<{ callId: string; code: string }> {
  const steps = callSteps(server);
  const call = await steps.create('arnhem');
  const status = await steps.disclosed(call, 'arnhem');
  if (status.status !== 'disclosed') throw new Error('expected disclosed');
  return { callId: call.callId, code: status.dtmfCode };
}

const dial = async (code: string) =>
  (await (
    await server.app.request('/demo/switchboard/calls', {
      method: 'POST',
      body: JSON.stringify({ tenant: 'arnhem', code }),
    })
  ).json()) as { connected: boolean; switchboardCallId: string; sessionRef?: string; reason?: string };

const simulated = async (id: string) =>
  (await (await server.app.request(`/demo/switchboard/calls/${id}`)).json()) as SimulatedCallView;

/** Waits until the simulated line reaches what `done` looks for (its queue flow asks every 20 ms here). */
async function until(id: string, done: (call: SimulatedCallView) => boolean): Promise<SimulatedCallView> {
  for (let tries = 0; tries < 200; tries++) {
    const call = await simulated(id);
    if (done(call)) return call;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the simulated call never got there: ${JSON.stringify(await simulated(id))}`);
}

describe('the switchboard simulator playing Amazon Connect', () => {
  it('forwards the code as the contact flow does, puts the caller through once the queue flow hears who took it, and ends on the agent’s end', async () => {
    await connectDemo();
    const { callId, code } = await disclosedCode();
    const feed = sseReader(await staff.get('/api/v1/arnhem/console/events', anna));
    expect(await feed.next()).toMatchObject({ type: 'snapshot', calls: [] });

    const dialled = await dial(code);
    expect(dialled).toMatchObject({ connected: true, sessionRef: callId });
    // Connect names contacts with UUIDs: the call is bound to that contact id.
    expect(dialled.switchboardCallId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await feed.next()).toMatchObject({ type: 'call-added', call: { callId, callerId: '+31600000000' } });
    expect((await server.store.forTenant('arnhem').calls.get(callId))?.switchboardCallId).toBe(
      dialled.switchboardCallId,
    );

    // Nobody took it: the queue flow keeps asking, the caller keeps waiting.
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await simulated(dialled.switchboardCallId)).toMatchObject({ state: 'queued', connectedTo: null });

    expect((await staff.post(`/api/v1/arnhem/console/calls/${callId}/take`, anna)).status).toBe(204);
    const connected = await until(dialled.switchboardCallId, (call) => call.state === 'connected');
    expect(connected).toMatchObject({ connectedTo: 'anna', description: 'connected to agent anna' });

    expect((await staff.post(`/api/v1/arnhem/console/calls/${callId}/end`, anna)).status).toBe(204);
    expect(await simulated(dialled.switchboardCallId)).toMatchObject({ ended: true, endedBy: 'agent' });
    expect(await server.store.forTenant('arnhem').calls.get(callId)).toBeUndefined();
    await feed.cancel();
  });

  it('reports the caller hanging up as EventBridge does, which ends the call and deletes its data', async () => {
    await connectDemo();
    const { callId, code } = await disclosedCode();
    const dialled = await dial(code);
    expect(dialled.connected).toBe(true);
    const hungUp = await server.app.request(`/demo/switchboard/calls/${dialled.switchboardCallId}/hang-up`, {
      method: 'POST',
    });
    expect(hungUp.status).toBe(204);
    expect(await simulated(dialled.switchboardCallId)).toMatchObject({ ended: true, endedBy: 'caller' });
    expect(await server.store.forTenant('arnhem').calls.get(callId)).toBeUndefined();
  });

  it('queues a caller with a wrong code unidentified, as the documented contact flow does, and never asks who took it', async () => {
    await connectDemo();
    await disclosedCode();
    const dialled = await dial('0000000000');
    expect(dialled).toMatchObject({
      connected: false,
      reason: 'code not recognised; the caller waits in the queue unidentified',
    });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await simulated(dialled.switchboardCallId)).toMatchObject({
      state: 'queued',
      sessionRef: null,
      ended: false,
      description: 'waiting in the queue (queued unidentified: code not recognised)',
    });
  });

  it('disconnects a waiting caller whose call is gone on the server, as the queue flow does on "gone"', async () => {
    await connectDemo();
    const { callId, code } = await disclosedCode();
    const dialled = await dial(code);
    // The call's data is deleted without the switchboard hearing it (its retention ended).
    await server.store.forTenant('arnhem').calls.delete(callId);
    const ended = await until(dialled.switchboardCallId, (call) => call.ended);
    expect(ended).toMatchObject({ endedBy: 'line', state: 'ended' });
  });
});
