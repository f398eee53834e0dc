import { RegieAccountPage } from '../account-page/account-page.js';
import { define } from '../shared/define.js';

define('regie-account-page', RegieAccountPage);

declare global {
  interface HTMLElementTagNameMap {
    'regie-account-page': RegieAccountPage;
  }
}
