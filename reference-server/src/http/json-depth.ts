import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.js';
import type { AppEnv } from './app-env.js';

/** Deeper than any document of the API: nothing a client sends needs more. */
export const MAX_JSON_DEPTH = 32;

/** How deeply arrays and objects nest in JSON text, counted outside strings. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92 /* \ */) i++;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 /* { */ || char === 91 /* [ */) deepest = Math.max(deepest, ++depth);
    else if (char === 125 /* } */ || char === 93 /* ] */) depth--;
  }
  return deepest;
}

/**
 * Refuses JSON nested deeper than `maxDepth` with 400 before any work: deep
 * input costs stack in every later step (validation, re-serialising it to a
 * provider) and no real client sends it. The body is read once here and kept
 * for the route's own validation.
 */
export function jsonDepthLimit(maxDepth = MAX_JSON_DEPTH): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const type = c.req.header('Content-Type') ?? '';
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && /\bjson\b/i.test(type)) {
      const text = await c.req.text().catch(() => '');
      if (jsonDepth(text) > maxDepth)
        throw new ApiError(400, 'validation_failed', 'The request body is nested too deeply.', [
          { path: '(body)', message: `nested deeper than ${maxDepth} levels` },
        ]);
    }
    await next();
  };
}
