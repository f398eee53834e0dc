import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ContactEvent, ContactFlowAnswer, ContactFlowEvent, TenantId } from '@regiekit/sdk/protocol';
import { errorResponse, json, jsonBody } from '../../../http/openapi-helpers.js';

const params = z.object({ tenant: TenantId });
const common = { tags: ['Switchboard: Amazon Connect'], security: [{ switchboardSecret: [] }] };

export const contactFlowRoute = createRoute({
  ...common,
  method: 'post',
  path: '/api/v1/{tenant}/switchboard/amazon-connect/contact-flow',
  summary:
    'The contact flow\'s Lambda forwards its event: the code in attribute (or parameter) "dtmf" is resolved once',
  description:
    'Answers a flat map: `identified` "true" with `sessionRef`, or "false" with `reason` (`unknown-code`, `no-code`, `too-many-attempts`, `paused`). `dtmf` comes back empty, so the flow overwrites the code in the contact attributes. A caller who is not identified can still be queued.',
  request: { params, body: jsonBody(ContactFlowEvent) },
  responses: {
    200: json(ContactFlowAnswer, 'The outcome, as contact attributes'),
    400: errorResponse('Not a contact flow event'),
    401: errorResponse('Missing or wrong switchboard secret'),
  },
});

export const contactEventRoute = createRoute({
  ...common,
  method: 'post',
  path: '/api/v1/{tenant}/switchboard/amazon-connect/events',
  summary: 'EventBridge forwards contact events: DISCONNECTED or COMPLETED ends the call and deletes its data',
  request: { params, body: jsonBody(ContactEvent) },
  responses: {
    204: { description: 'Done (other event types, unknown and repeated contacts are fine: EventBridge retries)' },
    400: errorResponse('Not an Amazon Connect contact event'),
    401: errorResponse('Missing or wrong switchboard secret'),
  },
});

export const claimRoute = createRoute({
  ...common,
  method: 'post',
  path: '/api/v1/{tenant}/switchboard/amazon-connect/claim',
  summary: 'The customer queue flow asks whether an agent took this contact, and who, so it can transfer to that agent',
  description:
    'Answers `claimed` "true" with `agentUsername`, or `claimed` "false" with `reason` `waiting` (ask again) or `gone` (the call ended, was ended by the agent, or is unknown: stop asking and disconnect). Connect cannot move a voice contact to one agent from outside; the queue flow asks this in a loop.',
  request: { params, body: jsonBody(ContactFlowEvent) },
  responses: {
    200: json(ContactFlowAnswer, 'Whether the contact was claimed, and by whom'),
    400: errorResponse('Not a contact flow event'),
    401: errorResponse('Missing or wrong switchboard secret'),
  },
});
