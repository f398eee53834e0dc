import { issuerIdentifier } from '@regiekit/sdk/protocol';
import type { AppContext } from '../app-context.js';
import { notFound } from '../http/api-error.js';
import { wingRoutes, type Wing } from '../http/wing.js';
import { issuerMetadataRoute, statusListRoute } from './credentials.routes.js';
import { STATUS_LIST_TTL_S, StatusLists } from './status-lists.js';

export interface CredentialsWing extends Wing {
  statusLists: StatusLists;
  /** The issuer identifier of a party: `iss` of what it signs in the signed-data format. */
  issuerOf(tenantId: string, partyId: string): string;
}

/** What anyone may read, from anywhere: keys and status lists are for verifiers that never met us. */
const PUBLIC = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };

/**
 * The signed-data format's public side, shared by the jobs that carry signed
 * data (my data, fetch into an application): each party's issuer metadata
 * (its keys, so a recipient verifies without calling the party) and its
 * Token Status List, which this server keeps as the parties' status issuer.
 */
export function buildCredentialsWing(context: AppContext): CredentialsWing {
  const { config, tenants } = context;
  const statusLists = new StatusLists(config.publicUrl, context.signer);
  const routes = wingRoutes();

  routes.openapi(issuerMetadataRoute, (c) => {
    const { tenant: tenantId, party } = c.req.valid('param');
    const jwks =
      tenants.get(tenantId) && context.parties.directoryOf(tenants.get(tenantId)!).provider(party)?.payloadJwks;
    if (!jwks) throw notFound('issuer');
    return c.json({ issuer: issuerIdentifier(config.publicUrl, tenantId, party), jwks }, 200, {
      ...PUBLIC,
      'Cache-Control': 'public, max-age=300',
    });
  });

  routes.openapi(statusListRoute, async (c) => {
    const { tenant: tenantId, party } = c.req.valid('param');
    const tenant = tenants.get(tenantId);
    if (!tenant || !context.parties.directoryOf(tenant).provider(party)) throw notFound('status list');
    return c.body(await statusLists.token(tenant, party), 200, {
      ...PUBLIC,
      'Content-Type': 'application/statuslist+jwt',
      'Cache-Control': `public, max-age=${Math.min(STATUS_LIST_TTL_S, 60)}`,
    });
  });

  return {
    routes,
    statusLists,
    issuerOf: (tenantId, partyId) => issuerIdentifier(config.publicUrl, tenantId, partyId),
  };
}
