import type { AppContext } from '../app-context.js';
import type { UserAccounts } from '../accounts/accounts.wing.js';
import type { Wing } from '../http/wing.js';
import { OAuthServer } from './oauth-server.js';
import { oauthRoutes } from './oauth.handlers.js';

export interface OAuthWing extends Wing {
  /** Signing in to a consumer, confirmed on the decision page. */
  server: OAuthServer;
}

/** Consumer sign-in: an OAuth 2 authorization server (PAR, PKCE) that gives each consumer its own pseudonym. */
export function buildOAuthWing(context: AppContext, { accounts }: { accounts: UserAccounts }): OAuthWing {
  const server = new OAuthServer({
    publicUrl: context.config.publicUrl,
    signer: context.signer,
    clock: context.clock,
    sessions: accounts.sessions,
    authenticator: context.parties.authenticator,
    directoryOf: context.parties.directoryOf,
  });
  return {
    routes: oauthRoutes({ oauth: server, tenantOf: (id) => context.tenants.get(id) }),
    server,
    sweep: (tenant, now) => tenant.store.oauth.deleteExpired(now),
  };
}
