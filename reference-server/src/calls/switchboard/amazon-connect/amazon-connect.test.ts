import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../config/schema.js';
import { callSteps } from '../../../testing/call-steps.js';
import { seedAgent, sseReader, staffSteps } from '../../../testing/staff-steps.js';
import {
  createTestServer,
  SWITCHBOARD_SECRETS,
  testConfigInput,
  type TestServer,
} from '../../../testing/test-server.js';

let server: TestServer;
afterEach(() => server?.close());

function connectServer(): TestServer {
  const input = testConfigInput();
  const tenants = input.tenants.map((tenant, index) =>
    index === 0 ? { ...tenant, switchboard: { type: 'amazon-connect' as const } } : tenant,
  ) as ConfigInput['tenants'];
  let code = 4000000000;
  return createTestServer({ config: { tenants }, deps: { newDtmfCode: () => String(++code) } });
}

/** The event a contact flow Lambda receives, as Amazon documents it (Queue as an object). */
const flowEvent = (
  contactId: string,
  dtmf: string,
  queue: unknown = { ARN: 'arn:aws:connect:eu-central-1:1:instance/x/queue/y', Name: 'ID-bellen' },
  extra: object = {},
) => ({
  Name: 'ContactFlowEvent',
  Details: {
    ContactData: {
      Attributes: { dtmf },
      Channel: 'VOICE',
      ContactId: contactId,
      InitialContactId: contactId,
      InitiationMethod: 'INBOUND',
      InstanceARN: 'arn:aws:connect:eu-central-1:1:instance/x',
      CustomerEndpoint: { Address: '+31612345678', Type: 'TELEPHONE_NUMBER' },
      SystemEndpoint: { Address: '+31243299999', Type: 'TELEPHONE_NUMBER' },
      Queue: queue,
      ...extra,
    },
    Parameters: {},
  },
});

const post = (path: string, body: unknown, secret = SWITCHBOARD_SECRETS.nijmegen) =>
  server.app.request(`/api/v1/nijmegen/switchboard/amazon-connect/${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

async function disclosedCode(): Promise<{ callId: string; code: string }> {
  const steps = callSteps(server);
  const call = await steps.create();
  const status = await steps.disclosed(call);
  if (status.status !== 'disclosed') throw new Error('expected disclosed');
  return { callId: call.callId, code: status.dtmfCode };
}

describe('the Amazon Connect adapter', () => {
  it('resolves the code from the contact flow event, with Queue as an object or a plain string and unknown fields ignored, and empties dtmf', async () => {
    server = connectServer();
    const first = await disclosedCode();
    const answer = await post('contact-flow', flowEvent('contact-1', first.code));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ identified: 'true', sessionRef: first.callId, dtmf: '' });

    const second = await disclosedCode();
    const older = await post(
      'contact-flow',
      flowEvent('contact-2', second.code, 'BasicQueue', { SomethingNew: { nested: true }, Tags: ['x'] }),
    );
    expect(await older.json()).toEqual({ identified: 'true', sessionRef: second.callId, dtmf: '' });

    expect(await (await post('contact-flow', flowEvent('contact-3', '0000000000'))).json()).toEqual({
      identified: 'false',
      reason: 'unknown-code',
      dtmf: '',
    });
    expect(await (await post('contact-flow', flowEvent('contact-4', '12'))).json()).toEqual({
      identified: 'false',
      reason: 'no-code',
      dtmf: '',
    });
    // The code as a Lambda parameter, with no contact attribute at all.
    const third = await disclosedCode();
    const asParameter = flowEvent('contact-6', '');
    asParameter.Details.Parameters = { dtmf: third.code } as never;
    expect(await (await post('contact-flow', asParameter)).json()).toEqual({
      identified: 'true',
      sessionRef: third.callId,
      dtmf: '',
    });
    // A spent code does not resolve again, on another contact.
    expect(await (await post('contact-flow', flowEvent('contact-5', first.code))).json()).toMatchObject({
      identified: 'false',
    });
  });

  it('refuses a bad credential or a malformed event, and has no such endpoints for tenants on another platform', async () => {
    server = connectServer();
    const { code } = await disclosedCode();
    const refused = await post('contact-flow', flowEvent('contact-1', code), 'not-the-secret-0123456789abcdefghij');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await post('contact-flow', { Details: {} })).status).toBe(400);
    expect((await post('events', { source: 'aws.ec2', detail: {} })).status).toBe(400);
    const arnhem = await server.app.request('/api/v1/arnhem/switchboard/amazon-connect/contact-flow', {
      method: 'POST',
      headers: { Authorization: `Bearer ${SWITCHBOARD_SECRETS.arnhem}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(flowEvent('c', code)),
    });
    expect(arnhem.status).toBe(404);
  });

  it('tells the queue flow who took the contact, and ends the call on the DISCONNECTED event', async () => {
    server = connectServer();
    const { callId, code } = await disclosedCode();
    await post('contact-flow', flowEvent('contact-1', code));
    expect(await (await post('claim', flowEvent('contact-1', ''))).json()).toEqual({
      claimed: 'false',
      reason: 'waiting',
    });
    expect(await (await post('claim', flowEvent('contact-unknown', ''))).json()).toEqual({
      claimed: 'false',
      reason: 'gone',
    });
    await seedAgent(server, 'nijmegen', 'anna');
    const staff = staffSteps(server);
    const anna = await staff.signIn('nijmegen', 'anna');
    // The console shows the number the contact came from, as a signal.
    const feed = sseReader(await staff.get('/api/v1/nijmegen/console/events', anna));
    expect(await feed.next()).toMatchObject({ type: 'snapshot', calls: [{ callId, callerId: '+31612345678' }] });
    await feed.cancel();
    expect((await staff.post(`/api/v1/nijmegen/console/calls/${callId}/take`, anna)).status).toBe(204);
    expect(await (await post('claim', flowEvent('contact-1', ''))).json()).toEqual({
      claimed: 'true',
      agentUsername: 'anna',
    });

    const event = (eventType: string) => ({
      version: '0',
      source: 'aws.connect',
      'detail-type': 'Amazon Connect Contact Event',
      region: 'eu-central-1',
      detail: { eventType, contactId: 'contact-1', channel: 'VOICE' },
    });
    expect((await post('events', event('CONNECTED_TO_AGENT'))).status).toBe(204);
    expect(await server.store.forTenant('nijmegen').calls.get(callId)).toBeDefined();
    expect((await post('events', event('DISCONNECTED'))).status).toBe(204);
    expect(await server.store.forTenant('nijmegen').calls.get(callId)).toBeUndefined();
    // Repeated: still fine.
    expect((await post('events', event('COMPLETED'))).status).toBe(204);
  });
});
