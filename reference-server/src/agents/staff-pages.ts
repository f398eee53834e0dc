import { html } from 'hono/html';
import { page } from '../http/html.js';

/**
 * The plain pages around the staff components. The components do the work;
 * a municipality can put the same elements on its own intranet page instead.
 */
export function staffPage(kind: 'agent' | 'admin') {
  const title = kind === 'agent' ? 'Bellen met Yivi – medewerkers' : 'Bellen met Yivi – beheer';
  const element = kind === 'agent' ? html`<regie-agent-console></regie-agent-console>` : html`<regie-agent-admin></regie-agent-admin>`;
  return page(title, html`<h1>${title}</h1>${element}`, { lang: 'nl', stylesheet: '/staff.css', script: '/cdn/regiekit.js' });
}

export const STAFF_STYLESHEET = `
body { margin: 0; font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; background: #f7f7f5; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.5rem; }
`;
