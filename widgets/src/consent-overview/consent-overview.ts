import { AccountHost } from '../shared/account/account-host.js';
import type { PageFlow } from '../shared/account/page-flow.js';
import { ConsentOverviewFlow } from './consent-overview-flow.js';
import { consentOverviewStyles } from './consent-overview.styles.js';

/**
 * The user's consents, on the regiekit server's own page `/u/{tenant}/consents`:
 * who may fetch which data from whom, for what and until when, every use
 * of it, the receipt to read, print or download, and revoking (confirmed with a
 * passkey). Below, the connections those consents draw on; ending one
 * revokes every consent that depends on it. Not for embedding in other
 * sites: the session cookie is this origin's.
 *
 * @summary The user's consents with their use log, receipts and revoking (server origin only).
 * @tag regie-consent-overview
 * @csspart dialog - The dialogs that confirm revoking a consent and ending a connection.
 * @cssproperty --regie-accent-color - Buttons and links (falls back to NL Design System tokens).
 * @cssproperty --regie-accent-text-color - Text on the accent colour.
 * @cssproperty --regie-text-color - Text colour.
 * @cssproperty --regie-surface-color - Background of the dialogs and outlined buttons.
 * @cssproperty --regie-focus-color - Focus outline colour.
 * @cssproperty --regie-danger-color - Errors and the revoke and end buttons.
 * @cssproperty --regie-border-radius - Corner radius.
 * @cssproperty --regie-font-family - Font.
 */
export class RegieConsentOverview extends AccountHost {
  /** Constructable stylesheets only: pages with a strict Content-Security-Policy need no inline style. */
  static override styles = consentOverviewStyles;

  protected override createFlow(): PageFlow {
    return new ConsentOverviewFlow(this, `${this.server.replace(/\/$/, '')}/u/${encodeURIComponent(this.tenant)}`);
  }
}
