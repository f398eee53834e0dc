import { RegieAgentAdmin } from '../agent-admin/agent-admin.js';
import { define } from '../shared/define.js';

define('regie-agent-admin', RegieAgentAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'regie-agent-admin': RegieAgentAdmin;
  }
}
