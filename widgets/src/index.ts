/**
 * regiekit widgets. Importing this module defines nothing; import
 * `@regiekit/widgets/define/<name>` (or load the CDN script) to register elements.
 * @packageDocumentation
 */
export { RegieCallButton } from './call-button/call-button.js';
export { RegieAgentConsole } from './agent-console/agent-console.js';
export { RegieAgentAdmin } from './agent-admin/agent-admin.js';
export { RegieConnectToken } from './connect-token/connect-token.js';
export { RegieAccountPage, type AccountPageFlow } from './account-page/account-page.js';
export { RegieConsentDialog, type ConsentDialogRequest } from './consent-dialog/consent-dialog.js';
export { RegieConsentOverview } from './consent-overview/consent-overview.js';
export { RegieRepaymentPlan } from './repayment-plan/repayment-plan.js';
export { repaymentPlanMessages, type RepaymentPlanMessages } from './repayment-plan/repayment-plan.messages.js';
export { callButtonMessages, type CallButtonMessages } from './call-button/call-button.messages.js';
export { connectTokenMessages, type ConnectTokenMessages } from './connect-token/connect-token.messages.js';
export { accountPageMessages, type AccountPageMessages } from './account-page/account-page.messages.js';
export { consentMessages, type ConsentMessages } from './account-page/consent.messages.js';
export { consentDialogMessages, type ConsentDialogMessages } from './consent-dialog/consent-dialog.messages.js';
export { define, WIDGETS_VERSION } from './shared/define.js';
export * from './shared/events.js';
export { languageOf, type Language } from './shared/language.js';
