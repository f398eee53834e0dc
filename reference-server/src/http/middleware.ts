import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import type { Metrics } from '../shared/metrics.js';
import type { AppEnv } from './app-env.js';
import { errorBody } from './api-error.js';

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
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(ms),
      },
      'request',
    );
    metrics?.httpDuration.observe(
      { method: c.req.method, route: c.req.routePath, status: String(c.res.status) },
      ms / 1000,
    );
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
  const options = (
    crossOriginOpenerPolicy: 'same-origin' | 'unsafe-none',
    crossOriginResourcePolicy: 'same-origin' | 'cross-origin' = 'same-origin',
  ) =>
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
      crossOriginResourcePolicy,
      crossOriginOpenerPolicy,
    });
  const strict = options('same-origin');
  const popup = options('unsafe-none');
  // This middleware runs around every route, /cdn too, and writes its headers last: the CDN
  // bundles get their cross-origin CORP here, or a classic <script src> on a municipal page fails.
  const publicAsset = options('same-origin', 'cross-origin');
  return (c, next) => {
    if (c.req.path.startsWith('/cdn/')) return publicAsset(c, next);
    return /^\/u\/[^/]+\/flows\//.test(c.req.path) ? popup(c, next) : strict(c, next);
  };
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
export function tenantCors(
  allowedOriginsOf: (tenantId: string) => readonly string[] | undefined,
): MiddlewareHandler<AppEnv> {
  return cors({
    origin: (origin, c) => (allowedOriginsOf(c.req.param('tenant') ?? '')?.includes(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
}

/**
 * Refuses request bodies over `maxBytes` with 413. A declared Content-Length
 * is checked from the header alone: looking at the body stream (as hono's
 * bodyLimit does) makes the Node adapter build a full Request for every call,
 * which costs more than a whole DTMF resolve. Bodies without a length (chunked)
 * are counted as they stream.
 */
export function requestSizeLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  const tooLarge = (c: Context) => c.json(errorBody('payload_too_large', 'Request body too large.'), 413);
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined)
      return Number(length) > maxBytes ? Promise.resolve(tooLarge(c)) : next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return streamed(c, next);
  };
}
