import { html } from 'hono/html';
import { page, PAGE_STYLESHEET_PATH } from '../http/html.js';

export type AccountPageKind = 'account' | 'scan' | 'decision' | 'consents';

const TITLES: Record<AccountPageKind, { nl: string; en: string }> = {
  account: { nl: 'Uw regie-account', en: 'Your regie account' },
  scan: { nl: 'Klantaccount koppelen', en: 'Connect a customer account' },
  decision: { nl: 'Bevestigen met uw regie-account', en: 'Confirm with your regie account' },
  consents: { nl: 'Uw toestemmingen', en: 'Your consents' },
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
  // The page's h1 names the service; the element's own h2 says what this page is for.
  const heading = html`<h1>regie · ${tenantName}</h1>`;
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
