import { RegieAgentConsole } from '../agent-console/agent-console.js';
import { define } from '../shared/define.js';

define('regie-agent-console', RegieAgentConsole);

declare global {
  interface HTMLElementTagNameMap {
    'regie-agent-console': RegieAgentConsole;
  }
}
