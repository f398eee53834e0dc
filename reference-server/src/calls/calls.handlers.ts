import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import { bearerToken } from '../http/bearer-token.js';
import type { CallService } from './call-service.js';
import type { cancelCallRoute, createCallRoute, getCallRoute } from './calls.routes.js';

export function callHandlers(calls: CallService) {
  const create: RouteHandler<typeof createCallRoute, AppEnv> = async (c) => {
    const created = await calls.create(c.get('tenant'), c.req.valid('json').purpose);
    c.header('Cache-Control', 'no-store');
    // 200, as the IRMA server answers POST /session: the official Yivi client accepts nothing else.
    return c.json(created, 200);
  };

  const get: RouteHandler<typeof getCallRoute, AppEnv> = async (c) => {
    const status = await calls.status(
      c.get('tenant'),
      c.req.valid('param').callId,
      bearerToken(c.req.header('Authorization')),
    );
    c.header('Cache-Control', 'no-store');
    return c.json(status, 200);
  };

  const cancel: RouteHandler<typeof cancelCallRoute, AppEnv> = async (c) => {
    await calls.cancel(c.get('tenant'), c.req.valid('param').callId, bearerToken(c.req.header('Authorization')));
    return c.body(null, 204);
  };

  return { create, get, cancel };
}
