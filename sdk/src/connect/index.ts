/**
 * Creditor connect in the browser: `ConnectTokenClient` for a creditor portal's QR code,
 * and `AccountClient` for the pages of the regiekit server's own origin, where the user's
 * regie account (passkeys) approves connections and decisions.
 * @module @regiekit/sdk/connect
 */
export {
  ConnectTokenClient,
  type ConnectTokenClientOptions,
  type ConnectTokenWatchOptions,
} from './connect-token-client.js';
export {
  AccountClient,
  type AccountClientOptions,
  type ScanWatchOptions,
  type WebAuthnModule,
} from './account-client.js';
export { PasskeyError, type PasskeyFailure } from './passkey-error.js';
export { groupConfirmationCode, isFinalConnectStatus, normalizeConfirmationCode } from './format.js';
