import type { AppContext } from '../app-context.js';
import type { UserAccounts } from '../accounts/accounts.wing.js';
import type { ConsentService } from '../consent/consent-service.js';
import type { HeldConsents } from '../consent/held-consents.js';
import type { Reuse } from '../consent/reuse.js';
import type { CredentialsWing } from '../credentials/credentials.wing.js';
import { PartyCredentials } from '../credentials/party-credentials.js';
import { tenantCors } from '../http/middleware.js';
import { documentSecuritySchemes } from '../http/openapi-helpers.js';
import { wingRoutes, type Wing } from '../http/wing.js';
import { PARTY_SECURITY_SCHEMES, STATUS_TOKEN_SCHEME } from '../parties/party-guard.js';
import { ProviderOperations } from '../parties/provider-operations.js';
import { dataFetchRoutes } from './data-fetch.handlers.js';
import { Fetches } from './fetches.js';

export interface DataFetchWingDeps {
  accounts: UserAccounts;
  credentials: CredentialsWing;
  consents: ConsentService;
  heldConsents: HeldConsents;
  reuse: Reuse;
  /** How long a source may take to sign what was asked (default 8 s: the applicant waits on its page). */
  sourceTimeoutMs?: number;
}

export interface DataFetchWing extends Wing {
  /** The decisions the applicant takes on the decision page: go to the source, then add or not. */
  fetches: Fetches;
}

/**
 * Fetch into an application (job 4): a form asks for an applicant's own
 * data at a source; the applicant identifies at the source, sees what it
 * signed and adds it (or not). The data is in the signed-data format of the
 * credentials wing, the consent is the consent wing's, with its receipt.
 */
export function buildDataFetchWing(context: AppContext, deps: DataFetchWingDeps): DataFetchWing {
  const { config, clock, parties } = context;
  const operations = new ProviderOperations(
    config.publicUrl,
    context.signingKeys,
    context.partyFetch,
    deps.sourceTimeoutMs ?? 8_000,
  );
  const fetches = new Fetches({
    publicUrl: config.publicUrl,
    clock,
    sessions: deps.accounts.sessions,
    credentials: new PartyCredentials({
      operations,
      statusLists: deps.credentials.statusLists,
      issuerOf: deps.credentials.issuerOf,
      directoryOf: parties.directoryOf,
    }),
    consents: deps.heldConsents,
    reuse: deps.reuse,
    directoryOf: parties.directoryOf,
  });
  // An added fetch whose consent is revoked before the form took it is dropped at once.
  deps.consents.onHeldReleased((tenant, fetchId) => fetches.release(tenant, fetchId));

  // <regie-data-fetch> runs on the form's page: the consumers' origins may follow their fetches.
  const routes = wingRoutes();
  routes.use(
    '/api/v1/:tenant/fetches/*',
    tenantCors((id) => {
      const tenant = context.tenants.get(id);
      return tenant && parties.directoryOf(tenant).consumerOrigins();
    }),
  );
  routes.route('/', dataFetchRoutes(fetches));
  documentSecuritySchemes(routes, { ...PARTY_SECURITY_SCHEMES, ...STATUS_TOKEN_SCHEME });

  return { routes, fetches, sweep: (tenant, now) => fetches.sweep(tenant, now) };
}
