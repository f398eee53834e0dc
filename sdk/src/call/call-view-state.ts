/**
 * What a call button should show, as a discriminated union. Widgets render
 * these; they never look at Yivi's own state names.
 */
export type CallViewState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  /** Desktop: show `qrPayload` as a QR code, with `appUrl` as the "open the Yivi app" link next to it. */
  | { kind: 'qr'; qrPayload: string; appUrl: string }
  /** Mobile: one link that opens the Yivi app on this device. */
  | { kind: 'open-app'; appUrl: string }
  /** The Yivi app has the session; the citizen is choosing there. */
  | { kind: 'continue-in-app' }
  /** Yivi is done; the server is checking the proof. */
  | { kind: 'checking' }
  | { kind: 'ready'; phoneNumber: string; dtmfCode: string; telUrl: string; expiresAt: string }
  | { kind: 'cancelled' }
  | { kind: 'timed-out' }
  | { kind: 'error'; reason: CallErrorReason };

/** `unreachable`: online, yet the page cannot reach the server (its Content-Security-Policy, say); `network`: offline. */
export type CallErrorReason = 'network' | 'unreachable' | 'unavailable' | 'rejected' | 'browser';

export type CallViewStateKind = CallViewState['kind'];

/** States after which nothing happens until the citizen starts again. */
export const isEndState = (state: CallViewState): boolean =>
  state.kind === 'ready' || state.kind === 'cancelled' || state.kind === 'timed-out' || state.kind === 'error';
