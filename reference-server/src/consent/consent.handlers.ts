import { bearerToken } from '../http/bearer-token.js';
import type { PublishedKey } from '../tenants/server-signer.js';
import { notFound } from '../http/api-error.js';
import { wingRoutes } from '../http/wing.js';
import type { PartyEnv } from '../parties/party-guard.js';
import type { PartyDirectory } from '../parties/party-directory.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import * as routes from './consent.routes.js';
import type { ConsentService } from './consent-service.js';
import type { Reuse } from './reuse.js';

export interface ConsentRouteDeps {
  consents: ConsentService;
  reuse: Reuse;
  /** The server's public keys: the current ones, and earlier ones with the period they signed in. */
  publishedKeys: () => Promise<{ keys: PublishedKey[] }>;
  directoryOf: (tenant: TenantContext) => PartyDirectory;
}

/** Consent and reuse. app.ts authenticates the consumer on `/consumer/*` first. */
export function consentRoutes(deps: ConsentRouteDeps) {
  const app = wingRoutes<PartyEnv>();
  app.openapi(routes.createConsentRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await deps.consents.create(c.get('tenant'), c.get('party').id, c.req.valid('json')), 201);
  });
  app.openapi(routes.consumerConsentRoute, async (c) =>
    c.json(await deps.consents.forConsumer(c.get('tenant'), c.get('party').id, c.req.valid('param').consentId), 200),
  );
  app.openapi(routes.consumerRevokeRoute, async (c) => {
    await deps.consents.revokeByConsumer(c.get('tenant'), c.get('party').id, c.req.valid('param').consentId);
    return c.body(null, 204);
  });
  app.openapi(routes.reuseRoute, async (c) => {
    const body = c.req.header('Content-Length') === '0' || !c.req.header('Content-Type') ? {} : c.req.valid('json');
    c.header('Cache-Control', 'no-store');
    return c.json(
      await deps.reuse.call(c.get('tenant'), c.get('party').id, c.req.valid('param').referenceId, body?.input),
      200,
    );
  });
  app.openapi(routes.consentStatusRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(
      await deps.consents.status(
        c.get('tenant'),
        c.req.valid('param').consentId,
        bearerToken(c.req.header('Authorization')),
      ),
      200,
    );
  });
  app.openapi(routes.userConsentsRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ consents: await deps.consents.forUser(c, c.get('tenant')) }, 200);
  });
  app.openapi(routes.userRevokeRoute, async (c) => {
    await deps.consents.revokeByUser(c, c.get('tenant'), c.req.valid('param').consentId);
    return c.body(null, 204);
  });
  app.openapi(routes.receiptRoute, async (c) => {
    const receipt = await deps.consents.receiptFor(c, c.get('tenant'), c.req.valid('param').consentId);
    return c.body(receipt, 200, {
      'Content-Type': 'application/jose',
      'Content-Disposition': `attachment; filename="consent-${c.req.valid('param').consentId}.jws"`,
      'Cache-Control': 'no-store',
    });
  });
  app.openapi(routes.serverJwksRoute, async (c) =>
    c.json(await deps.publishedKeys(), 200, {
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    }),
  );
  app.openapi(routes.providerJwksRoute, (c) => {
    const jwks = deps.directoryOf(c.get('tenant')).provider(c.req.valid('param').providerId)?.payloadJwks;
    if (!jwks) throw notFound('provider keys');
    return c.json(jwks, 200, { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
  });
  return app;
}
