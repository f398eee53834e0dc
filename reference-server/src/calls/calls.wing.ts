import type { AppContext } from '../app-context.js';
import { tenantCors } from '../http/middleware.js';
import { documentSecuritySchemes } from '../http/openapi-helpers.js';
import { wingRoutes, type Wing } from '../http/wing.js';
import type { ConsoleLine, SwitchboardRouter } from '../staff/console-line.js';
import type { ConsoleService } from '../staff/console-service.js';
import { AttemptLimiter, DEFAULT_ATTEMPT_LIMITS, type AttemptLimits } from './attempt-limiter.js';
import { CallService } from './call-service.js';
import { callHandlers } from './calls.handlers.js';
import { cancelCallRoute, createCallRoute, getCallRoute } from './calls.routes.js';
import { CodeResolver } from './resolve-code.js';
import { mountAmazonConnectRoutes } from './switchboard/amazon-connect/amazon-connect.handlers.js';
import { callEndedRoute } from './switchboard/ended.routes.js';
import { resolveHandler, switchboardAuth } from './switchboard/resolve.handlers.js';
import { resolveCodeRoute } from './switchboard/resolve.routes.js';
import { SimulatedSwitchboard } from './switchboard/simulated-switchboard.js';
import { twilioApiPath } from './switchboard/simulator/fake-twilio-rest.js';
import { createSwitchboardSimulator } from './switchboard/simulator-app.js';
import { TenantSwitchboards, unroutedSwitchboard } from './switchboard/tenant-switchboards.js';
import { mountTwilioRoutes } from './switchboard/twilio/twilio.handlers.js';
import { documentTwilioWebhooks } from './switchboard/twilio/twilio.openapi.js';
import { softphoneToken } from './switchboard/twilio/voice-token.js';

export interface CallsWingDeps {
  /** The staff wing's console, on which resolved callers appear and ended calls disappear. */
  console: ConsoleService;
  attemptLimits?: AttemptLimits;
  /** Puts taken calls through to agents; each tenant's configured platform unless a test gives one. */
  switchboard?: SwitchboardRouter;
  /** How the server reaches Twilio's REST API (tests inject one; demo mode uses the simulator's). */
  twilioFetch?: typeof fetch;
  /** Source of DTMF codes (tests use it to get codes with leading zeros). */
  newDtmfCode?: () => string;
  /** How often the simulated Amazon Connect queue flow asks who took a call (demo mode; tests make it short). */
  simulatorClaimIntervalMs?: number;
}

export interface CallsWing extends Wing {
  /** What the console needs from the telephony side. */
  line: ConsoleLine;
}

/**
 * ID-bellen's citizen and telephony side: starting an identified call (Yivi
 * disclosure, number and code), resolving the code a caller types (the
 * generic switchboard API, Twilio, Amazon Connect, and in demo mode the
 * simulator), and deleting call data when its time is up.
 */
export function buildCallsWing(context: AppContext, deps: CallsWingDeps): CallsWing {
  const { config, clock, logger, metrics, tenants } = context;
  const limiter = new AttemptLimiter(deps.attemptLimits ?? DEFAULT_ATTEMPT_LIMITS, context.counters, clock, {
    alarm: (tenant, failures) =>
      logger.warn({ tenant, failuresLastMinute: failures }, 'ALARM: many failed DTMF codes, possible guessing attack'),
    paused: (tenant, until) => {
      logger.error(
        { tenant, until: new Date(until).toISOString() },
        'ALARM: DTMF code resolution paused after too many failed codes; callers reach the queue unidentified',
      );
      const context = tenants.get(tenant);
      if (context) void deps.console.resolutionPaused(context, until);
    },
  });
  const calls = new CallService({ config, irma: context.irma, clock, logger, newDtmfCode: deps.newDtmfCode, metrics });
  const resolver = new CodeResolver({
    calls,
    limiter,
    clock,
    logger,
    metrics,
    onResolved: (tenant, call) => deps.console.announce(tenant, call),
  });

  // Demo mode plays the switchboard: generic and Amazon Connect tenants through the simulator, Twilio tenants through its fake REST API.
  const simulator = config.mode === 'demo' ? new SimulatedSwitchboard() : undefined;
  const simulatorApp = simulator
    ? createSwitchboardSimulator({
        tenants: () => tenants.all(),
        resolver,
        switchboard: simulator,
        console: deps.console,
        server: { request: context.inProcess },
        claimIntervalMs: deps.simulatorClaimIntervalMs,
      })
    : undefined;
  const twilioFetch: typeof fetch =
    deps.twilioFetch ??
    (simulatorApp ? (input, init) => Promise.resolve(simulatorApp.request(twilioApiPath(input), init)) : fetch);
  const switchboard =
    deps.switchboard ??
    new TenantSwitchboards((id) => tenants.get(id)?.settings, simulator ?? unroutedSwitchboard, twilioFetch);

  const routes = wingRoutes();
  const citizenCors = tenantCors((id) => tenants.get(id)?.settings.allowedOrigins);
  routes.use('/api/v1/:tenant/calls', citizenCors);
  routes.use('/api/v1/:tenant/calls/*', citizenCors);
  routes.use('/api/v1/:tenant/switchboard/*', switchboardAuth());
  const citizen = callHandlers(calls);
  routes.openapi(createCallRoute, citizen.create);
  routes.openapi(getCallRoute, citizen.get);
  routes.openapi(cancelCallRoute, citizen.cancel);
  routes.openapi(resolveCodeRoute, resolveHandler(resolver));
  routes.openapi(callEndedRoute, async (c) => {
    await deps.console.endBySwitchboard(c.get('tenant'), c.req.valid('json').callId);
    return c.body(null, 204);
  });
  mountTwilioRoutes(routes, { resolver, console: deps.console });
  documentTwilioWebhooks(routes);
  mountAmazonConnectRoutes(routes, { resolver, console: deps.console });
  if (simulatorApp) routes.route('/demo/switchboard', simulatorApp);
  documentSecuritySchemes(routes, {
    callToken: { type: 'http', scheme: 'bearer', description: 'The callToken from "Start an identified call"' },
    switchboardSecret: { type: 'http', scheme: 'bearer', description: "The tenant's switchboard secret" },
  });

  return {
    routes,
    line: {
      switchboard,
      pausedUntil: (tenantId) => limiter.pausedUntil(tenantId),
      // Twilio checks the token against the real time, not the server's (a test's) clock.
      softphoneToken: (tenant, agentId) => softphoneToken(tenant, agentId, Date.now()),
    },
    /** The backstop behind "nothing of a caller outlives its retention time", even when no end event comes. */
    async sweep(tenant, now) {
      const callIds = await tenant.store.calls.deleteExpired(now);
      if (callIds.length > 0) {
        logger.info({ tenant: tenant.settings.id, count: callIds.length }, 'expired call data deleted');
        await deps.console.swept(tenant, callIds);
      }
      return callIds.length;
    },
  };
}
