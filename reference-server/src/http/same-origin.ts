import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.js';
import type { AppEnv } from './app-env.js';

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD';

/**
 * Refuses cross-site writes before anything else: a browser's Origin header,
 * when sent, must be ours. For the staff API, together with SameSite=Strict
 * cookies and the CSRF token, this is defence in depth.
 */
export function sameOriginWrites(origin: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const sent = c.req.header('Origin');
    if (isWrite(c.req.method) && sent !== undefined && sent !== origin) {
      throw new ApiError(403, 'forbidden', 'Cross-site request refused.');
    }
    await next();
  };
}

/**
 * Writes need our own Origin header, always: for the user's account area,
 * whose pages are all on the server's origin, an absent Origin is refused too.
 */
export function strictSameOriginWrites(origin: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (isWrite(c.req.method) && c.req.header('Origin') !== origin) {
      throw new ApiError(403, 'forbidden', 'Cross-site request refused.');
    }
    await next();
  };
}
