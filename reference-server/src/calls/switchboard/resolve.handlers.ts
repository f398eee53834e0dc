import type { RouteHandler } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bearerToken } from '../../http/bearer-token.js';
import { secretsEqual } from '../../crypto/constant-time.js';
import type { CodeResolver } from '../resolve-code.js';
import { ApiError } from '../../http/api-error.js';
import type { AppEnv } from '../../http/app-env.js';
import type { resolveCodeRoute } from './resolve.routes.js';

/** Switchboard endpoints authenticate before anything else, so a stranger learns nothing from validation errors. */
export function switchboardAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!secretsEqual(bearerToken(c.req.header('Authorization')), c.get('tenant').settings.switchboardSecret)) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new ApiError(401, 'unauthorized', 'A valid switchboard secret is required.');
    }
    await next();
  };
}

/** The generic switchboard adapter: any telephony platform that can make one authenticated HTTPS call. */
export function resolveHandler(resolver: CodeResolver): RouteHandler<typeof resolveCodeRoute, AppEnv> {
  return async (c) => c.json(await resolver.resolve(c.get('tenant'), c.req.valid('json')), 200);
}
