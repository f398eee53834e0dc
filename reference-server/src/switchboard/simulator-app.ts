import { Hono } from 'hono';
import { html } from 'hono/html';
import type { TenantContext } from '../calls/tenant-context.js';
import type { CodeResolver } from '../calls/resolve-code.js';
import { randomToken } from '../crypto/random.js';
import { ApiError } from '../http/api-error.js';
import { page } from '../http/html.js';

export interface SimulatorOptions {
  tenants: () => TenantContext[];
  resolver: CodeResolver;
}

/**
 * A pretend switchboard for demo mode: "call" a tenant's number, type the code,
 * and see what a real switchboard would get back. It goes through the same
 * CodeResolver as the Twilio and Amazon Connect adapters.
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
      return { connected: true as const, switchboardCallId, sessionRef };
    } catch (error) {
      if (error instanceof ApiError) return { connected: false as const, reason: error.status === 429 ? 'too many attempts' : 'code not recognised' };
      throw error;
    }
  };

  app.post('/calls', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { tenant?: unknown; code?: unknown } | null;
    if (typeof body?.tenant !== 'string' || typeof body.code !== 'string' || !/^[0-9]{10}$/.test(body.code)) {
      throw new ApiError(400, 'validation_failed', 'Send {"tenant": "<id>", "code": "<10 digits>"}.');
    }
    return c.json(await simulateCall(body.tenant, body.code));
  });

  const form = (message?: ReturnType<typeof html>) => {
    const options_ = options.tenants().map((t) => html`<option value="${t.settings.id}">${t.settings.displayName} (${t.settings.phoneNumber})</option>`);
    return page(
      'Switchboard simulator',
      html`<h1>Switchboard simulator</h1>
        <p>Pretend to call a municipality and type the code, as a caller would on the phone keypad.</p>
        ${message ?? ''}
        <form method="post" action="/demo/switchboard">
          <label for="tenant">Number to call</label>
          <select id="tenant" name="tenant">${options_}</select>
          <label for="code">Code (10 digits)</label>
          <input id="code" name="code" inputmode="numeric" autocomplete="off" pattern="[0-9]{10}" required />
          <button type="submit">Call</button>
        </form>`,
    );
  };

  app.get('/', (c) => c.html(form()));

  app.post('/', async (c) => {
    const body = await c.req.parseBody();
    const code = typeof body.code === 'string' ? body.code.replace(/\s/g, '') : '';
    const tenant = typeof body.tenant === 'string' ? body.tenant : '';
    const outcome = /^[0-9]{10}$/.test(code) ? await simulateCall(tenant, code) : { connected: false as const, reason: 'a code has 10 digits' };
    const message = outcome.connected
      ? html`<p role="status" class="ok">Connected. The switchboard received session reference <code>${outcome.sessionRef}</code>.</p>`
      : html`<p role="status" class="error">Not connected: ${outcome.reason}.</p>`;
    return c.html(form(message), outcome.connected ? 200 : 404);
  });

  return app;
}
