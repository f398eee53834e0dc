import { Hono } from 'hono';
import { html } from 'hono/html';
import type { ConsoleService } from '../agents/console-service.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { CodeResolver } from '../calls/resolve-code.js';
import { randomToken } from '../crypto/random.js';
import { ApiError } from '../http/api-error.js';
import { page } from '../http/html.js';
import type { SimulatedSwitchboard } from './simulated-switchboard.js';

export interface SimulatorOptions {
  tenants: () => TenantContext[];
  resolver: CodeResolver;
  switchboard: SimulatedSwitchboard;
  console: ConsoleService;
}

/**
 * A pretend switchboard for demo mode: "call" a tenant's number, type the
 * code, wait until an agent takes the call, hang up. It goes through the same
 * CodeResolver and end-of-call path as the real switchboard adapters.
 */
export function createSwitchboardSimulator(options: SimulatorOptions) {
  const app = new Hono();
  const tenantById = (id: string) => options.tenants().find((t) => t.settings.id === id);

  const simulateCall = async (tenantId: string, code: string) => {
    const tenant = tenantById(tenantId);
    if (!tenant) return { connected: false as const, reason: 'unknown number' };
    const switchboardCallId = `sim-${randomToken(9)}`;
    try {
      const { sessionRef } = await options.resolver.resolve(tenant, { code, callId: switchboardCallId, callerId: '+31600000000' });
      options.switchboard.answered({ switchboardCallId, tenantId, sessionRef, startedAt: Date.now() });
      return { connected: true as const, switchboardCallId, sessionRef };
    } catch (error) {
      if (error instanceof ApiError) return { connected: false as const, reason: error.status === 429 ? 'too many attempts' : 'code not recognised' };
      throw error;
    }
  };

  const hangUp = async (switchboardCallId: string) => {
    const call = options.switchboard.hangUp(switchboardCallId);
    const tenant = call && tenantById(call.tenantId);
    if (tenant) await options.console.endBySwitchboard(tenant, switchboardCallId);
    return call !== undefined;
  };

  app.post('/calls', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { tenant?: unknown; code?: unknown } | null;
    if (typeof body?.tenant !== 'string' || typeof body.code !== 'string' || !/^[0-9]{10}$/.test(body.code)) {
      throw new ApiError(400, 'validation_failed', 'Send {"tenant": "<id>", "code": "<10 digits>"}.');
    }
    return c.json(await simulateCall(body.tenant, body.code));
  });

  app.get('/calls/:id', (c) => {
    const call = options.switchboard.get(c.req.param('id'));
    return call ? c.json(call) : c.json({ error: { code: 'not_found', message: 'no such simulated call' } }, 404);
  });

  app.post('/calls/:id/hang-up', async (c) => ((await hangUp(c.req.param('id'))) ? c.body(null, 204) : c.json({ error: { code: 'not_found', message: 'no such simulated call' } }, 404)));

  const render = (message?: ReturnType<typeof html>) => {
    const tenantOptions = options.tenants().map((t) => html`<option value="${t.settings.id}">${t.settings.displayName} (${t.settings.phoneNumber})</option>`);
    const calls = options.switchboard.list().map(
      (call) => html`<li>
        <code>${call.switchboardCallId}</code> to ${call.tenantId}:
        ${call.ended ? 'ended' : call.connectedTo ? html`connected to agent <strong>${call.connectedTo}</strong>` : 'waiting in the queue'}
        ${call.ended
          ? ''
          : html`<form method="post" action="/demo/switchboard/hang-up" class="inline">
              <input type="hidden" name="call" value="${call.switchboardCallId}" />
              <button type="submit" value="cancel">Hang up</button>
            </form>`}
      </li>`,
    );
    return page(
      'Switchboard simulator',
      html`<h1>Switchboard simulator</h1>
        <p>Pretend to call a municipality and type the code, as a caller would on the phone keypad.</p>
        ${message ?? ''}
        <form method="post" action="/demo/switchboard">
          <label for="tenant">Number to call</label>
          <select id="tenant" name="tenant">${tenantOptions}</select>
          <label for="code">Code (10 digits)</label>
          <input id="code" name="code" inputmode="numeric" autocomplete="off" pattern="[0-9]{10}" required />
          <button type="submit">Call</button>
        </form>
        <h2>Calls</h2>
        ${calls.length > 0 ? html`<ul>${calls}</ul>` : html`<p>No calls yet.</p>`}
        <p><a href="/demo/switchboard">Refresh</a></p>`,
    );
  };

  app.get('/', (c) => c.html(render()));

  app.post('/', async (c) => {
    const body = await c.req.parseBody();
    const code = typeof body.code === 'string' ? body.code.replace(/\s/g, '') : '';
    const tenant = typeof body.tenant === 'string' ? body.tenant : '';
    const outcome = /^[0-9]{10}$/.test(code) ? await simulateCall(tenant, code) : { connected: false as const, reason: 'a code has 10 digits' };
    const message = outcome.connected
      ? html`<p role="status" class="ok">Connected. The switchboard received session reference <code>${outcome.sessionRef}</code>; the caller waits for an agent.</p>`
      : html`<p role="status" class="error">Not connected: ${outcome.reason}.</p>`;
    return c.html(render(message), outcome.connected ? 200 : 404);
  });

  app.post('/hang-up', async (c) => {
    const body = await c.req.parseBody();
    const ended = typeof body.call === 'string' && (await hangUp(body.call));
    return c.html(render(ended ? html`<p role="status" class="ok">Call ended.</p>` : html`<p role="status" class="error">No such call.</p>`), ended ? 200 : 404);
  });

  return app;
}
