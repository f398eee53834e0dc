import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface DemoAppPageOptions {
  lang?: 'nl' | 'en';
  stylesheet: string;
  /** CDN bundles of the regiekit server, each pinned with its SRI hash. */
  scripts?: { src: string; integrity: string }[];
  /** The page's own module script, from this site. */
  pageScript?: string;
  /** The organisation whose site this is, shown in the header. */
  siteName: string;
}

/** The frame of the demo apps' pages: no inline script or style, like the rest of the examples site. */
export function demoAppPage(title: string, body: Html, options: DemoAppPageOptions): Html {
  return html`<!doctype html>
<html lang="${options.lang ?? 'nl'}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} – ${options.siteName} (demo)</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${options.stylesheet}" />
    ${(options.scripts ?? []).map((script) => html`<script type="module" src="${script.src}" integrity="${script.integrity}" crossorigin="anonymous"></script>`)}
    ${options.pageScript ? html`<script type="module" src="${options.pageScript}"></script>` : ''}
  </head>
  <body>
    <header class="site-header"><p class="site-name">${options.siteName}</p></header>
    <main>${body}</main>
  </body>
</html>`;
}

/** A date (YYYY-MM-DD) the Dutch way: 30 september 2026. */
export const dutchDate = (isoDate: string) =>
  new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));

/** Euro amounts from integer cents, the Dutch way. */
export const euro = (cents: number) =>
  new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/**
 * Data for the page script, as a JSON block the browser does not run (so the
 * strict CSP allows it). Script content is not HTML-decoded: instead of
 * escaping entities, `<`, `>` and `&` become JSON escapes, so no value can
 * close the element.
 */
export const jsonDataBlock = (id: string, value: unknown) =>
  html`<script type="application/json" id="${id}">${raw(JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'))}</script>`;
