import { RegieConnectToken } from '../connect-token/connect-token.js';
import { define } from '../shared/define.js';

define('regie-connect-token', RegieConnectToken);

declare global {
  interface HTMLElementTagNameMap {
    'regie-connect-token': RegieConnectToken;
  }
}
