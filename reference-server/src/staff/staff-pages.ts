import { html } from 'hono/html';
import { page, PAGE_STYLESHEET_PATH } from '../http/html.js';

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
  return page(title, html`<h1>${title}</h1>${element}`, {
    lang,
    stylesheet: PAGE_STYLESHEET_PATH,
    script: '/cdn/regiekit.js',
  });
}
