import type { AppContext } from '../app-context.js';
import type { UserAccounts } from '../accounts/accounts.wing.js';
import type { Connections } from '../connect/connections.js';
import { tenantCors } from '../http/middleware.js';
import { documentSecuritySchemes } from '../http/openapi-helpers.js';
import { wingRoutes, type Wing } from '../http/wing.js';
import { PARTY_SECURITY_SCHEMES, STATUS_TOKEN_SCHEME } from '../parties/party-guard.js';
import { ApiError } from '../http/api-error.js';
import { ConsentService } from './consent-service.js';
import { HeldConsents } from './held-consents.js';
import { noReceiptPage, receiptLanguage, receiptPage } from './receipt-page.js';
import { consentRoutes } from './consent.handlers.js';
import { ProviderOperations } from '../parties/provider-operations.js';
import { Reuse } from './reuse.js';

export interface ConsentWingDeps {
  accounts: UserAccounts;
  /** Ending a connection revokes what was consented over it. */
  connections: Connections;
  /** How long a provider may take to answer (default 5 s). */
  providerTimeoutMs?: number;
}

export interface ConsentWing extends Wing {
  /** Consent requests, decisions, receipts and revocation: the consent machinery later jobs reuse. */
  consents: ConsentService;
  /** Consents the person gives on their own initiative by forwarding data (my data, art. 20). */
  heldConsents: HeldConsents;
  /** Data reuse by a consumer, with its checks and use log; also for data the server holds (forwards). */
  reuse: Reuse;
}

/**
 * Consent and data reuse: a consumer asks, the user decides on the server's
 * origin with a passkey, the provider's operation is registered under an
 * opaque reference, and the consumer reuses it until the user revokes.
 */
export function buildConsentWing(context: AppContext, deps: ConsentWingDeps): ConsentWing {
  const { config, clock, parties, signingKeys, signer } = context;
  const operations = new ProviderOperations(config.publicUrl, signingKeys, context.partyFetch, deps.providerTimeoutMs);
  const consents = new ConsentService({
    publicUrl: config.publicUrl,
    clock,
    sessions: deps.accounts.sessions,
    events: parties.events,
    signer,
    operations,
    directoryOf: parties.directoryOf,
  });
  const heldConsents = new HeldConsents({
    publicUrl: config.publicUrl,
    clock,
    events: parties.events,
    signer,
    directoryOf: parties.directoryOf,
  });
  const reuse = new Reuse(clock, consents, operations, parties.events, context.metrics);
  deps.connections.onEnded((tenant, connectionId) => consents.connectionEnded(tenant, connectionId));

  // Middleware first: a handler registered before it would answer without it. The consumer's
  // page (<regie-consent-dialog>) follows its consent request.
  const routes = wingRoutes();
  routes.use(
    '/api/v1/:tenant/consents/*',
    tenantCors((id) => {
      const tenant = context.tenants.get(id);
      return tenant && parties.directoryOf(tenant).consumerOrigins();
    }),
  );
  routes.route(
    '/',
    consentRoutes({
      consents,
      reuse,
      publishedKeys: () => signer.jwks(context.tenants.all()),
      directoryOf: parties.directoryOf,
    }),
  );
  documentSecuritySchemes(routes, { ...PARTY_SECURITY_SCHEMES, ...STATUS_TOKEN_SCHEME });

  // A receipt a person can read and print, on the server's origin: the raw token stays a download for machines.
  routes.get('/u/:tenant/receipts/:consentId', async (c) => {
    const tenant = context.tenants.get(c.req.param('tenant'));
    if (!tenant) return c.notFound();
    const lang = receiptLanguage(c.req.query('lang'));
    const consentId = c.req.param('consentId');
    c.header('Cache-Control', 'no-store');
    try {
      const receipt = await consents.receiptFor(c, tenant, consentId);
      const consent = (await consents.forUser(c, tenant)).find((candidate) => candidate.consentId === consentId)!;
      return c.html(
        receiptPage({
          lang,
          tenantId: tenant.settings.id,
          consent,
          receipt,
          jwksUrl: `${config.publicUrl}/.well-known/jwks.json`,
          downloadUrl: `/api/v1/${tenant.settings.id}/account/consents/${consentId}/receipt`,
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 404)) throw error;
      return c.html(noReceiptPage(lang, tenant.settings.id, error.status === 404), error.status);
    }
  });

  return {
    routes,
    consents,
    heldConsents,
    reuse,
    async sweep(tenant, now) {
      const lapsed = await tenant.store.consents.deleteLapsedRequests(now);
      return lapsed + (await consents.expireDue(tenant, now));
    },
  };
}
