import { Hono } from 'hono';
import { html } from 'hono/html';
import type { ConsoleService } from '../../staff/console-service.js';
import type { ResolvedTwilio, TenantSettings } from '../../config/resolve-config.js';
import type { TenantContext } from '../../tenants/tenant-context.js';
import type { CodeResolver } from '../resolve-code.js';
import { randomToken } from '../../crypto/random.js';
import { ApiError } from '../../http/api-error.js';
import { page } from '../../http/html.js';
import type { SimulatedCall, SimulatedSwitchboard } from './simulated-switchboard.js';
import { ConnectLine } from './simulator/connect-line.js';
import { fakeTwilioRest } from './simulator/fake-twilio-rest.js';
import { SIMULATOR_SCRIPT } from './simulator/live-script.js';
import { TwilioLine, type LineState, type RequestApp } from './simulator/twilio-line.js';

export interface SimulatorOptions {
  tenants: () => TenantContext[];
  resolver: CodeResolver;
  switchboard: SimulatedSwitchboard;
  console: ConsoleService;
  /** The server itself, which Twilio and Amazon Connect tenants' lines call through their webhooks. */
  server: RequestApp;
  /** How often Amazon Connect's customer queue flow asks whether an agent took the contact (default 1 s). */
  claimIntervalMs?: number;
}

type Outcome =
  | { connected: true; switchboardCallId: string; sessionRef: string }
  | { connected: false; switchboardCallId?: string; reason: string; said?: string };

const isTwilio = (settings: TenantSettings): settings is TenantSettings & { switchboard: ResolvedTwilio } =>
  settings.switchboard.type === 'twilio';

/** Why the contact flow queued a caller it could not identify, as the simulator page says it. */
const UNIDENTIFIED: Record<string, string> = {
  'unknown-code': 'code not recognised',
  'no-code': 'no code typed',
  'too-many-attempts': 'too many attempts',
  paused: 'code resolution is paused',
  unavailable: 'the server did not answer',
};

/**
 * A pretend switchboard for demo mode: "call" a tenant's number, type the
 * code, wait until an agent takes the call, hang up. For tenants on Twilio it
 * speaks the Twilio contract (signed webhooks, TwiML, the REST calls), for
 * tenants on Amazon Connect Connect's (the Lambda forwarder's events, the
 * queue flow's claim loop, EventBridge's disconnect), so demo traffic runs
 * through the real adapters; for the others it uses the generic resolve path.
 * The page follows every call live.
 */
export function createSwitchboardSimulator(options: SimulatorOptions) {
  const app = new Hono();
  const tenantById = (id: string) => options.tenants().find((t) => t.settings.id === id);
  app.route('/twilio-api', fakeTwilioRest(options.tenants, options.switchboard));

  /** Records what the Twilio line did after the caller typed a code. */
  const settle = async (tenant: TenantContext, line: TwilioLine, state: LineState): Promise<Outcome> => {
    const switchboardCallId = line.callSid;
    if (state.state === 'queued') {
      const call = await tenant.store.calls.findBySwitchboardCall(switchboardCallId);
      options.switchboard.update(switchboardCallId, {
        state: 'queued',
        sessionRef: call?.callId ?? null,
        said: null,
        action: null,
      });
      return call
        ? { connected: true, switchboardCallId, sessionRef: call.callId }
        : { connected: false, switchboardCallId, reason: 'waiting in the queue unidentified' };
    }
    if (state.state === 'asking') {
      options.switchboard.update(switchboardCallId, { state: 'asking', said: state.said, action: state.action });
      return { connected: false, switchboardCallId, reason: 'code not recognised', said: state.said };
    }
    options.switchboard.update(switchboardCallId, { said: state.said, action: null });
    options.switchboard.end(switchboardCallId, 'line');
    return { connected: false, switchboardCallId, reason: 'the line hung up', said: state.said };
  };

  const claimIntervalMs = options.claimIntervalMs ?? 1000;
  /**
   * Connect's customer queue flow: while an identified caller waits, ask every
   * interval whether an agent took the contact; put the caller through when
   * one did, disconnect when the call is gone on the server's side.
   */
  const waitForAgent = (line: ConnectLine) => {
    const turn = async () => {
      const call = options.switchboard.get(line.contactId);
      if (!call || call.ended) return;
      const answer = await line.askClaim();
      if (answer.claimed)
        options.switchboard.update(line.contactId, { state: 'connected', connectedTo: answer.agentUsername });
      else if (answer.reason === 'gone') {
        options.switchboard.update(line.contactId, {
          said: 'the call is gone on the server: the queue flow disconnects',
        });
        options.switchboard.end(line.contactId, 'line');
        await line.hangUp();
      } else setTimeout(() => void turn().catch(() => undefined), claimIntervalMs).unref();
    };
    setTimeout(() => void turn().catch(() => undefined), claimIntervalMs).unref();
  };

  /** An Amazon Connect call: the caller types the code, the contact flow forwards it and queues the caller either way. */
  const connectCall = async (tenantId: string, settings: TenantSettings, code: string): Promise<Outcome> => {
    const line = new ConnectLine(options.server, settings);
    const switchboardCallId = line.contactId;
    options.switchboard.add(
      {
        switchboardCallId,
        tenantId,
        sessionRef: null,
        startedAt: Date.now(),
        state: 'asking',
        said: null,
        action: null,
      },
      line,
    );
    const flow = await line.enterCode(code);
    if (!flow.identified) {
      // docs/switchboard.md: a caller who could not be identified still reaches a person, through the plain queue.
      const reason = UNIDENTIFIED[flow.reason] ?? flow.reason;
      options.switchboard.update(switchboardCallId, { state: 'queued', said: `queued unidentified: ${reason}` });
      return { connected: false, switchboardCallId, reason: `${reason}; the caller waits in the queue unidentified` };
    }
    options.switchboard.update(switchboardCallId, { state: 'queued', sessionRef: flow.sessionRef });
    waitForAgent(line);
    return { connected: true, switchboardCallId, sessionRef: flow.sessionRef };
  };

  const simulateCall = async (tenantId: string, code: string): Promise<Outcome> => {
    const tenant = tenantById(tenantId);
    if (!tenant) return { connected: false, reason: 'unknown number' };
    const settings = tenant.settings;
    if (settings.switchboard.type === 'amazon-connect') return connectCall(tenantId, settings, code);
    if (isTwilio(settings)) {
      const line = new TwilioLine(options.server, settings);
      options.switchboard.add(
        {
          switchboardCallId: line.callSid,
          tenantId,
          sessionRef: null,
          startedAt: Date.now(),
          state: 'asking',
          said: null,
          action: null,
        },
        line,
      );
      const greeting = await line.ring();
      if (greeting.state !== 'asking') return settle(tenant, line, greeting);
      return settle(tenant, line, await line.type(greeting.action, code));
    }
    const switchboardCallId = `sim-${randomToken(9)}`;
    try {
      const { sessionRef } = await options.resolver.resolve(tenant, {
        code,
        callId: switchboardCallId,
        callerId: '+31600000000',
      });
      options.switchboard.add({
        switchboardCallId,
        tenantId,
        sessionRef,
        startedAt: Date.now(),
        state: 'queued',
        said: null,
        action: null,
      });
      return { connected: true, switchboardCallId, sessionRef };
    } catch (error) {
      if (error instanceof ApiError)
        return { connected: false, reason: error.status === 429 ? 'too many attempts' : 'code not recognised' };
      throw error;
    }
  };

  /** The caller types again on a line that asked for another try. */
  const typeAgain = async (switchboardCallId: string, code: string): Promise<Outcome> => {
    const call = options.switchboard.get(switchboardCallId);
    const line = options.switchboard.lines.get(switchboardCallId);
    const tenant = call && tenantById(call.tenantId);
    if (!call || !(line instanceof TwilioLine) || !tenant || call.state !== 'asking' || !call.action)
      return { connected: false, reason: 'no call is waiting for a code' };
    return settle(tenant, line, await line.type(call.action, code));
  };

  const hangUp = async (switchboardCallId: string) => {
    const call = options.switchboard.end(switchboardCallId, 'caller');
    const line = options.switchboard.lines.get(switchboardCallId);
    const tenant = call && tenantById(call.tenantId);
    if (line instanceof ConnectLine) {
      if (call?.ended === true && call.endedBy === 'caller') await line.hangUp();
    } else if (line) await line.ended('completed');
    else if (tenant) await options.console.endBySwitchboard(tenant, switchboardCallId);
    return call !== undefined;
  };

  app.post('/calls', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { tenant?: unknown; code?: unknown } | null;
    if (typeof body?.tenant !== 'string' || typeof body.code !== 'string' || !/^[0-9]{10}$/.test(body.code)) {
      throw new ApiError(400, 'validation_failed', 'Send {"tenant": "<id>", "code": "<10 digits>"}.');
    }
    return c.json(await simulateCall(body.tenant, body.code));
  });

  app.get('/calls', (c) => c.json({ calls: options.switchboard.list().map(publicView) }));

  app.get('/calls/:id', (c) => {
    const call = options.switchboard.get(c.req.param('id'));
    return call
      ? c.json(publicView(call))
      : c.json({ error: { code: 'not_found', message: 'no such simulated call' } }, 404);
  });

  app.post('/calls/:id/digits', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { code?: unknown } | null;
    if (typeof body?.code !== 'string' || !/^[0-9]{1,10}$/.test(body.code))
      throw new ApiError(400, 'validation_failed', 'Send {"code": "<digits>"}.');
    return c.json(await typeAgain(c.req.param('id'), body.code));
  });

  app.post('/calls/:id/hang-up', async (c) =>
    (await hangUp(c.req.param('id')))
      ? c.body(null, 204)
      : c.json({ error: { code: 'not_found', message: 'no such simulated call' } }, 404),
  );

  app.get('/live.js', (c) =>
    c.body(SIMULATOR_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }),
  );

  const describe = (call: SimulatedCall) =>
    call.ended
      ? `ended by ${call.endedBy === 'agent' ? 'the agent' : call.endedBy === 'line' ? 'the line' : 'the caller'}`
      : call.state === 'connected'
        ? `connected to agent ${call.connectedTo ?? ''}`
        : call.state === 'queued'
          ? `waiting in the queue${call.said ? ` (${call.said})` : ''}`
          : `the line asks: “${call.said ?? ''}”`;

  const render = (message?: ReturnType<typeof html>) => {
    const tenantOptions = options
      .tenants()
      .map(
        (t) => html`<option value="${t.settings.id}">${t.settings.displayName} (${t.settings.phoneNumber})</option>`,
      );
    const calls = options.switchboard.list().map(
      (call) => html`<li data-call="${call.switchboardCallId}">
        <code>${call.switchboardCallId}</code> to ${call.tenantId}: <span class="call-state">${describe(call)}</span>
        ${
          call.state === 'asking' && !call.ended
            ? html`<form method="post" action="/demo/switchboard/digits" class="inline">
              <input type="hidden" name="call" value="${call.switchboardCallId}" />
              <label>Code <input name="code" inputmode="numeric" autocomplete="off" pattern="[0-9]{10}" required /></label>
              <button type="submit">Type</button>
            </form>`
            : ''
        }
        ${
          call.ended
            ? ''
            : html`<form method="post" action="/demo/switchboard/hang-up" class="inline">
              <input type="hidden" name="call" value="${call.switchboardCallId}" />
              <button type="submit" value="cancel">Hang up</button>
            </form>`
        }
      </li>`,
    );
    return page(
      'Switchboard simulator',
      html`<h1>Switchboard simulator</h1>
        <p>Pretend to call a municipality and type the code, as a caller would on the phone keypad. Tenants on Twilio are called the way Twilio calls (signed webhooks and TwiML), tenants on Amazon Connect the way Connect calls (the contact flow's Lambda, the queue flow asking who took the call, the disconnect event).</p>
        ${message ?? ''}
        <form method="post" action="/demo/switchboard">
          <label for="tenant">Number to call</label>
          <select id="tenant" name="tenant">${tenantOptions}</select>
          <label for="code">Code (10 digits)</label>
          <input id="code" name="code" inputmode="numeric" autocomplete="off" pattern="[0-9]{10}" required />
          <button type="submit">Call</button>
        </form>
        <h2>Calls</h2>
        <div id="calls" aria-live="polite">${calls.length > 0 ? html`<ul>${calls}</ul>` : html`<p>No calls yet.</p>`}</div>
        <script src="/demo/switchboard/live.js" defer></script>`,
    );
  };

  const outcomeMessage = (outcome: Outcome) =>
    outcome.connected
      ? html`<p role="status" class="ok">Connected. The switchboard received session reference <code>${outcome.sessionRef}</code>; the caller waits for an agent.</p>`
      : html`<p role="status" class="error">Not connected: ${outcome.reason}.${outcome.said ? html` The line says: “${outcome.said}”` : ''}</p>`;

  app.get('/', (c) => c.html(render()));

  app.post('/', async (c) => {
    const body = await c.req.parseBody();
    const code = typeof body.code === 'string' ? body.code.replace(/\s/g, '') : '';
    const tenant = typeof body.tenant === 'string' ? body.tenant : '';
    const outcome: Outcome = /^[0-9]{10}$/.test(code)
      ? await simulateCall(tenant, code)
      : { connected: false, reason: 'a code has 10 digits' };
    return c.html(render(outcomeMessage(outcome)), outcome.connected ? 200 : 404);
  });

  app.post('/digits', async (c) => {
    const body = await c.req.parseBody();
    const code = typeof body.code === 'string' ? body.code.replace(/\s/g, '') : '';
    const outcome =
      typeof body.call === 'string' && /^[0-9]{10}$/.test(code)
        ? await typeAgain(body.call, code)
        : ({ connected: false, reason: 'a code has 10 digits' } as Outcome);
    return c.html(render(outcomeMessage(outcome)), outcome.connected ? 200 : 404);
  });

  app.post('/hang-up', async (c) => {
    const body = await c.req.parseBody();
    const ended = typeof body.call === 'string' && (await hangUp(body.call));
    return c.html(
      render(
        ended
          ? html`<p role="status" class="ok">Call ended.</p>`
          : html`<p role="status" class="error">No such call.</p>`,
      ),
      ended ? 200 : 404,
    );
  });

  function publicView(call: SimulatedCall) {
    const { action: _action, ...view } = call;
    return { ...view, description: describe(call) };
  }

  return app;
}
