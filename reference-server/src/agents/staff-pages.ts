import { html } from 'hono/html';
import { page } from '../http/html.js';

const TITLES = {
  agent: { nl: 'Bellen met Yivi – medewerkers', en: 'Calls with Yivi – agents' },
  admin: { nl: 'Bellen met Yivi – beheer', en: 'Calls with Yivi – administration' },
} as const;

/**
 * The plain pages around the staff components, in Dutch or (`?lang=en`)
 * English. The components do the work; a municipality can put the same
 * elements on its own intranet page instead.
 */
export function staffPage(kind: 'agent' | 'admin', requestedLang: string | undefined) {
  const lang = requestedLang === 'en' ? 'en' : 'nl';
  const title = TITLES[kind][lang];
  const element =
    kind === 'agent'
      ? html`<regie-agent-console></regie-agent-console>`
      : html`<regie-agent-admin></regie-agent-admin>`;
  return page(title, html`<h1>${title}</h1>${element}`, { lang, stylesheet: '/staff.css', script: '/cdn/regiekit.js' });
}

export const STAFF_STYLESHEET = `
body { margin: 0; font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; background: #f7f7f5; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.5rem; }
`;
