import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ContactFlowAnswer, ContactFlowEvent } from '@regiekit/sdk/protocol';
import type { ConsoleService } from '../../../staff/console-service.js';
import type { CodeResolver, ResolveOutcome } from '../../resolve-code.js';
import { notFound } from '../../../http/api-error.js';
import type { AppEnv } from '../../../http/app-env.js';
import { claimRoute, contactEventRoute, contactFlowRoute } from './amazon-connect.routes.js';

const ENDED = new Set(['DISCONNECTED', 'COMPLETED']);

/** The code the flow passed: a Lambda parameter `dtmf` (preferred: it never becomes a contact attribute), or the contact attribute. */
const codeOf = (event: ContactFlowEvent) =>
  event.Details.Parameters?.dtmf || event.Details.ContactData.Attributes?.dtmf || '';

/** The flow's answer. `dtmf` is emptied, so the code does not stay in the contact's attributes. */
function answerFor(result: ResolveOutcome | undefined): ContactFlowAnswer {
  if (!result) return { identified: 'false', reason: 'no-code', dtmf: '' };
  if (result.outcome === 'resolved') return { identified: 'true', sessionRef: result.call.callId, dtmf: '' };
  if (result.outcome === 'unknown') return { identified: 'false', reason: 'unknown-code', dtmf: '' };
  return { identified: 'false', reason: result.reason === 'global' ? 'paused' : 'too-many-attempts', dtmf: '' };
}

/**
 * Amazon Connect: the contact flow's Lambda forwards its event to resolve the
 * code, EventBridge forwards contact events to end calls, and the customer
 * queue flow asks who took the contact. All carry the switchboard secret.
 */
export function mountAmazonConnectRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { resolver: CodeResolver; console: ConsoleService },
): void {
  // Only tenants configured for Amazon Connect have these endpoints.
  app.use('/api/v1/:tenant/switchboard/amazon-connect/*', async (c, next) => {
    if (c.get('tenant').settings.switchboard.type !== 'amazon-connect') throw notFound('endpoint');
    await next();
  });
  app.openapi(contactFlowRoute, async (c) => {
    const event = c.req.valid('json');
    const contact = event.Details.ContactData;
    const code = codeOf(event);
    const callerId = contact.CustomerEndpoint?.Address ?? undefined;
    const result = /^[0-9]{10}$/.test(code)
      ? await deps.resolver.attempt(c.get('tenant'), { code, callId: contact.ContactId, ...(callerId && { callerId }) })
      : undefined;
    return c.json(answerFor(result), 200);
  });

  app.openapi(contactEventRoute, async (c) => {
    const { detail } = c.req.valid('json');
    if (ENDED.has(detail.eventType)) {
      const tenant = c.get('tenant');
      // A transferred contact gets a new id; the call was bound to the one that entered the code.
      if (!(await deps.console.endBySwitchboard(tenant, detail.contactId)) && detail.initialContactId)
        await deps.console.endBySwitchboard(tenant, detail.initialContactId);
    }
    return c.body(null, 204);
  });

  app.openapi(claimRoute, async (c) => {
    const tenant = c.get('tenant');
    const contact = c.req.valid('json').Details.ContactData;
    const call =
      (await tenant.store.calls.findBySwitchboardCall(contact.ContactId)) ??
      (contact.InitialContactId ? await tenant.store.calls.findBySwitchboardCall(contact.InitialContactId) : undefined);
    const agent = call?.takenBy ? await tenant.store.agents.byId(call.takenBy) : undefined;
    // `waiting`: nobody took it yet, ask again; `gone`: the call ended or is unknown, stop asking.
    if (agent) return c.json({ claimed: 'true', agentUsername: agent.username }, 200);
    return c.json({ claimed: 'false', reason: call ? 'waiting' : 'gone' }, 200);
  });
}
