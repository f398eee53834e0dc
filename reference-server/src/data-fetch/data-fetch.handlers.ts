import { bearerToken } from '../http/bearer-token.js';
import { wingRoutes } from '../http/wing.js';
import type { PartyEnv } from '../parties/party-guard.js';
import * as routes from './data-fetch.routes.js';
import type { Fetches } from './fetches.js';

/** The form's API, the source's API, and the status the form's page follows. */
export function dataFetchRoutes(fetches: Fetches) {
  const app = wingRoutes<PartyEnv>();

  app.openapi(routes.createFetchRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const requested = await fetches.create(
      c.get('tenant'),
      c.get('party').id,
      c.req.valid('json'),
      c.req.valid('query').lang ?? 'nl',
    );
    return c.json(requested, 201);
  });
  app.openapi(routes.fetchResultRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const { fetchId } = c.req.valid('param');
    return c.json(await fetches.deliver(c.get('tenant'), c.get('party').id, fetchId, c.req.valid('json')), 200);
  });
  app.openapi(routes.fetchStatusRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const status = await fetches.status(
      c.get('tenant'),
      c.req.valid('param').fetchId,
      bearerToken(c.req.header('Authorization')),
    );
    return c.json(status, 200);
  });
  app.openapi(routes.redeemFetchTokenRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await fetches.redeem(c.get('tenant'), c.get('party').id, c.req.valid('json').token), 200);
  });
  app.openapi(routes.fetchIdentifiedRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const { token, customerRef } = c.req.valid('json');
    return c.json(await fetches.identified(c.get('tenant'), c.get('party').id, token, customerRef), 200);
  });
  return app;
}
