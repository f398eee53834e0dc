import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageOptions {
  lang?: string;
  stylesheet?: string;
  /** A module script from this server (the pages carry no inline script). */
  script?: string;
}

/**
 * The frame around every page the server renders itself (demo wallet,
 * switchboard simulator, staff pages). No inline script or style: pages work
 * under the server's own strict Content-Security-Policy.
 */
export function page(
  title: string,
  body: Html,
  { lang = 'en', stylesheet = '/demo/assets/demo.css', script }: PageOptions = {},
): Html {
  return html`<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${stylesheet}" />
    ${script ? html`<script type="module" src="${script}"></script>` : ''}
  </head>
  <body>
    <main>${body}</main>
  </body>
</html>`;
}

/** Where the server serves the stylesheet of the pages around its elements (staff and account pages). */
export const PAGE_STYLESHEET_PATH = '/pages.css';

export const PAGE_STYLESHEET = `
body { margin: 0; font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; background: #f7f7f5; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
.operator { margin-top: 0; color: #4a4a4a; }
.receipt { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.25rem 1rem; }
.receipt dt { font-weight: 600; }
.receipt dd { margin: 0; }
.receipt dd, .long-words { overflow-wrap: anywhere; }
pre.token { white-space: pre-wrap; word-break: break-all; font-size: 0.8rem; padding: 0.5rem; border: 1px solid #8a8a8a; background: #fff; }
@media (max-width: 30rem) { .receipt { grid-template-columns: 1fr; } .receipt dd { margin-bottom: 0.5rem; } }
@media print { body { background: #fff; } .no-print { display: none; } main { padding: 0; } }
`;
