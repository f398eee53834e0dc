import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { callSteps } from '../../../testing/call-steps.js';
import { seedAgent, staffSteps } from '../../../testing/staff-steps.js';
import { createTestServer, testConfigInput, type TestServer } from '../../../testing/test-server.js';
import type { AppDeps } from '../../../app.js';
import type { ConfigInput } from '../../../config/schema.js';
import { TwilioLine } from '../simulator/twilio-line.js';
import { isTwilioSignatureValid, twilioSignature } from './twilio-signature.js';
import { agentIdentity } from './agent-identity.js';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';

const AUTH_TOKEN = 'test-twilio-auth-token-0123456789';
const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const QUEUE_SID = `QU${'2'.repeat(32)}`;

describe('Twilio request signatures', () => {
  const vector = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+12349013030',
    Digits: '1234',
    From: '+12349013030',
    To: '+18005551212',
  };

  it('match the documented test vector', () => {
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', vector)).toBe(
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    );
    expect(
      isTwilioSignatureValid(
        '12345',
        '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
        'https://mycompany.com/myapp.php?foo=1&bar=2',
        vector,
      ),
    ).toBe(true);
  });

  it('agree with the official twilio package on URLs with ports and query strings, with and without the port', () => {
    const urls = [
      'https://bellen.nijmegen.nl/api/v1/nijmegen/twilio/gather?try=2',
      'https://bellen.nijmegen.nl:8443/api/v1/nijmegen/twilio/gather?try=2&x=a%20b',
      'http://localhost:8080/api/v1/nijmegen/twilio/voice',
      'https://bellen.nijmegen.nl:443/api/v1/nijmegen/twilio/status',
    ];
    for (const url of urls) {
      const official = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, vector);
      expect(twilioSignature(AUTH_TOKEN, url, vector)).toBe(official);
      expect(isTwilioSignatureValid(AUTH_TOKEN, official, url, vector)).toBe(true);
      expect(twilio.validateRequest(AUTH_TOKEN, official, url, vector)).toBe(true);
    }
    // Twilio may sign with the default port while the proxy shows none, or the other way round.
    const withPort = twilio.getExpectedTwilioSignature(
      AUTH_TOKEN,
      'https://bellen.nijmegen.nl:443/api/v1/nijmegen/twilio/voice',
      vector,
    );
    expect(
      isTwilioSignatureValid(AUTH_TOKEN, withPort, 'https://bellen.nijmegen.nl/api/v1/nijmegen/twilio/voice', vector),
    ).toBe(true);
  });

  it('refuse a tampered parameter, another URL, another token, or none', () => {
    const url = 'https://bellen.nijmegen.nl/api/v1/nijmegen/twilio/gather?try=1';
    const signature = twilioSignature(AUTH_TOKEN, url, vector);
    expect(isTwilioSignatureValid(AUTH_TOKEN, signature, url, { ...vector, Digits: '1235' })).toBe(false);
    expect(isTwilioSignatureValid(AUTH_TOKEN, signature, url.replace('try=1', 'try=3'), vector)).toBe(false);
    expect(isTwilioSignatureValid('another-token-0123456789', signature, url, vector)).toBe(false);
    expect(isTwilioSignatureValid(AUTH_TOKEN, undefined, url, vector)).toBe(false);
  });
});

/** The test server with Nijmegen on Twilio, its REST API answered by `rest`. */
const VOICE_SDK = {
  apiKeySid: `SK${'3'.repeat(32)}`,
  apiKeySecret: 'test-api-key-secret-0123456789',
  twimlAppSid: `AP${'4'.repeat(32)}`,
};

function twilioServer(rest: typeof fetch, webhookBaseUrl?: string, deps: Partial<AppDeps> = {}): TestServer {
  const input = testConfigInput();
  const switchboard = {
    type: 'twilio' as const,
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    queueSid: QUEUE_SID,
    queueName: 'nijmegen',
    voiceSdk: VOICE_SDK,
    ...(webhookBaseUrl && { webhookBaseUrl }),
  };
  const tenants = input.tenants.map((tenant, index) =>
    index === 0 ? { ...tenant, switchboard } : tenant,
  ) as ConfigInput['tenants'];
  let code = 1000000000;
  return createTestServer({
    config: { tenants },
    deps: { twilioFetch: rest, newDtmfCode: () => String(++code), ...deps },
  });
}

describe('the Twilio adapter', () => {
  let server: TestServer;
  const restCalls: { url: string; form: Record<string, string> }[] = [];
  const rest = (async (input: string | URL | Request, init?: RequestInit) => {
    restCalls.push({ url: String(input), form: Object.fromEntries(new URLSearchParams(String(init?.body))) });
    return new Response('{}', { status: 200 });
  }) as typeof fetch;
  afterEach(async () => {
    restCalls.length = 0;
    await server?.close();
  });

  const line = () => new TwilioLine(server.app, server.config.tenants[0] as never, '+31612345678');

  /** A citizen who disclosed: their call and code. */
  async function disclosedCode(): Promise<{ callId: string; code: string }> {
    const steps = callSteps(server);
    const call = await steps.create();
    const status = await steps.disclosed(call);
    if (status.status !== 'disclosed') throw new Error('expected disclosed');
    return { callId: call.callId, code: status.dtmfCode };
  }

  /** That citizen rang the Twilio number and typed the code: waiting in the queue. */
  async function callerInQueue(): Promise<{ callId: string; phone: TwilioLine }> {
    const { callId, code } = await disclosedCode();
    const phone = line();
    const greeting = await phone.ring();
    if (greeting.state !== 'asking') throw new Error('expected the line to ask for the code');
    expect(await phone.type(greeting.action, code)).toEqual({ state: 'queued' });
    return { callId, phone };
  }

  it('asks for the code, queues an identified caller, dequeues exactly that call to the agent who takes it, and hangs up when the agent ends it', async () => {
    server = twilioServer(rest);
    const steps = callSteps(server);
    const call = await steps.create();
    const status = await steps.disclosed(call);
    const phone = line();
    const greeting = await phone.ring();
    expect(greeting).toMatchObject({
      state: 'asking',
      said: expect.stringContaining('tien cijfers'),
      action: 'http://localhost:8080/api/v1/nijmegen/twilio/gather?try=1',
    });
    if (greeting.state !== 'asking' || status.status !== 'disclosed') throw new Error('unexpected');
    expect(await phone.type(greeting.action, status.dtmfCode)).toEqual({ state: 'queued' });
    expect(await server.store.forTenant('nijmegen').calls.get(call.callId)).toMatchObject({
      status: 'called',
      switchboardCallId: phone.callSid,
    });

    await seedAgent(server, 'nijmegen', 'anna');
    const staff = staffSteps(server);
    const anna = await staff.signIn('nijmegen', 'anna');
    expect((await staff.post(`/api/v1/nijmegen/console/calls/${call.callId}/take`, anna)).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(restCalls[0]!.url).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Queues/${QUEUE_SID}/Members/${phone.callSid}.json`,
    );
    const dialUrl = restCalls[0]!.form.Url!;
    expect(dialUrl).toMatch(
      /^http:\/\/localhost:8080\/api\/v1\/nijmegen\/twilio\/agent-dial\?identity=agent_[0-9a-f]{32}$/,
    );
    expect(await phone.fetchDial(dialUrl)).toBe(new URL(dialUrl).searchParams.get('identity'));

    expect((await staff.post(`/api/v1/nijmegen/console/calls/${call.callId}/end`, anna)).status).toBe(204);
    expect(restCalls[1]).toEqual({
      url: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${phone.callSid}.json`,
      form: { Status: 'completed' },
    });
  });

  it('gives a wrong code two more tries, then says goodbye politely and hangs up', async () => {
    server = twilioServer(rest);
    const phone = line();
    let state = await phone.ring();
    const heard: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      if (state.state !== 'asking') throw new Error(`expected another try at attempt ${attempt}`);
      expect(state.action).toMatch(new RegExp(`try=${attempt}$`));
      state = await phone.type(state.action, '9999999999');
      heard.push('said' in state ? state.said : '');
    }
    expect(heard[0]).toContain('niet bekend');
    expect(state).toMatchObject({ state: 'hung-up', said: expect.stringContaining('Tot ziens') });
  });

  it('deletes the caller data when the status callback reports the call ended', async () => {
    server = twilioServer(rest);
    const { callId, phone } = await callerInQueue();
    await phone.ended('in-progress');
    expect(await server.store.forTenant('nijmegen').calls.get(callId)).toBeDefined();
    await phone.ended('completed');
    expect(await server.store.forTenant('nijmegen').calls.get(callId)).toBeUndefined();
  });

  it('answers 403 to a bad or missing signature and to another account, and changes nothing', async () => {
    server = twilioServer(rest);
    const url = 'http://localhost:8080/api/v1/nijmegen/twilio/status';
    const params = { CallSid: 'CA1', AccountSid: ACCOUNT_SID, CallStatus: 'completed' };
    const post = (signature: string | undefined, body = params) =>
      server.app.request(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          ...(signature && { 'X-Twilio-Signature': signature }),
        },
        body: new URLSearchParams(body).toString(),
      });
    expect((await post(undefined)).status).toBe(403);
    expect((await post(twilioSignature('wrong-token-0123456789', url, params))).status).toBe(403);
    const other = { ...params, AccountSid: `AC${'9'.repeat(32)}` };
    expect((await post(twilioSignature(AUTH_TOKEN, url, other), other)).status).toBe(403);
    const refused = await post(twilioSignature(AUTH_TOKEN, url, { ...params, CallSid: 'CA2' }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    expect((await post(twilioSignature(AUTH_TOKEN, url, params))).status).toBe(204);
    // A tenant not on Twilio has no Twilio endpoints.
    expect((await server.app.request('/api/v1/arnhem/twilio/voice', { method: 'POST' })).status).toBe(404);
  });

  it('checks signatures against the configured public URL, right behind a proxy', async () => {
    server = twilioServer(rest, 'https://bellen.nijmegen.nl:8443');
    const params = {
      CallSid: 'CA1',
      AccountSid: ACCOUNT_SID,
      From: '+31612345678',
      To: '+31243299999',
      CallStatus: 'ringing',
    };
    // The proxy forwards to http://localhost:8080; Twilio signed the public URL.
    const signed = twilio.getExpectedTwilioSignature(
      AUTH_TOKEN,
      'https://bellen.nijmegen.nl:8443/api/v1/nijmegen/twilio/voice',
      params,
    );
    const answer = await server.app.request('http://localhost:8080/api/v1/nijmegen/twilio/voice', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signed },
      body: new URLSearchParams(params).toString(),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/xml');
    expect(await answer.text()).toContain(
      'action="https://bellen.nijmegen.nl:8443/api/v1/nijmegen/twilio/gather?try=1"',
    );
  });

  it('while resolution is paused for too many wrong codes, still puts callers through, unidentified', async () => {
    server = twilioServer(rest, undefined, {
      attemptLimits: {
        perSwitchboardCall: 3,
        failuresPerCallerPerHour: 10,
        failuresPerMinute: 1,
        alarmFailuresPerMinute: 1,
      },
    });
    const { callId, code } = await disclosedCode();
    const guesser = line();
    const asked = await guesser.ring();
    if (asked.state !== 'asking') throw new Error('unexpected');
    await guesser.type(asked.action, '9999999999');
    const caller = line();
    const greeting = await caller.ring();
    if (greeting.state !== 'asking') throw new Error('unexpected');
    expect(await caller.type(greeting.action, code)).toEqual({ state: 'queued' });
    // Queued, but not identified: the code stays unused and the consoles show no caller.
    expect((await server.store.forTenant('nijmegen').calls.get(callId))?.status).toBe('disclosed');
  });

  it('gives a signed-in agent a Voice SDK access token for their own identity, shaped as the twilio package makes them', async () => {
    server = twilioServer(rest);
    const agentId = await seedAgent(server, 'nijmegen', 'anna');
    const staff = staffSteps(server);
    const anna = await staff.signIn('nijmegen', 'anna');
    expect((await server.app.request('/api/v1/nijmegen/console/voice-token')).status).toBe(401);
    const answer = await staff.get('/api/v1/nijmegen/console/voice-token', anna);
    expect(answer.status).toBe(200);
    const { token, identity } = (await answer.json()) as { token: string; identity: string };
    expect(identity).toBe(agentIdentity('nijmegen', agentId));
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(VOICE_SDK.apiKeySecret));
    const official = new twilio.jwt.AccessToken(ACCOUNT_SID, VOICE_SDK.apiKeySid, VOICE_SDK.apiKeySecret, { identity });
    official.addGrant(
      new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true, outgoingApplicationSid: VOICE_SDK.twimlAppSid }),
    );
    const expected = decodeJwt(official.toJwt());
    expect(protectedHeader).toMatchObject(decodeProtectedHeader(official.toJwt()));
    expect(payload).toMatchObject({ iss: expected.iss, sub: expected.sub, grants: expected.grants });
    // A tenant without the Voice SDK configured has no token to give.
    const arnhemAgent = await seedAgent(server, 'arnhem', 'bram');
    expect(arnhemAgent).toBeTruthy();
    const bram = await staff.signIn('arnhem', 'bram');
    expect((await staff.get('/api/v1/arnhem/console/voice-token', bram)).status).toBe(204);
  });

  it('undoes the take when Twilio cannot put the call through, so the agent is not told they are talking to the caller', async () => {
    let twilioUp = false;
    const flaky = (async (input: string | URL | Request) => {
      restCalls.push({ url: String(input), form: {} });
      return new Response('{"code":20404}', { status: twilioUp ? 200 : 404 });
    }) as typeof fetch;
    server = twilioServer(flaky);
    const { callId } = await callerInQueue();
    await seedAgent(server, 'nijmegen', 'anna');
    const staff = staffSteps(server);
    const anna = await staff.signIn('nijmegen', 'anna');
    const refused = await staff.post(`/api/v1/nijmegen/console/calls/${callId}/take`, anna);
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ error: { code: 'upstream_unavailable' } });
    expect(await server.store.forTenant('nijmegen').calls.get(callId)).toMatchObject({ takenBy: null });
    twilioUp = true;
    expect((await staff.post(`/api/v1/nijmegen/console/calls/${callId}/take`, anna)).status).toBe(204);
  });
});
