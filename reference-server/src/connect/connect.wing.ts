import type { AppContext } from '../app-context.js';
import type { UserAccounts } from '../accounts/accounts.wing.js';
import { tenantCors } from '../http/middleware.js';
import { documentSecuritySchemes } from '../http/openapi-helpers.js';
import { wingRoutes, type Wing } from '../http/wing.js';
import { PARTY_SECURITY_SCHEMES, STATUS_TOKEN_SCHEME } from '../parties/party-guard.js';
import { Catalogue } from './catalogue.js';
import { ConnectRequests } from './connect-requests.js';
import { ConnectTokens } from './connect-tokens.js';
import { connectRoutes } from './connect.handlers.js';
import { Connections } from './connections.js';

export interface ConnectWing extends Wing {
  /** The user's connections, known to each party under its own pseudonym; other wings act over them. */
  connections: Connections;
  /** QR connect tokens, which the account pages inspect and approve. */
  tokens: ConnectTokens;
  /** The link flow's decision, confirmed on the decision page. */
  requests: ConnectRequests;
}

/**
 * Creditor connect: providers register their services and hand out connect
 * tokens (QR or link), the user approves with a passkey, and a connection
 * exists that each side knows under its own pseudonym.
 */
export function buildConnectWing(context: AppContext, { accounts }: { accounts: UserAccounts }): ConnectWing {
  const { config, clock, parties } = context;
  const directoryOf = parties.directoryOf;
  const connections = new Connections(clock, parties.events, directoryOf);
  const tokens = new ConnectTokens({
    publicUrl: config.publicUrl,
    clock,
    sessions: accounts.sessions,
    connections,
    directoryOf,
    failures: context.counters('connect-token-failures', 15 * 60 * 1000),
    trustProxy: config.trustProxy,
  });
  const requests = new ConnectRequests({
    publicUrl: config.publicUrl,
    clock,
    sessions: accounts.sessions,
    tokens,
    connections,
    directoryOf,
  });
  const catalogue = new Catalogue(config.publicUrl, clock, directoryOf, config.mode === 'demo');

  // Middleware first: a handler registered before it would answer without it. The creditor
  // portal's browser follows and confirms its own QR tokens.
  const routes = wingRoutes();
  routes.use(
    '/api/v1/:tenant/connect-tokens/*',
    tenantCors((id) => {
      const tenant = context.tenants.get(id);
      return tenant && directoryOf(tenant).portalOrigins();
    }),
  );
  routes.route('/', connectRoutes({ tokens, requests, connections, catalogue, events: parties.events }));
  documentSecuritySchemes(routes, { ...PARTY_SECURITY_SCHEMES, ...STATUS_TOKEN_SCHEME });

  return {
    routes,
    connections,
    tokens,
    requests,
    async sweep(tenant, now) {
      return (await tokens.sweep(tenant, now)) + (await tenant.store.connectRequests.deleteExpired(now));
    },
  };
}
