import type { AppContext } from '../app-context.js';
import type { UserAccounts } from '../accounts/accounts.wing.js';
import type { Connections } from '../connect/connections.js';
import type { ConsentService } from '../consent/consent-service.js';
import type { HeldConsents } from '../consent/held-consents.js';
import type { Reuse } from '../consent/reuse.js';
import type { CredentialsWing } from '../credentials/credentials.wing.js';
import { tenantCors } from '../http/middleware.js';
import { documentSecuritySchemes } from '../http/openapi-helpers.js';
import { wingRoutes, type Wing } from '../http/wing.js';
import { ProviderOperations } from '../parties/provider-operations.js';
import { PARTY_SECURITY_SCHEMES } from '../parties/party-guard.js';
import { PartyCredentials } from '../credentials/party-credentials.js';
import { CompanyData } from './company-data.js';
import { Corrections } from './corrections.js';
import { Forwards } from './forwards.js';
import { myDataRoutes } from './my-data.handlers.js';
import { MyDataViews } from './views.js';
import { walletRoutes } from './wallet.handlers.js';
import { WalletOffers } from './wallet-offers.js';

export interface MyDataWingDeps {
  accounts: UserAccounts;
  credentials: CredentialsWing;
  connections: Connections;
  consents: ConsentService;
  heldConsents: HeldConsents;
  reuse: Reuse;
  /** How long a company may take to sign a customer's data (default 10 s: a category can be large). */
  providerTimeoutMs?: number;
}

export interface MyDataWing extends Wing {
  /** The decisions the customer confirms on the decision page: a correction, a forward. */
  corrections: Corrections;
  forwards: Forwards;
}

/**
 * My data (AVG art. 15, 16 and 20) in the company's own portal: the customer
 * sees and downloads what the company holds, signed by the company, asks for
 * corrections and forwards a selection to a recipient, who verifies it came
 * from the company unaltered. Corrections and forwards act in the person's
 * name, so they are confirmed with the regie account's passkey; a forward is
 * a one-off consent of the consent wing, with its receipt.
 */
export function buildMyDataWing(context: AppContext, deps: MyDataWingDeps): MyDataWing {
  const { config, clock, parties } = context;
  const operations = new ProviderOperations(
    config.publicUrl,
    context.signingKeys,
    context.partyFetch,
    deps.providerTimeoutMs ?? 10_000,
  );
  const company = new CompanyData({
    credentials: new PartyCredentials({
      operations,
      statusLists: deps.credentials.statusLists,
      issuerOf: deps.credentials.issuerOf,
      directoryOf: parties.directoryOf,
    }),
  });
  const views = new MyDataViews({ clock, directoryOf: parties.directoryOf });
  const corrections = new Corrections({
    publicUrl: config.publicUrl,
    clock,
    sessions: deps.accounts.sessions,
    events: parties.events,
    statusLists: deps.credentials.statusLists,
    company,
    directoryOf: parties.directoryOf,
  });
  const forwards = new Forwards({
    publicUrl: config.publicUrl,
    clock,
    sessions: deps.accounts.sessions,
    company,
    connections: deps.connections,
    consents: deps.heldConsents,
    reuse: deps.reuse,
    directoryOf: parties.directoryOf,
  });
  const wallets = new WalletOffers({
    publicUrl: config.publicUrl,
    clock,
    company,
    counters: context.counters,
    issuerOf: deps.credentials.issuerOf,
    directoryOf: parties.directoryOf,
  });
  // A forward revoked (or expired) before the recipient fetched it is deleted at once.
  deps.consents.onHeldReleased((tenant, forwardId) => forwards.release(tenant, forwardId));

  // The element runs on the company's portal: its registered origins may call the view routes.
  const routes = wingRoutes();
  routes.use(
    '/api/v1/:tenant/my-data/*',
    tenantCors((id) => {
      const tenant = context.tenants.get(id);
      return tenant && parties.directoryOf(tenant).portalOrigins();
    }),
  );
  routes.route(
    '/',
    myDataRoutes({
      publicUrl: config.publicUrl,
      clock,
      views,
      company,
      corrections,
      forwards,
      wallets,
      directoryOf: parties.directoryOf,
    }),
  );
  routes.route(
    '/',
    walletRoutes(wallets, (id) => context.tenants.get(id)),
  );
  documentSecuritySchemes(routes, {
    ...PARTY_SECURITY_SCHEMES,
    myDataView: {
      type: 'http',
      scheme: 'bearer',
      description: 'The viewSecret from opening a my-data view with its view token',
    },
  });

  return {
    routes,
    corrections,
    forwards,
    async sweep(tenant, now) {
      return (
        (await tenant.store.myDataViews.deleteExpired(now)) +
        (await corrections.sweep(tenant, now)) +
        (await forwards.sweep(tenant, now))
      );
    },
  };
}
