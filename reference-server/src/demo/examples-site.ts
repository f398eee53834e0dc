import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { secureHeaders } from 'hono/secure-headers';
import { readFileSync } from 'node:fs';
import { extname, join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCreditorPortal } from './creditor-portal.js';
import { createDebtApp } from './debt-app.js';
import { createAssistanceForm } from './assistance-form.js';
import { createHousingDemo } from './housing-demo.js';

export const DEFAULT_EXAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../examples');

export interface ExamplesSiteOptions {
  /** Origin of the reference server the examples embed from, e.g. `http://localhost:8080`. */
  serverOrigin: string;
  examplesDir?: string;
  /** This site's own origin, as browsers reach it (the demo apps register URLs under it). */
  siteOrigin: string;
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
  // Not strict: /debt-app and /debt-app/ are the same page, as on any web site.
  const app = new Hono({ strict: false });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'", options.serverOrigin],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // 'self': the creditor portal's element asks its own backend for connect tokens.
        connectSrc: ["'self'", options.serverOrigin],
        // Sign-in and connect forms post here and are redirected to the server's origin.
        formAction: ["'self'", options.serverOrigin],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
      // The consent dialog opens regiekit's decision page as a popup and closes it when the decision is in.
      crossOriginOpenerPolicy: 'same-origin-allow-popups',
    }),
  );
  const portal = createCreditorPortal({
    serverOrigin: options.serverOrigin,
    siteOrigin: options.siteOrigin,
    cdnIntegrity: (file) => options.cdnManifest()[file]?.integrity ?? '',
  });
  app.route('/creditor-portal', portal);
  app.route(
    '/debt-app',
    createDebtApp({
      serverOrigin: options.serverOrigin,
      siteOrigin: options.siteOrigin,
      cdnIntegrity: (file) => options.cdnManifest()[file]?.integrity ?? '',
    }),
  );
  // A recipient of forwarded data (my data): a housing association that takes proof of an energy contract.
  app.route('/woningcorporatie', createHousingDemo({ serverOrigin: options.serverOrigin }));
  // A form that data is fetched into (job 4): an application for special assistance, and its caseworker.
  app.route(
    '/bijstand',
    createAssistanceForm({
      serverOrigin: options.serverOrigin,
      cdnIntegrity: (file) => options.cdnManifest()[file]?.integrity ?? '',
    }),
  );
  app.get('*', async (c, next) => {
    // The URL's own path: the non-strict router reports /municipal/ as /municipal.
    const requested = new URL(c.req.url).pathname;
    const path = requested.endsWith('/') ? `${requested}index.html` : requested;
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
  return Object.assign(app, { registerDemoServices: () => portal.registerServices() });
}

/** Reads the manifest the widget build writes next to the bundles. */
export function readCdnManifest(cdnDir: string): Record<string, { integrity: string }> {
  try {
    return JSON.parse(readFileSync(join(cdnDir, 'manifest.json'), 'utf8')) as Record<string, { integrity: string }>;
  } catch {
    return {};
  }
}
