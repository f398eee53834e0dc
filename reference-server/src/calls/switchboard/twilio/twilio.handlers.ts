import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { ConsoleService } from '../../../staff/console-service.js';
import type { CodeResolver } from '../../resolve-code.js';
import type { ResolvedTwilio } from '../../../config/resolve-config.js';
import { ApiError, notFound } from '../../../http/api-error.js';
import type { AppEnv } from '../../../http/app-env.js';
import type { TenantContext } from '../../../tenants/tenant-context.js';
import { PROMPTS } from './prompts.js';
import { isTwilioSignatureValid } from './twilio-signature.js';
import { dialClient, enqueue, gather, hangup, response, say, type TwiML } from './twiml.js';

/** Tries a caller gets to type the code on one phone call. */
export const TRIES_PER_CALL = 3;
const TERMINAL_STATUSES = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

export interface TwilioDeps {
  resolver: CodeResolver;
  console: ConsoleService;
}

type TwilioEnv = AppEnv & { Variables: { twilio: ResolvedTwilio; params: Record<string, string> } };

/**
 * Every Twilio webhook proves it comes from Twilio: X-Twilio-Signature over
 * the URL Twilio was configured with (the tenant's webhookBaseUrl, so it holds
 * behind a proxy) and the form parameters. Anything else gets 403 and changes
 * nothing. The account must be the tenant's own, too.
 */
function twilioSignature(): MiddlewareHandler<TwilioEnv> {
  return async (c, next) => {
    const switchboard = c.get('tenant').settings.switchboard;
    if (switchboard.type !== 'twilio') throw notFound('endpoint');
    const form = await c.req.parseBody().catch(() => ({}));
    const params = Object.fromEntries(
      Object.entries(form).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    const url = `${switchboard.webhookBaseUrl}${c.req.path}${new URL(c.req.url).search}`;
    if (
      !isTwilioSignatureValid(switchboard.authToken, c.req.header('X-Twilio-Signature'), url, params) ||
      params.AccountSid !== switchboard.accountSid
    ) {
      throw new ApiError(403, 'forbidden', 'The Twilio signature does not match.');
    }
    c.set('twilio', switchboard);
    c.set('params', params);
    await next();
  };
}

const twiml = (c: Context, body: TwiML) =>
  c.body(body, 200, { 'Content-Type': 'text/xml; charset=utf-8', 'Cache-Control': 'no-store' });

/** The Gather that asks for (another) try; its action carries the try number, signed along with the URL. */
function askForCode(tenant: TenantContext, twilio: ResolvedTwilio, attempt: number, prompt: string): string {
  const action = `${twilio.webhookBaseUrl}/api/v1/${tenant.settings.id}/twilio/gather?try=${attempt}`;
  return gather(action, 10, say(prompt, twilio.language));
}

/**
 * Twilio's side of ID-bellen: the incoming-call webhook asks for the code,
 * the gather action resolves it (a queue on success, another try after a
 * wrong code, a polite goodbye after the third), the status callback ends the
 * call and deletes its data, and the agent-dial URL puts a dequeued caller
 * through to the agent's browser.
 */
export function mountTwilioRoutes(app: Hono<AppEnv>, deps: TwilioDeps): void {
  const routes = app as unknown as Hono<TwilioEnv>;
  routes.use('/api/v1/:tenant/twilio/*', twilioSignature());

  routes.post('/api/v1/:tenant/twilio/voice', (c) => {
    const twilio = c.get('twilio');
    return twiml(c, response(askForCode(c.get('tenant'), twilio, 1, PROMPTS[twilio.language].askCode)));
  });

  routes.post('/api/v1/:tenant/twilio/gather', async (c) => {
    const tenant = c.get('tenant');
    const twilio = c.get('twilio');
    const params = c.get('params');
    const prompts = PROMPTS[twilio.language];
    const attempt = Math.max(1, Math.min(TRIES_PER_CALL, Number(c.req.query('try')) || 1));
    const digits = params.Digits ?? '';
    if (!params.CallSid) throw new ApiError(400, 'validation_failed', 'CallSid is missing.');

    if (/^[0-9]{10}$/.test(digits)) {
      const result = await deps.resolver.attempt(tenant, {
        code: digits,
        callId: params.CallSid,
        ...(params.From && { callerId: params.From.slice(0, 64) }),
      });
      if (result.outcome === 'resolved')
        return twiml(c, response(say(prompts.connecting, twilio.language), enqueue(twilio.queueName)));
      // Resolution paused for the whole tenant (many failures): the line keeps working, the caller waits unidentified.
      if (result.outcome === 'throttled' && result.reason === 'global')
        return twiml(c, response(say(prompts.unidentified, twilio.language), enqueue(twilio.queueName)));
      if (result.outcome === 'throttled') return twiml(c, response(say(prompts.goodbye, twilio.language), hangup()));
    }
    if (attempt >= TRIES_PER_CALL) return twiml(c, response(say(prompts.goodbye, twilio.language), hangup()));
    const prompt = digits === '' ? prompts.noInput : prompts.tryAgain;
    return twiml(c, response(askForCode(tenant, twilio, attempt + 1, prompt)));
  });

  routes.post('/api/v1/:tenant/twilio/status', async (c) => {
    const { CallSid, CallStatus } = c.get('params');
    if (CallSid && CallStatus && TERMINAL_STATUSES.has(CallStatus))
      await deps.console.endBySwitchboard(c.get('tenant'), CallSid);
    return c.body(null, 204);
  });

  routes.post('/api/v1/:tenant/twilio/agent-dial', (c) => {
    const identity = c.req.query('identity') ?? '';
    if (!/^agent_[0-9a-f]{32}$/.test(identity)) throw new ApiError(400, 'validation_failed', 'identity is missing.');
    return twiml(c, response(dialClient(identity)));
  });
}
