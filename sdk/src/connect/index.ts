export {
  ConnectTokenClient,
  type ConnectTokenClientOptions,
  type ConnectTokenWatchOptions,
} from './connect-token-client.js';
export { AccountClient, type AccountClientOptions, type ScanWatchOptions } from './account-client.js';
export { PasskeyError, type PasskeyFailure } from './passkey-error.js';
export { groupConfirmationCode, isFinalConnectStatus, normalizeConfirmationCode } from './format.js';
