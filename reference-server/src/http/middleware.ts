import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import type { Metrics } from '../operations/metrics.js';
import type { AppEnv } from './app-env.js';

/** Request ids for correlating log lines; a caller-supplied id is accepted only if it looks harmless. */
export const requestIds = (): MiddlewareHandler<AppEnv> => requestId({ limitLength: 64 });

/**
 * One log line per request: method, matched route pattern, status and time.
 * Neither bodies nor query strings are logged.
 */
export function requestLogging(logger: Logger, metrics?: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = performance.now() - started;
    logger.info({ requestId: c.get('requestId'), method: c.req.method, route: c.req.routePath, status: c.res.status, ms: Math.round(ms) }, 'request');
    metrics?.httpDuration.observe({ method: c.req.method, route: c.req.routePath, status: String(c.res.status) }, ms / 1000);
  };
}

/**
 * Strict headers for everything the server renders. The pages carry no inline
 * script or style, so the CSP needs neither `unsafe-inline` nor nonces.
 * Decision pages (`/u/<tenant>/flows/…`) keep their opener: a consumer opens
 * them as a popup and closes it when the decision is in, and the page closes
 * itself. They still cannot be framed or scripted by the opener.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  const options = (crossOriginOpenerPolicy: 'same-origin' | 'unsafe-none') =>
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
      crossOriginOpenerPolicy,
    });
  const strict = options('same-origin');
  const popup = options('unsafe-none');
  return (c, next) => (/^\/u\/[^/]+\/flows\//.test(c.req.path) ? popup(c, next) : strict(c, next));
}

/** CDN assets must load from any municipal page (with SRI), so they opt out of same-origin CORP. */
export function publicAssetHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Cache-Control', 'public, max-age=300');
  };
}

/** Browser API calls are allowed only from the origins a tenant listed; no cookies are involved. */
export function tenantCors(allowedOriginsOf: (tenantId: string) => readonly string[] | undefined): MiddlewareHandler<AppEnv> {
  return cors({
    origin: (origin, c) => (allowedOriginsOf(c.req.param('tenant') ?? '')?.includes(origin) ? origin : null),
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
}
