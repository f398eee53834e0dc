import { html } from 'hono/html';
import { page, PAGE_STYLESHEET_PATH } from '../http/html.js';

export type AccountPageKind = 'account' | 'scan' | 'decision' | 'consents';

const TITLES: Record<AccountPageKind, { nl: string; en: string }> = {
  account: { nl: 'Uw regie-account', en: 'Your regie account' },
  scan: { nl: 'Klantaccount koppelen', en: 'Connect a customer account' },
  decision: { nl: 'Bevestigen met uw regie-account', en: 'Confirm with your regie account' },
  consents: { nl: 'Uw toestemmingen', en: 'Your consents' },
};

/** Whose service these pages are: not the one who asks (that is the consumer, named by the element). */
const OPERATOR = {
  nl: (tenant: string) => `regie, de dienst van ${tenant} waarmee u zelf bepaalt wie uw gegevens krijgt`,
  en: (tenant: string) => `regie, the service of ${tenant} with which you decide who gets your data`,
};

/**
 * The pages of the server's own origin where the user decides: the element
 * does the work, the page only frames it. An embedding site can open these
 * (link, redirect, popup) but cannot script them: frame-ancestors 'none'.
 */
export function accountPage(
  kind: AccountPageKind,
  tenantId: string,
  tenantName: string,
  requestedLang: string | undefined,
  flowId?: string,
) {
  const lang = requestedLang === 'en' ? 'en' : 'nl';
  const title = TITLES[kind][lang];
  // The page says what it is for and whose service it is; the element's h2 says who asks what.
  const heading = html`<h1>${title}</h1>
    <p class="operator">${OPERATOR[lang](tenantName)}</p>`;
  if (kind === 'consents') {
    return page(title, html`${heading}<regie-consent-overview tenant="${tenantId}"></regie-consent-overview>`, {
      lang,
      stylesheet: PAGE_STYLESHEET_PATH,
      script: '/cdn/regie-consent-overview.js',
    });
  }
  return page(
    title,
    html`${heading}
      <regie-account-page tenant="${tenantId}" flow="${kind}" ${flowId ? html`flow-id="${flowId}"` : ''}></regie-account-page>`,
    { lang, stylesheet: PAGE_STYLESHEET_PATH, script: '/cdn/regie-account-page.js' },
  );
}
