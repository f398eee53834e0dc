import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { secureHeaders } from 'hono/secure-headers';
import { readFileSync } from 'node:fs';
import { extname, join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_EXAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../examples');

export interface ExamplesSiteOptions {
  /** Origin of the reference server the examples embed from, e.g. `http://localhost:8080`. */
  serverOrigin: string;
  examplesDir?: string;
  /** `{file: {integrity}}` written by the widget build, for the SRI attributes. */
  cdnManifest: () => Record<string, { integrity: string }>;
}

/**
 * Serves examples/ as a municipal website would: from another origin than the
 * reference server, under a strict Content-Security-Policy without
 * 'unsafe-inline'. `{{REGIE_SERVER}}` and `{{SRI:<file>}}` in HTML are filled in.
 */
export function createExamplesSite(options: ExamplesSiteOptions) {
  const dir = options.examplesDir ?? DEFAULT_EXAMPLES_DIR;
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'", options.serverOrigin],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: [options.serverOrigin],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.get('*', async (c, next) => {
    const path = c.req.path.endsWith('/') ? `${c.req.path}index.html` : c.req.path;
    if (extname(path) !== '.html' || path.includes('..')) return next();
    let text: string;
    try {
      text = readFileSync(join(dir, path), 'utf8');
    } catch {
      return next();
    }
    const manifest = options.cdnManifest();
    const filled = text
      .replaceAll('{{REGIE_SERVER}}', options.serverOrigin)
      .replace(/\{\{SRI:([\w.-]+)\}\}/g, (_, file: string) => manifest[file]?.integrity ?? '');
    return c.html(filled);
  });
  app.use('*', serveStatic({ root: dir }));
  return app;
}

/** Reads the manifest the widget build writes next to the bundles. */
export function readCdnManifest(cdnDir: string): Record<string, { integrity: string }> {
  try {
    return JSON.parse(readFileSync(join(cdnDir, 'manifest.json'), 'utf8')) as Record<string, { integrity: string }>;
  } catch {
    return {};
  }
}
