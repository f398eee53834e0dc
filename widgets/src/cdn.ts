/**
 * The CDN entry: one script tag defines every regiekit element.
 * Loading it twice is harmless (see shared/define.ts).
 */
import './define/call-button.js';
import './define/agent-console.js';
import './define/agent-admin.js';
import './define/connect-token.js';
import './define/account-page.js';
import './define/consent-dialog.js';
import './define/consent-overview.js';
import './define/repayment-plan.js';

export { RegieCallButton } from './call-button/call-button.js';
export { RegieAgentConsole } from './agent-console/agent-console.js';
export { RegieAgentAdmin } from './agent-admin/agent-admin.js';
export { RegieConnectToken } from './connect-token/connect-token.js';
export { RegieAccountPage } from './account-page/account-page.js';
export { RegieConsentDialog } from './consent-dialog/consent-dialog.js';
export { RegieConsentOverview } from './consent-overview/consent-overview.js';
export { RegieRepaymentPlan } from './repayment-plan/repayment-plan.js';
export * from './shared/events.js';
