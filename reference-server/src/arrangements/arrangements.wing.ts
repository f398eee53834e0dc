import type { AppContext } from '../app-context.js';
import type { UserAccounts } from '../accounts/accounts.wing.js';
import type { Connections } from '../connect/connections.js';
import { documentSecuritySchemes } from '../http/openapi-helpers.js';
import { wingRoutes, type Wing } from '../http/wing.js';
import { PARTY_SECURITY_SCHEMES } from '../parties/party-guard.js';
import { ProviderOperations } from '../parties/provider-operations.js';
import { ArrangementService } from './arrangement-service.js';
import { arrangementRoutes } from './arrangements.handlers.js';

export interface ArrangementsWingDeps {
  accounts: UserAccounts;
  connections: Connections;
  /** How long a creditor's arrangement endpoint may take to answer (default 5 s). */
  providerTimeoutMs?: number;
}

export interface ArrangementsWing extends Wing {
  /** The debtor's confirmations on the decision page: a request, or a creditor's counter-proposal. */
  arrangements: ArrangementService;
}

/**
 * Payment arrangements (the fifth job): the debtor asks a creditor in a
 * debt-help app, the creditor's signed acceptance policy decides at once
 * where it can, and each instalment is reported and tracked. Built on the
 * shared rooms: connections and their pseudonyms, the decision page with the
 * passkey, signed receipts, events and Standard Webhooks.
 */
export function buildArrangementsWing(context: AppContext, deps: ArrangementsWingDeps): ArrangementsWing {
  const { config, clock, parties } = context;
  const arrangements = new ArrangementService({
    publicUrl: config.publicUrl,
    clock,
    logger: context.logger,
    sessions: deps.accounts.sessions,
    events: parties.events,
    signer: context.signer,
    operations: new ProviderOperations(
      config.publicUrl,
      context.signingKeys,
      context.partyFetch,
      deps.providerTimeoutMs ?? 5_000,
    ),
    directoryOf: parties.directoryOf,
  });
  deps.connections.onEnded((tenant, connectionId) => arrangements.connectionEnded(tenant, connectionId));
  const routes = wingRoutes();
  routes.route(
    '/',
    arrangementRoutes({ publicUrl: config.publicUrl, clock, arrangements, directoryOf: parties.directoryOf }),
  );
  documentSecuritySchemes(routes, PARTY_SECURITY_SCHEMES);
  return {
    routes,
    arrangements,
    sweep: (tenant, now) => arrangements.sweep(tenant, now),
  };
}
