import type { AppContext } from '../app-context.js';
import { wingRoutes, type Wing } from '../http/wing.js';
import { createDemoIrmaApp } from '../irma/demo/demo-irma-app.js';
import { demoLanding } from './demo-landing.js';
import { DEMO_STYLESHEET } from './demo-stylesheet.js';

/**
 * What only demo mode has: the landing page, the demo IRMA server with its
 * wallet page (when no real IRMA server is configured), and their stylesheet.
 * The switchboard simulator belongs to the calls wing; the example sites are
 * served beside the server by main.ts.
 */
export function buildDemoWing(context: AppContext, { examplesOrigin }: { examplesOrigin: string }): Wing {
  const { config, clock } = context;
  const routes = wingRoutes();
  routes.get('/demo/assets/demo.css', (c) =>
    c.body(DEMO_STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
  );
  if (config.irma.type === 'demo') {
    routes.route(
      '/demo/irma',
      createDemoIrmaApp({
        publicBaseUrl: `${config.publicUrl}/demo/irma`,
        auth: config.irma.auth,
        now: () => clock.now(),
      }),
    );
  }
  routes.get('/', (c) => c.html(demoLanding(config, examplesOrigin)));
  return { routes };
}
