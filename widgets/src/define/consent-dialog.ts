import { RegieConsentDialog } from '../consent-dialog/consent-dialog.js';
import { define } from '../shared/define.js';

define('regie-consent-dialog', RegieConsentDialog);

declare global {
  interface HTMLElementTagNameMap {
    'regie-consent-dialog': RegieConsentDialog;
  }
}
