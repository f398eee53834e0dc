/**
 * regiekit widgets. Importing this module defines nothing; import
 * `@regiekit/widgets/define/<name>` (or load the CDN script) to register elements.
 * @module @regiekit/widgets
 */
export * from './elements.js';
export type { AccountPageFlow } from './account-page/account-page.js';
export type { ConsentDialogRequest } from './consent-dialog/consent-dialog.js';
export { repaymentPlanMessages, type RepaymentPlanMessages } from './repayment-plan/repayment-plan.messages.js';
export { arrangementMessages, type ArrangementMessages } from './arrangement/arrangement.messages.js';
export { callButtonMessages, type CallButtonMessages } from './call-button/call-button.messages.js';
export { connectTokenMessages, type ConnectTokenMessages } from './connect-token/connect-token.messages.js';
export { accountPageMessages, type AccountPageMessages } from './shared/account/account.messages.js';
export { consentMessages, type ConsentMessages } from './shared/account/consent.messages.js';
export { consentDialogMessages, type ConsentDialogMessages } from './consent-dialog/consent-dialog.messages.js';
export { define } from './shared/define.js';
export { WIDGETS_VERSION } from './version.js';
export * from './shared/events.js';
export { languageOf, type Language } from './shared/language.js';
