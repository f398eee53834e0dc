import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAccountsWing, createUserAccounts } from './accounts/accounts.wing.js';
import { createAppContext, type SharedDeps } from './app-context.js';
import { buildCallsWing, type CallsWingDeps } from './calls/calls.wing.js';
import type { AppConfig } from './config/resolve-config.js';
import { buildConnectWing } from './connect/connect.wing.js';
import { buildConsentWing } from './consent/consent.wing.js';
import { buildDemoWing } from './demo/demo.wing.js';
import { notFound } from './http/api-error.js';
import type { AppEnv } from './http/app-env.js';
import { errorHandler, notFoundHandler, validationHook } from './http/error-handling.js';
import { PAGE_STYLESHEET, PAGE_STYLESHEET_PATH } from './http/html.js';
import {
  publicAssetHeaders,
  requestIds,
  requestLogging,
  requestSizeLimit,
  securityHeaders,
} from './http/middleware.js';
import { jsonDepthLimit } from './http/json-depth.js';
import { strictSameOriginWrites } from './http/same-origin.js';
import type { Wing } from './http/wing.js';
import { buildOAuthWing } from './oauth/oauth.wing.js';
import { buildOperationsWing } from './operations/operations.wing.js';
import { requireParty } from './parties/party-guard.js';
import { buildStaffWing } from './staff/staff.wing.js';
import { buildCredentialsWing } from './credentials/credentials.wing.js';
import { buildDataFetchWing } from './data-fetch/data-fetch.wing.js';
import { buildMyDataWing } from './my-data/my-data.wing.js';
import { buildArrangementsWing } from './arrangements/arrangements.wing.js';

export interface AppDeps extends SharedDeps, Omit<CallsWingDeps, 'console'> {
  /** Built widget bundles served under /cdn (default: widgets/dist/cdn of this checkout). */
  cdnDir?: string;
  /** Origin of the examples site, for the demo landing page. */
  examplesOrigin?: string;
  /** How long a provider may take to answer (default 5 s). */
  providerTimeoutMs?: number;
}

export const DEFAULT_CDN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../widgets/dist/cdn');

/**
 * Builds the reference server as a Hono app: the shared middleware, then one
 * wing per job, each a sub-app mounted at the root. No I/O happens here:
 * storage arrives open in `deps`, and only main.ts listens on a port.
 * A new job is one more builder in the table of wings below.
 */
export function createApp(config: AppConfig, deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const context = createAppContext(config, deps, (input, init) => Promise.resolve(app.request(input, init)));
  const { tenants, parties } = context;

  app.onError(errorHandler(context.logger));
  app.notFound(notFoundHandler);
  app.use('*', requestIds(), requestLogging(context.logger, context.metrics), securityHeaders());
  // Every route that takes a body: the API, OAuth's forms, Twilio's webhooks, the demo pages.
  app.use('*', requestSizeLimit(16 * 1024), jsonDepthLimit());
  app.use('/api/v1/:tenant/*', async (c, next) => {
    const tenant = tenants.get(c.req.param('tenant'));
    if (!tenant) throw notFound('tenant');
    c.set('tenant', tenant);
    await next();
  });
  // Areas that several wings share get their guard here, once: the party API of providers and
  // consumers (an assertion is accepted once), and the user's account area on the server's origin.
  const party = { publicUrl: config.publicUrl, authenticator: parties.authenticator };
  app.use('/api/v1/:tenant/provider/*', requireParty(party, 'provider'));
  app.use('/api/v1/:tenant/consumer/*', requireParty(party, 'consumer'));
  app.use('/api/v1/:tenant/catalogue', requireParty(party));
  app.use('/api/v1/:tenant/events', requireParty(party));
  app.use('/api/v1/:tenant/account', strictSameOriginWrites(context.origin));
  app.use('/api/v1/:tenant/account/*', strictSameOriginWrites(context.origin));

  // ID-bellen: the calls wing announces callers on the staff wing's console, and the console
  // puts a taken call through the calls wing's switchboard, which it asks for at run time.
  const staff = buildStaffWing(context, { line: () => calls.line });
  const calls = buildCallsWing(context, { ...deps, console: staff.console });
  // Creditor connect, consent and reuse, on the user's regie account.
  const accounts = createUserAccounts(context);
  const connect = buildConnectWing(context, { accounts });
  const consent = buildConsentWing(context, { accounts, connections: connect.connections, ...deps });
  const oauth = buildOAuthWing(context, { accounts });
  // My data: what a company holds, signed by it, seen, downloaded, corrected and forwarded by its customer.
  const credentials = buildCredentialsWing(context);
  const myData = buildMyDataWing(context, {
    accounts,
    credentials,
    connections: connect.connections,
    consents: consent.consents,
    heldConsents: consent.heldConsents,
    reuse: consent.reuse,
  });
  // Fetch into an application: a form asks, the applicant fetches from the source, sees it and adds it.
  const dataFetch = buildDataFetchWing(context, {
    accounts,
    credentials,
    consents: consent.consents,
    heldConsents: consent.heldConsents,
    reuse: consent.reuse,
    ...(deps.providerTimeoutMs && { sourceTimeoutMs: deps.providerTimeoutMs }),
  });

  // Payment arrangements: asked in the debt-help app, decided by the creditor's signed policy, tracked per instalment.
  const arrangements = buildArrangementsWing(context, {
    accounts,
    connections: connect.connections,
    providerTimeoutMs: deps.providerTimeoutMs,
  });

  const wings: Wing[] = [
    calls,
    staff,
    connect,
    consent,
    oauth,
    credentials,
    myData,
    dataFetch,
    arrangements,
    buildAccountsWing(context, {
      accounts,
      flows: [
        oauth.server,
        connect.requests,
        consent.consents,
        myData.corrections,
        myData.forwards,
        dataFetch.fetches,
        arrangements.arrangements,
      ],
      connectionsOf: (tenant, userId) => connect.connections.listForUser(tenant, userId),
      endConnection: (tenant, userId, id) => connect.connections.endByUser(tenant, userId, id),
      scans: connect.tokens,
    }),
    buildOperationsWing(context),
    ...(config.mode === 'demo'
      ? [buildDemoWing(context, { examplesOrigin: deps.examplesOrigin ?? `http://localhost:${config.examples.port}` })]
      : []),
  ];
  for (const wing of wings) app.route('/', wing.routes);

  app.get(PAGE_STYLESHEET_PATH, (c) => c.body(PAGE_STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.use(
    '/cdn/*',
    publicAssetHeaders(),
    // The widget build writes each bundle brotli- and gzip-compressed beside it: a third of the bytes on the wire.
    serveStatic({
      root: deps.cdnDir ?? DEFAULT_CDN_DIR,
      precompressed: true,
      rewriteRequestPath: (path) => path.replace(/^\/cdn/, ''),
    }),
  );
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'regiekit reference server',
      version: '1',
      license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
    },
  });

  /**
   * One pass of every wing's clean-up over every tenant (main.ts runs it on a timer): call data
   * past its retention, and what job 2 keeps only for a flow's duration; consents past their
   * term expire. Connections stay until a party ends them. Resolves to how many records went.
   */
  const sweepExpired = async (now = context.clock.now()) => {
    let swept = 0;
    for (const tenant of tenants.all()) {
      // The parties' one-time assertion ids belong to no wing: every party route accepts assertions.
      swept += await tenant.store.onceIds.deleteExpired(now);
      for (const wing of wings) swept += (await wing.sweep?.(tenant, now)) ?? 0;
    }
    return swept;
  };

  /** Ends what keeps connections open (live consoles, webhook retries), so the server can close. */
  const shutdown = () => {
    for (const wing of wings) wing.shutdown?.();
    parties.webhooks.stop();
  };

  return Object.assign(app, { sweepExpired, shutdown });
}

export type RegiekitApp = ReturnType<typeof createApp>;
