import { wingRoutes } from '../http/wing.js';
import type { PartyDirectory } from '../parties/party-directory.js';
import type { PartyEnv } from '../parties/party-guard.js';
import type { Clock } from '../shared/clock.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { ArrangementService } from './arrangement-service.js';
import { currentPolicyOf } from './arrangement-terms.js';
import * as routes from './arrangements.routes.js';

export interface ArrangementRouteDeps {
  publicUrl: string;
  clock: Clock;
  arrangements: ArrangementService;
  directoryOf: (tenant: TenantContext) => PartyDirectory;
}

/** The debt-help app's and the creditor's API for payment arrangements. */
export function arrangementRoutes(deps: ArrangementRouteDeps) {
  const app = wingRoutes<PartyEnv>();
  const { arrangements } = deps;

  app.openapi(routes.listPoliciesRoute, async (c) => {
    const tenant = c.get('tenant');
    const providers = deps.directoryOf(tenant).providers();
    const policies = [];
    for (const provider of providers) {
      const current = await currentPolicyOf(tenant, provider.id, deps.clock.now());
      if (current)
        policies.push({
          providerId: provider.id,
          policy: current.signed,
          jwksUrl: `${deps.publicUrl}/api/v1/${tenant.settings.id}/providers/${provider.id}/jwks.json`,
        });
    }
    return c.json({ policies }, 200);
  });
  app.openapi(routes.requestArrangementRoute, async (c) =>
    c.json(await arrangements.request(c.get('tenant'), c.get('party').id, c.req.valid('json')), 201),
  );
  app.openapi(routes.listArrangementsForAppRoute, async (c) =>
    c.json(
      {
        arrangements: await arrangements.listForConsumer(c.get('tenant'), c.get('party').id, c.req.valid('param').sub),
      },
      200,
    ),
  );
  app.openapi(routes.getArrangementForAppRoute, async (c) =>
    c.json(await arrangements.forConsumer(c.get('tenant'), c.get('party').id, c.req.valid('param').arrangementId), 200),
  );

  app.openapi(routes.listArrangementsRoute, async (c) =>
    c.json({ arrangements: await arrangements.forProvider(c.get('tenant'), c.get('party').id) }, 200),
  );
  app.openapi(routes.getArrangementRoute, async (c) =>
    c.json(
      await arrangements.oneForProvider(c.get('tenant'), c.get('party').id, c.req.valid('param').arrangementId),
      200,
    ),
  );
  app.openapi(routes.acceptArrangementRoute, async (c) =>
    c.json(
      await arrangements.acceptByProvider(c.get('tenant'), c.get('party').id, c.req.valid('param').arrangementId),
      200,
    ),
  );
  app.openapi(routes.counterArrangementRoute, async (c) =>
    c.json(
      await arrangements.counter(
        c.get('tenant'),
        c.get('party').id,
        c.req.valid('param').arrangementId,
        c.req.valid('json'),
      ),
      200,
    ),
  );
  app.openapi(routes.refuseArrangementRoute, async (c) =>
    c.json(
      await arrangements.refuseByProvider(
        c.get('tenant'),
        c.get('party').id,
        c.req.valid('param').arrangementId,
        c.req.valid('json').reason,
      ),
      200,
    ),
  );
  app.openapi(routes.reportInstalmentRoute, async (c) => {
    const { arrangementId, number } = c.req.valid('param');
    return c.json(
      await arrangements.report(c.get('tenant'), c.get('party').id, arrangementId, number, c.req.valid('json').outcome),
      200,
    );
  });
  return app;
}
