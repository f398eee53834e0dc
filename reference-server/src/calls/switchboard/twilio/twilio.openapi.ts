import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { TenantId } from '@regiekit/sdk/protocol';

const twimlAnswer = {
  description: 'TwiML',
  content: { 'text/xml': { schema: z.string().describe('A TwiML <Response>') } },
};
const refused = {
  description: 'The X-Twilio-Signature does not match the configured webhook URL, or another account sent it',
  content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }) } },
};
/** The form fields Twilio posts (more arrive; these are the ones read). */
const twilioForm = (fields: Record<string, z.ZodType>) => ({
  required: true,
  content: {
    'application/x-www-form-urlencoded': {
      schema: z.object({ AccountSid: z.string(), CallSid: z.string(), ...fields }),
    },
  },
});

/**
 * Twilio's webhooks in the OpenAPI document. They take Twilio's forms and answer
 * TwiML, so they are registered by hand beside the routes that serve them.
 */
export function documentTwilioWebhooks(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the calls wing's routes, whatever their context
  app: OpenAPIHono<any>,
): void {
  const tags = ['Switchboard: Twilio'];
  const security = [{ twilioSignature: [] }];
  const params = z.object({ tenant: TenantId });
  app.openAPIRegistry.registerComponent('securitySchemes', 'twilioSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Twilio-Signature',
    description: "HMAC-SHA1 of the webhook URL and form fields with the tenant's Twilio auth token",
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/{tenant}/twilio/voice',
    tags,
    security,
    summary: "The number's voice webhook: asks the caller for the 10-digit code (<Gather>)",
    request: { params, body: twilioForm({ From: z.string().optional() }) },
    responses: { 200: twimlAnswer, 403: refused },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/{tenant}/twilio/gather',
    tags,
    security,
    summary: 'The <Gather> action: resolves the code; <Enqueue> on success, another try or <Hangup/> otherwise',
    request: {
      params,
      query: z.object({ try: z.string().optional().describe('Which try of this call (1-3), signed with the URL') }),
      body: twilioForm({ Digits: z.string().optional(), From: z.string().optional() }),
    },
    responses: { 200: twimlAnswer, 403: refused },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/{tenant}/twilio/status',
    tags,
    security,
    summary: "The status callback: at a terminal CallStatus the caller's data is deleted",
    request: { params, body: twilioForm({ CallStatus: z.string() }) },
    responses: { 204: { description: 'Noted' }, 403: refused },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/{tenant}/twilio/agent-dial',
    tags,
    security,
    summary: "Where a dequeued caller goes: <Dial><Client> to the agent's browser softphone",
    request: {
      params,
      query: z.object({ identity: z.string().describe('agent_<hash>: no names reach Twilio') }),
      body: twilioForm({}),
    },
    responses: { 200: twimlAnswer, 403: refused },
  });
}
