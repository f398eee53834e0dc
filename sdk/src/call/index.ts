/**
 * A citizen's identified phone call, in the browser: start it, let the Yivi app disclose
 * (headless `yivi-core` with `yivi-client`), and get the number and the code to call with.
 * `CallSession` is a state machine the `<regie-call-button>` draws; use it for a button of your own,
 * with `loadYivi: () => import('@regiekit/sdk/call/yivi')`.
 * @module @regiekit/sdk/call
 */
export { CallApi, type CallApiOptions } from './call-api.js';
export {
  CallSession,
  type CallSessionOptions,
  type CallStateListener,
  type YiviDisclosureModule,
} from './call-session.js';
export { isEndState, type CallErrorReason, type CallViewState, type CallViewStateKind } from './call-view-state.js';
export { groupDtmfCode, formatPhoneNumber } from './format.js';
