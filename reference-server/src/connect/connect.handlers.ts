import { bearerToken } from '../http/bearer-token.js';
import { notFound } from '../http/api-error.js';
import { wingRoutes } from '../http/wing.js';
import type { PartyEnv } from '../parties/party-guard.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Catalogue } from './catalogue.js';
import type { ConnectRequests } from './connect-requests.js';
import type { ConnectTokens } from './connect-tokens.js';
import * as routes from './connect.routes.js';
import type { Connections } from './connections.js';
import type { PartyEvents } from '../parties/party-events.js';

export interface ConnectRouteDeps {
  tokens: ConnectTokens;
  requests: ConnectRequests;
  connections: Connections;
  catalogue: Catalogue;
  events: PartyEvents;
}

/** The party API of connecting (app.ts authenticates the party first) and the portal's token status. */
export function connectRoutes(deps: ConnectRouteDeps) {
  const app = wingRoutes<PartyEnv>();

  const userOf = async (tenant: TenantContext, consumerId: string, sub: string) => {
    const userId = await tenant.store.oauth.userOfSubject(consumerId, sub);
    if (!userId) throw notFound('user');
    return userId;
  };

  app.openapi(routes.mintConnectTokenRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await deps.tokens.mintQr(c.get('tenant'), c.get('party').id, c.req.valid('json').customerRef), 201);
  });
  app.openapi(routes.redeemConnectTokenRoute, async (c) => {
    const { token, customerRef } = c.req.valid('json');
    return c.json(await deps.requests.redeem(c, c.get('tenant'), c.get('party').id, token, customerRef), 200);
  });
  app.openapi(routes.providerConnectionsRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ connections: await deps.connections.listForProvider(c.get('tenant'), c.get('party').id) }, 200);
  });
  app.openapi(routes.providerEndConnectionRoute, async (c) => {
    await deps.connections.endByProvider(c.get('tenant'), c.get('party').id, c.req.valid('param').connectionId);
    return c.body(null, 204);
  });
  app.openapi(routes.registerServiceRoute, async (c) =>
    c.json(await deps.catalogue.register(c.get('tenant'), c.get('party').id, c.req.valid('json')), 200),
  );
  app.openapi(routes.listOwnServicesRoute, async (c) =>
    c.json({ services: await deps.catalogue.ofProvider(c.get('tenant'), c.get('party').id) }, 200),
  );
  app.openapi(routes.catalogueRoute, async (c) => c.json(await deps.catalogue.view(c.get('tenant')), 200));
  app.openapi(routes.createConnectRequestRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await deps.requests.create(c.get('tenant'), c.get('party').id, c.req.valid('json')), 201);
  });
  app.openapi(routes.consumerConnectionsRoute, async (c) => {
    const tenant = c.get('tenant');
    const { sub } = c.req.valid('param');
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        connections: await deps.connections.listForConsumer(tenant, await userOf(tenant, c.get('party').id, sub), sub),
      },
      200,
    );
  });
  app.openapi(routes.consumerEndConnectionRoute, async (c) => {
    const tenant = c.get('tenant');
    const { sub, connectionId } = c.req.valid('param');
    await deps.connections.endByConsumer(tenant, await userOf(tenant, c.get('party').id, sub), sub, connectionId);
    return c.body(null, 204);
  });
  app.openapi(routes.partyEventsRoute, async (c) => {
    const { after, limit } = c.req.valid('query');
    return c.json(await deps.events.page(c.get('tenant'), c.get('party').id, after, limit), 200);
  });
  app.openapi(routes.connectTokenStatusRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(
      await deps.tokens.status(
        c.get('tenant'),
        c.req.valid('param').tokenId,
        bearerToken(c.req.header('Authorization')),
      ),
      200,
    );
  });
  app.openapi(routes.confirmConnectTokenRoute, async (c) => {
    const { tokenId } = c.req.valid('param');
    return c.json(
      await deps.tokens.confirm(
        c.get('tenant'),
        tokenId,
        bearerToken(c.req.header('Authorization')),
        c.req.valid('json').code,
      ),
      200,
    );
  });
  return app;
}
