import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * The frame around every page the server renders itself (demo wallet,
 * switchboard simulator). No inline script or style: pages work under the
 * server's own strict Content-Security-Policy.
 */
export function page(title: string, body: Html, lang = 'en'): Html {
  return html`<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="stylesheet" href="/demo/assets/demo.css" />
  </head>
  <body>
    <main>${body}</main>
  </body>
</html>`;
}
