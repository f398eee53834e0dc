import type { AppContext } from '../app-context.js';
import { secretsEqual } from '../crypto/constant-time.js';
import { errorBody, notFound } from '../http/api-error.js';
import { wingRoutes, type Wing } from '../http/wing.js';

/**
 * What operators and their orchestrators ask: liveness (`/healthz`),
 * readiness with the store (`/readyz`) and Prometheus metrics (`/metrics`,
 * behind a token outside demo mode; no personal data in any label).
 */
export function buildOperationsWing(context: AppContext): Wing {
  const { config, metrics, store } = context;
  const routes = wingRoutes();
  routes.get('/healthz', (c) => c.json({ status: 'ok' }));
  routes.get('/readyz', async (c) => {
    try {
      await store.ping();
      return c.json({ status: 'ready' });
    } catch {
      return c.json(errorBody('upstream_unavailable', 'The store does not answer.'), 503);
    }
  });
  routes.get('/metrics', async (c) => {
    const allowed = config.metricsToken
      ? secretsEqual(c.req.header('Authorization'), `Bearer ${config.metricsToken}`)
      : config.mode === 'demo';
    if (!allowed) throw notFound('endpoint');
    return c.body(await metrics.registry.metrics(), 200, {
      'Content-Type': metrics.registry.contentType,
      'Cache-Control': 'no-store',
    });
  });
  return { routes };
}
