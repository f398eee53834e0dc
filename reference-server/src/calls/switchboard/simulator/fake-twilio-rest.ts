import { Hono } from 'hono';
import type { TenantContext } from '../../../tenants/tenant-context.js';
import { secretsEqual } from '../../../crypto/constant-time.js';
import type { SimulatedSwitchboard } from '../simulated-switchboard.js';
import { agentIdentity } from '../twilio/agent-identity.js';
import { TwilioLine } from './twilio-line.js';

/**
 * The two Twilio REST endpoints the server calls, played by the simulator in
 * demo mode: a dequeued caller is put through to the agent whose identity the
 * TwiML dials, and a call the agent ended is hung up (and reported to the
 * status callback, as Twilio would).
 */
export function fakeTwilioRest(tenants: () => TenantContext[], switchboard: SimulatedSwitchboard) {
  const app = new Hono();
  const twilioTenant = (accountSid: string, authorization: string | undefined) =>
    tenants().find((tenant) => {
      const settings = tenant.settings.switchboard;
      return (
        settings.type === 'twilio' &&
        settings.accountSid === accountSid &&
        secretsEqual(authorization, `Basic ${Buffer.from(`${accountSid}:${settings.authToken}`).toString('base64')}`)
      );
    });
  const twilioError = (status: 401 | 404, message: string) => ({
    code: status === 401 ? 20003 : 20404,
    message,
    status,
  });

  app.post('/2010-04-01/Accounts/:account/Queues/:queue/Members/:call', async (c) => {
    const tenant = twilioTenant(c.req.param('account'), c.req.header('Authorization'));
    if (!tenant) return c.json(twilioError(401, 'Authenticate'), 401);
    const callSid = c.req.param('call').replace(/\.json$/, '');
    const line = switchboard.lines.get(callSid);
    const call = switchboard.get(callSid);
    if (!(line instanceof TwilioLine) || call?.state !== 'queued')
      return c.json(twilioError(404, 'Queue member not found'), 404);
    const form = await c.req.parseBody();
    const identity = await line.fetchDial(String(form.Url ?? ''));
    const agents = await tenant.store.agents.list();
    const agent = agents.find((candidate) => agentIdentity(tenant.settings.id, candidate.agentId) === identity);
    switchboard.update(callSid, { state: 'connected', connectedTo: agent?.username ?? identity ?? null });
    return c.json({ call_sid: callSid, queue_sid: c.req.param('queue'), position: 1, wait_time: 0 });
  });

  app.post('/2010-04-01/Accounts/:account/Calls/:call', async (c) => {
    if (!twilioTenant(c.req.param('account'), c.req.header('Authorization')))
      return c.json(twilioError(401, 'Authenticate'), 401);
    const callSid = c.req.param('call').replace(/\.json$/, '');
    const form = await c.req.parseBody();
    const line = switchboard.lines.get(callSid);
    if (!(line instanceof TwilioLine) || !switchboard.get(callSid))
      return c.json(twilioError(404, 'Call not found'), 404);
    if (form.Status === 'completed') {
      switchboard.end(callSid, 'agent');
      await line.ended('completed');
    }
    return c.json({ sid: callSid, status: 'completed' });
  });

  return app;
}

/** `https://api.twilio.com/2010-04-01/…` -> the simulator's own path for it. */
export function twilioApiPath(input: string | URL | Request): string {
  const url = new URL(input instanceof Request ? input.url : String(input));
  return `/twilio-api${url.pathname}`;
}
