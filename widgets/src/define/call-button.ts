import { RegieCallButton } from '../call-button/call-button.js';
import { define } from '../shared/define.js';

define('regie-call-button', RegieCallButton);

declare global {
  interface HTMLElementTagNameMap {
    'regie-call-button': RegieCallButton;
  }
}
