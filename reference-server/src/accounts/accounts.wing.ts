import type { AccountConnection } from '@regiekit/sdk/protocol';
import type { AppContext } from '../app-context.js';
import { documentSecuritySchemes } from '../http/openapi-helpers.js';
import { wingRoutes, type Wing } from '../http/wing.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import { accountPage, type AccountPageKind } from './account-pages.js';
import { accountRoutes, type ScanActions } from './account.handlers.js';
import { DecisionFlows, type DecisionFlowKind } from './decision-flows.js';
import { Passkeys } from './passkeys.js';
import { UserSessions } from './user-sessions.js';

/**
 * The regie account of a user: a browser session on the server's origin and
 * the passkeys that confirm whatever binds the user. Every wing that acts in
 * the user's name (connect, consent, sign-in, and the jobs after them) uses
 * these; the accounts wing adds the account API and the `/u/` pages.
 */
export interface UserAccounts {
  sessions: UserSessions;
  passkeys: Passkeys;
}

export function createUserAccounts(context: AppContext): UserAccounts {
  return {
    sessions: new UserSessions(context.config.publicUrl.startsWith('https:'), context.clock),
    passkeys: new Passkeys(context.config.publicUrl, context.clock),
  };
}

export interface AccountsWingDeps {
  accounts: UserAccounts;
  /** The decisions of every wing that the user confirms on the decision page (sign-in, connect, consent, …). */
  flows: DecisionFlowKind[];
  /** The account's connections live in the connect wing; the account pages only show and end them. */
  connectionsOf(tenant: TenantContext, userId: string): Promise<AccountConnection[]>;
  endConnection(tenant: TenantContext, userId: string, connectionId: string): Promise<void>;
  scans: ScanActions;
}

const PAGES = new Map<string, AccountPageKind>([
  ['account', 'account'],
  ['consents', 'consents'],
  ['connect', 'scan'],
]);

export function buildAccountsWing(context: AppContext, deps: AccountsWingDeps): Wing {
  const routes = wingRoutes();
  routes.route(
    '/',
    accountRoutes(
      {
        sessions: deps.accounts.sessions,
        passkeys: deps.accounts.passkeys,
        flows: new DecisionFlows(deps.flows),
        connectionsOf: deps.connectionsOf,
        endConnection: deps.endConnection,
      },
      deps.scans,
    ),
  );

  documentSecuritySchemes(routes, {
    userSession: {
      type: 'apiKey',
      in: 'cookie',
      name: 'regie_user',
      description: "The user's session on the server's origin (`__Host-regie_user` under TLS)",
    },
  });

  // The pages of the server's own origin where the user decides; /u/<tenant>/flows/<id> is the decision page.
  routes.get('/u/:tenant/:page/:flowId?', (c) => {
    const tenant = context.tenants.get(c.req.param('tenant'));
    const flowId = c.req.param('flowId');
    const kind = c.req.param('page') === 'flows' && flowId ? 'decision' : PAGES.get(c.req.param('page'));
    if (!tenant || !kind || (kind === 'decision') !== (flowId !== undefined)) return c.notFound();
    if (flowId !== undefined && !/^[A-Za-z0-9_-]{16,64}$/.test(flowId)) return c.notFound();
    return c.html(accountPage(kind, tenant.settings.id, tenant.settings.displayName, c.req.query('lang'), flowId));
  });

  return {
    routes,
    sweep: (tenant, now) => tenant.store.userSessions.deleteExpired(now),
  };
}
