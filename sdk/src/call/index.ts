export { CallApi, type CallApiOptions } from './call-api.js';
export { CallSession, type CallSessionOptions, type CallStateListener } from './call-session.js';
export { isEndState, type CallErrorReason, type CallViewState, type CallViewStateKind } from './call-view-state.js';
export { groupDtmfCode, formatPhoneNumber } from './format.js';
