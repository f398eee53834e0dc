import type { YiviState } from '@privacybydesign/yivi-core';
import type { CallViewState } from './call-view-state.js';

/**
 * Maps a yivi-core state (and the payload of the transition into it) to what
 * the citizen sees. Returns undefined for states that change nothing visible.
 */
export function viewStateForYivi(state: YiviState, payload: unknown): CallViewState | undefined {
  switch (state) {
    case 'Loading':
    case 'CheckingUserAgent':
    case 'PreparingQRCode':
    case 'PreparingYiviButton':
      return { kind: 'loading' };
    case 'ShowingQRCode': {
      const { qr } = payload as { qr: string };
      return { kind: 'qr', qrPayload: qr, appUrl: qr };
    }
    case 'ShowingYiviButton': {
      const { mobile } = payload as { mobile: string };
      return { kind: 'open-app', appUrl: mobile };
    }
    case 'EnterPairingCode':
    case 'Pairing':
    case 'ContinueOn2ndDevice':
    case 'ContinueInYiviApp':
      return { kind: 'continue-in-app' };
    case 'PreparingResult':
    case 'Success':
      return { kind: 'checking' };
    case 'Cancelled':
      return { kind: 'cancelled' };
    case 'TimedOut':
      return { kind: 'timed-out' };
    case 'Error':
      return { kind: 'error', reason: 'unavailable' };
    case 'BrowserNotSupported':
      return { kind: 'error', reason: 'browser' };
    case 'Uninitialized':
    case 'Aborted':
      return undefined;
  }
}
