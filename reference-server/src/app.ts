import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { AdminService } from './agents/admin-service.js';
import { AgentAuth } from './agents/agent-auth.js';
import { AuditLog } from './agents/audit-log.js';
import { ConsoleService } from './agents/console-service.js';
import { SessionCookie } from './agents/session-cookie.js';
import { mountStaffRoutes } from './agents/staff.handlers.js';
import { staffPage, STAFF_STYLESHEET } from './agents/staff-pages.js';
import { sweepExpiredCalls } from './calls/retention-sweeper.js';
import { AttemptLimiter, DEFAULT_ATTEMPT_LIMITS, type AttemptLimits } from './calls/attempt-limiter.js';
import { CallService } from './calls/call-service.js';
import { callHandlers } from './calls/calls.handlers.js';
import { cancelCallRoute, createCallRoute, getCallRoute } from './calls/calls.routes.js';
import { CodeResolver } from './calls/resolve-code.js';
import { systemClock, type Clock, type TenantContext } from './tenants/tenant-context.js';
import type { AppConfig } from './config/resolve-config.js';
import { TenantCrypto } from './crypto/tenant-crypto.js';
import { demoLanding } from './demo/demo-landing.js';
import { DEMO_STYLESHEET } from './demo/demo-stylesheet.js';
import { errorBody, notFound } from './http/api-error.js';
import { secretsEqual } from './crypto/constant-time.js';
import { Metrics } from './operations/metrics.js';
import type { AppEnv } from './http/app-env.js';
import { errorHandler, notFoundHandler, validationHook } from './http/error-handling.js';
import { createLogger } from './http/logger.js';
import {
  publicAssetHeaders,
  requestIds,
  requestLogging,
  requestSizeLimit,
  securityHeaders,
  tenantCors,
} from './http/middleware.js';
import { accountPage } from './accounts/account-pages.js';
import { mountAccountRoutes } from './accounts/account.handlers.js';
import { DecisionFlows } from './accounts/decision-flows.js';
import { Passkeys } from './accounts/passkeys.js';
import { UserSessions } from './accounts/user-sessions.js';
import { ConsentService } from './consent/consent-service.js';
import { mountConsentRoutes } from './consent/consent.handlers.js';
import { ProviderOperations } from './consent/provider-operations.js';
import { Reuse } from './consent/reuse.js';
import { ServerSigningKeys } from './crypto/server-signing-keys.js';
import { WebhookSender } from './parties/webhooks.js';
import { Catalogue } from './connect/catalogue.js';
import { ConnectRequests } from './connect/connect-requests.js';
import { ConnectTokens } from './connect/connect-tokens.js';
import { mountConnectRoutes } from './connect/connect.handlers.js';
import { Connections } from './connect/connections.js';
import { PartyEvents } from './parties/party-events.js';
import { OAuthServer } from './oauth/oauth-server.js';
import { mountOAuthRoutes } from './oauth/oauth.handlers.js';
import { PartyAuthenticator } from './parties/party-authenticator.js';
import { PartyDirectory } from './parties/party-directory.js';
import { memoryAttemptCounters, type AttemptCounters } from './shared/attempt-counter.js';
import { MemoryOnceRegistry, type OnceRegistry } from './shared/once-registry.js';
import { MemoryConsoleFeed, type ConsoleFeed } from './agents/console-events.js';
import { createDemoIrmaApp } from './irma/demo/demo-irma-app.js';
import { IrmaRequestorClient, type FetchLike } from './irma/requestor-client.js';
import type { Store } from './storage/store.js';
import { callEndedRoute } from './switchboard/ended.routes.js';
import { resolveHandler, switchboardAuth } from './switchboard/resolve.handlers.js';
import { SimulatedSwitchboard } from './switchboard/simulated-switchboard.js';
import { unroutedSwitchboard, type SwitchboardRouter } from './switchboard/switchboard-router.js';
import { TenantSwitchboards } from './switchboard/tenant-switchboards.js';
import { twilioApiPath } from './switchboard/simulator/fake-twilio-rest.js';
import { mountTwilioRoutes } from './switchboard/twilio/twilio.handlers.js';
import { mountAmazonConnectRoutes } from './switchboard/amazon-connect/amazon-connect.handlers.js';
import { resolveCodeRoute } from './switchboard/resolve.routes.js';
import { createSwitchboardSimulator } from './switchboard/simulator-app.js';

export interface AppDeps {
  store: Store;
  clock?: Clock;
  logger?: Logger;
  /** How the server reaches a real IRMA server (tests inject one). */
  irmaFetch?: FetchLike;
  attemptLimits?: AttemptLimits;
  /** Puts taken calls through to agents; the simulator in demo mode, nothing otherwise (for now). */
  switchboard?: SwitchboardRouter;
  /** Built widget bundles served under /cdn (default: widgets/dist/cdn of this checkout). */
  cdnDir?: string;
  /** Source of DTMF codes (tests use it to get codes with leading zeros). */
  newDtmfCode?: () => string;
  /** Origin of the examples site, for the demo landing page. */
  examplesOrigin?: string;
  /** How the server reaches providers' operation endpoints and parties' webhooks (tests inject one). */
  partyFetch?: typeof fetch;
  /** How long a provider may take to answer (default 5 s). */
  providerTimeoutMs?: number;
  /** Prometheus metrics (a fresh registry per app unless given). */
  metrics?: Metrics;
  /**
   * What instances must share besides the store: attempt counters, one-time
   * assertion ids and the console feed. In this process by default; from the
   * Redis engine when several instances run (storage/open-storage.ts).
   */
  counters?: AttemptCounters;
  onceRegistry?: OnceRegistry;
  consoleFeed?: ConsoleFeed;
  /** How the server reaches Twilio's REST API (tests inject one; demo mode uses the simulator's). */
  twilioFetch?: typeof fetch;
}

export const DEFAULT_CDN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../widgets/dist/cdn');

/**
 * Builds the reference server as a Hono app. No I/O happens here: storage
 * arrives open in `deps`, and only main.ts listens on a port.
 */
export function createApp(config: AppConfig, deps: AppDeps) {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const metrics = deps.metrics ?? new Metrics();

  const tenantContexts = new Map<string, TenantContext>(
    config.tenants.map((settings) => [
      settings.id,
      { settings, store: deps.store.forTenant(settings.id), crypto: new TenantCrypto(config.keyRing, settings.id) },
    ]),
  );

  // In demo mode the requestor client speaks real HTTP semantics to the in-process demo IRMA server.
  const irmaBaseUrl = config.irma.type === 'demo' ? `${config.publicUrl}/demo/irma` : config.irma.url;
  const irmaFetch: FetchLike =
    deps.irmaFetch ?? (config.irma.type === 'demo' ? (url, init) => Promise.resolve(app.request(url, init)) : fetch);
  const irma = new IrmaRequestorClient(irmaBaseUrl, config.irma.auth, irmaFetch);
  const counters = deps.counters ?? memoryAttemptCounters(clock);
  const limiter = new AttemptLimiter(deps.attemptLimits ?? DEFAULT_ATTEMPT_LIMITS, counters, clock, {
    alarm: (tenant, failures) =>
      logger.warn({ tenant, failuresLastMinute: failures }, 'ALARM: many failed DTMF codes, possible guessing attack'),
    paused: (tenant, until) => {
      logger.error(
        { tenant, until: new Date(until).toISOString() },
        'ALARM: DTMF code resolution paused after too many failed codes; callers reach the queue unidentified',
      );
      const context = tenantContexts.get(tenant);
      if (context) void consoleService.resolutionPaused(context, until);
    },
  });
  const calls = new CallService({ config, irma, clock, logger, newDtmfCode: deps.newDtmfCode, metrics });
  const simulator = config.mode === 'demo' ? new SimulatedSwitchboard() : undefined;
  // Assigned once the resolver and console exist; Twilio REST calls reach it only later, at run time.
  let simulatorApp: ReturnType<typeof createSwitchboardSimulator> | undefined;
  const audit = new AuditLog(clock);
  const switchboards =
    deps.switchboard ??
    new TenantSwitchboards(
      (id) => tenantContexts.get(id)?.settings,
      simulator ?? unroutedSwitchboard,
      deps.twilioFetch ??
        (simulator ? (input, init) => Promise.resolve(simulatorApp!.request(twilioApiPath(input), init)) : fetch),
    );
  const consoleService = new ConsoleService({
    clock,
    audit,
    logger,
    switchboard: switchboards,
    metrics,
    feed: deps.consoleFeed ?? new MemoryConsoleFeed(),
    pausedUntil: (tenant) => limiter.pausedUntil(tenant),
  });
  const resolver = new CodeResolver({
    calls,
    limiter,
    clock,
    logger,
    metrics,
    onResolved: (tenant, call) => consoleService.announce(tenant, call),
  });
  if (simulator)
    simulatorApp = createSwitchboardSimulator({
      tenants: () => [...tenantContexts.values()],
      resolver,
      switchboard: simulator,
      console: consoleService,
      server: app,
    });
  const auth = new AgentAuth({ settings: config.agents, clock, audit, counters });
  const admin = new AdminService({ clock, audit, auth });

  // Job 2: regie accounts, consumer sign-in (OAuth), creditor connect.
  const directories = new Map(
    [...tenantContexts.values()].map((tenant) => [tenant.settings.id, new PartyDirectory(tenant.settings)]),
  );
  const directoryOf = (tenant: TenantContext) => directories.get(tenant.settings.id)!;
  const secure = config.publicUrl.startsWith('https:');
  const userSessions = new UserSessions(secure, clock);
  const passkeys = new Passkeys(config.publicUrl, clock);
  const authenticator = new PartyAuthenticator(clock, deps.onceRegistry ?? new MemoryOnceRegistry(clock));
  const webhooks = new WebhookSender(logger, deps.partyFetch);
  const partyEvents = new PartyEvents(clock, directoryOf, webhooks, metrics);
  const connections = new Connections(clock, partyEvents, directoryOf);
  const connectTokens = new ConnectTokens({
    publicUrl: config.publicUrl,
    clock,
    sessions: userSessions,
    connections,
    directoryOf,
    failures: counters('connect-token-failures', 15 * 60 * 1000),
    trustProxy: config.trustProxy,
  });
  const connectRequests = new ConnectRequests({
    publicUrl: config.publicUrl,
    clock,
    sessions: userSessions,
    tokens: connectTokens,
    connections,
    directoryOf,
  });
  const oauth = new OAuthServer({
    publicUrl: config.publicUrl,
    clock,
    sessions: userSessions,
    authenticator,
    directoryOf,
  });
  const catalogue = new Catalogue(config.publicUrl, clock, directoryOf, config.mode === 'demo');
  const signingKeys = new ServerSigningKeys(config.keyRing);
  const operations = new ProviderOperations(config.publicUrl, signingKeys, deps.partyFetch, deps.providerTimeoutMs);
  const consents = new ConsentService({
    publicUrl: config.publicUrl,
    clock,
    sessions: userSessions,
    events: partyEvents,
    keys: signingKeys,
    operations,
    directoryOf,
  });
  const reuse = new Reuse(clock, consents, operations, partyEvents, metrics);
  connections.onEnded((tenant, connectionId) => consents.connectionEnded(tenant, connectionId));

  app.onError(errorHandler(logger));
  app.notFound(notFoundHandler);
  app.use('*', requestIds(), requestLogging(logger, metrics), securityHeaders());
  app.use('/api/*', requestSizeLimit(16 * 1024));
  app.use(
    '/api/v1/:tenant/calls/*',
    tenantCors((id) => tenantContexts.get(id)?.settings.allowedOrigins),
  );
  app.use(
    '/api/v1/:tenant/calls',
    tenantCors((id) => tenantContexts.get(id)?.settings.allowedOrigins),
  );
  // The creditor portal's browser follows and confirms its own QR tokens.
  app.use(
    '/api/v1/:tenant/connect-tokens/*',
    tenantCors((id) => (directories.get(id) ? directories.get(id)!.portalOrigins() : undefined)),
  );
  // The consumer's page (<regie-consent-dialog>) follows its consent request.
  app.use(
    '/api/v1/:tenant/consents/*',
    tenantCors((id) => directories.get(id)?.consumerOrigins()),
  );
  app.use('/api/v1/:tenant/*', async (c, next) => {
    const tenant = tenantContexts.get(c.req.param('tenant'));
    if (!tenant) throw notFound('tenant');
    c.set('tenant', tenant);
    await next();
  });
  app.use('/api/v1/:tenant/switchboard/*', switchboardAuth());

  const callRoutes = callHandlers(calls);
  app.openapi(createCallRoute, callRoutes.create);
  app.openapi(getCallRoute, callRoutes.get);
  app.openapi(cancelCallRoute, callRoutes.cancel);
  app.openapi(resolveCodeRoute, resolveHandler(resolver));
  app.openapi(callEndedRoute, async (c) => {
    await consoleService.endBySwitchboard(c.get('tenant'), c.req.valid('json').callId);
    return c.body(null, 204);
  });
  mountStaffRoutes(app, {
    config,
    tenants: () => [...tenantContexts.values()],
    auth,
    cookie: new SessionCookie(config.publicUrl.startsWith('https:')),
    console: consoleService,
    admin,
    audit,
  });

  mountAccountRoutes(
    app,
    {
      origin: new URL(config.publicUrl).origin,
      sessions: userSessions,
      passkeys,
      flows: new DecisionFlows([oauth, connectRequests, consents]),
      connectionsOf: (tenant, userId) => connections.listForUser(tenant, userId),
      endConnection: (tenant, userId, connectionId) => connections.endByUser(tenant, userId, connectionId),
    },
    connectTokens,
  );
  mountConnectRoutes(app, {
    publicUrl: config.publicUrl,
    authenticator,
    directoryOf,
    tokens: connectTokens,
    requests: connectRequests,
    connections,
    catalogue,
    events: partyEvents,
  });
  mountTwilioRoutes(app, { resolver, console: consoleService });
  mountAmazonConnectRoutes(app, { resolver, console: consoleService });
  mountConsentRoutes(app, { consents, reuse, keys: signingKeys, directoryOf });
  mountOAuthRoutes(app, { oauth, tenantOf: (id) => tenantContexts.get(id) });
  app.get('/u/:tenant/account', (c) =>
    tenantContexts.has(c.req.param('tenant'))
      ? c.html(
          accountPage(
            'account',
            c.req.param('tenant'),
            tenantContexts.get(c.req.param('tenant'))!.settings.displayName,
            c.req.query('lang'),
          ),
        )
      : c.notFound(),
  );
  app.get('/u/:tenant/consents', (c) =>
    tenantContexts.has(c.req.param('tenant'))
      ? c.html(
          accountPage(
            'consents',
            c.req.param('tenant'),
            tenantContexts.get(c.req.param('tenant'))!.settings.displayName,
            c.req.query('lang'),
          ),
        )
      : c.notFound(),
  );
  app.get('/u/:tenant/connect', (c) =>
    tenantContexts.has(c.req.param('tenant'))
      ? c.html(
          accountPage(
            'scan',
            c.req.param('tenant'),
            tenantContexts.get(c.req.param('tenant'))!.settings.displayName,
            c.req.query('lang'),
          ),
        )
      : c.notFound(),
  );
  app.get('/u/:tenant/flows/:flowId', (c) =>
    tenantContexts.has(c.req.param('tenant')) && /^[A-Za-z0-9_-]{16,64}$/.test(c.req.param('flowId'))
      ? c.html(
          accountPage(
            'decision',
            c.req.param('tenant'),
            tenantContexts.get(c.req.param('tenant'))!.settings.displayName,
            c.req.query('lang'),
            c.req.param('flowId'),
          ),
        )
      : c.notFound(),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'partyClientSecret', {
    type: 'http',
    scheme: 'basic',
    description: 'Provider or consumer: party id and client secret',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'partyPrivateKeyJwt', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'Provider or consumer: a JWT signed with a key of your JWKS (iss = sub = party id, aud = <server>/api/v1/<tenant>, jti, exp at most 5 minutes)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'statusToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The statusToken of a minted QR connect token',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'userSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'regie_user',
    description: "The user's session on the server's origin (`__Host-regie_user` under TLS)",
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'callToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The callToken from "Start an identified call"',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'staffSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'regie_session',
    description: 'Staff session cookie (`__Host-regie_session` under TLS); writes also need X-CSRF-Token',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'switchboardSecret', {
    type: 'http',
    scheme: 'bearer',
    description: "The tenant's switchboard secret",
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'regiekit reference server',
      version: '1',
      license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
    },
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await deps.store.ping();
      return c.json({ status: 'ready' });
    } catch {
      return c.json(errorBody('upstream_unavailable', 'The store does not answer.'), 503);
    }
  });
  app.get('/metrics', async (c) => {
    const allowed = config.metricsToken
      ? secretsEqual(c.req.header('Authorization'), `Bearer ${config.metricsToken}`)
      : config.mode === 'demo';
    if (!allowed) throw notFound('endpoint');
    return c.body(await metrics.registry.metrics(), 200, {
      'Content-Type': metrics.registry.contentType,
      'Cache-Control': 'no-store',
    });
  });
  app.get('/agent', (c) => c.html(staffPage('agent', c.req.query('lang'))));
  app.get('/admin', (c) => c.html(staffPage('admin', c.req.query('lang'))));
  app.get('/staff.css', (c) => c.body(STAFF_STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.use(
    '/cdn/*',
    publicAssetHeaders(),
    serveStatic({ root: deps.cdnDir ?? DEFAULT_CDN_DIR, rewriteRequestPath: (path) => path.replace(/^\/cdn/, '') }),
  );

  if (config.mode === 'demo') {
    app.get('/demo/assets/demo.css', (c) =>
      c.body(DEMO_STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
    );
    if (config.irma.type === 'demo') {
      app.route(
        '/demo/irma',
        createDemoIrmaApp({
          publicBaseUrl: `${config.publicUrl}/demo/irma`,
          auth: config.irma.auth,
          now: () => clock.now(),
        }),
      );
    }
    app.route('/demo/switchboard', simulatorApp!);
    app.get('/', (c) => c.html(demoLanding(config, deps.examplesOrigin ?? `http://localhost:${config.examples.port}`)));
  }

  /** One pass of the retention sweep over every tenant; main.ts runs it on a timer. */
  const sweepExpired = (now = clock.now()) =>
    sweepExpiredCalls(deps.store, [...tenantContexts.keys()], now, logger, (tenantId, callIds) =>
      consoleService.swept(tenantContexts.get(tenantId)!, callIds),
    );

  /**
   * Deletes what job 2 keeps only for a flow's duration (browser sessions,
   * pushed requests, codes, access tokens, connect tokens and requests,
   * unanswered consent requests) and expires consents past their term.
   * Connections and their customer references stay until a party ends them.
   */
  const sweepExpiredFlows = async (now = clock.now()) => {
    for (const tenant of tenantContexts.values()) {
      await tenant.store.userSessions.deleteExpired(now);
      await tenant.store.oauth.deleteExpired(now);
      await connectTokens.sweep(tenant, now);
      await tenant.store.connectRequests.deleteExpired(now);
      await tenant.store.consents.deleteLapsedRequests(now);
      await consents.expireDue(tenant, now);
    }
  };

  /** Ends what keeps connections open (live consoles, webhook retries), so the server can close. */
  const shutdown = () => {
    consoleService.closeStreams();
    webhooks.stop();
  };

  return Object.assign(app, { sweepExpired, sweepExpiredFlows, shutdown });
}

export type RegiekitApp = ReturnType<typeof createApp>;
