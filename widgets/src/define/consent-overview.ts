import { RegieConsentOverview } from '../consent-overview/consent-overview.js';
import { define } from '../shared/define.js';

define('regie-consent-overview', RegieConsentOverview);

declare global {
  interface HTMLElementTagNameMap {
    'regie-consent-overview': RegieConsentOverview;
  }
}
