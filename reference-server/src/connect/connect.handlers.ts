import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bearerToken } from '../calls/calls.handlers.js';
import { ApiError, notFound } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import type { PartyAuthenticator } from '../parties/party-authenticator.js';
import type { PartyDirectory } from '../parties/party-directory.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Catalogue } from './catalogue.js';
import type { ConnectRequests } from './connect-requests.js';
import type { ConnectTokens } from './connect-tokens.js';
import * as routes from './connect.routes.js';
import type { Connections } from './connections.js';
import type { PartyEvents } from '../parties/party-events.js';

export interface ConnectRouteDeps {
  publicUrl: string;
  authenticator: PartyAuthenticator;
  directoryOf: (tenant: TenantContext) => PartyDirectory;
  tokens: ConnectTokens;
  requests: ConnectRequests;
  connections: Connections;
  catalogue: Catalogue;
  events: PartyEvents;
}

/**
 * Every party call is authenticated (client secret or private_key_jwt with
 * this tenant's API as audience). A party of another tenant is simply unknown
 * here: its credential fails like a wrong one.
 */
function requireParty(deps: ConnectRouteDeps, kind?: 'provider' | 'consumer'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const tenant = c.get('tenant');
    const audience = `${deps.publicUrl}/api/v1/${tenant.settings.id}`;
    const party = await deps.authenticator.authenticate(
      deps.directoryOf(tenant),
      { authorization: c.req.header('Authorization') },
      [audience],
    );
    if (!party) {
      c.header('WWW-Authenticate', 'Basic realm="regiekit"');
      throw new ApiError(401, 'unauthorized', 'Authenticate as a registered provider or consumer.');
    }
    // Paths of the other kind of party do not exist for you.
    if (kind && party.kind !== kind) throw notFound('resource');
    c.set('party', party);
    await next();
  };
}

export function mountConnectRoutes(app: OpenAPIHono<AppEnv>, deps: ConnectRouteDeps): void {
  app.use('/api/v1/:tenant/provider/*', requireParty(deps, 'provider'));
  app.use('/api/v1/:tenant/consumer/*', requireParty(deps, 'consumer'));
  app.use('/api/v1/:tenant/catalogue', requireParty(deps));
  app.use('/api/v1/:tenant/events', requireParty(deps));

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
}
