import { describe, expect, it } from 'vitest';
import { formatPhoneNumber, groupDtmfCode } from './format.js';
import { viewStateForYivi } from './yivi-state-mapping.js';

describe('formatting for people', () => {
  it('groups a code 3-3-4 without losing leading zeros', () => {
    expect(groupDtmfCode('0012345678')).toEqual(['001', '234', '5678']);
  });

  it('groups Dutch numbers and leaves others alone', () => {
    expect(formatPhoneNumber('+31243299999')).toBe('+31 24 329 9999');
    expect(formatPhoneNumber('+3222222222')).toBe('+3222222222');
  });
});

describe('Yivi state -> view state', () => {
  it('shows the QR payload on desktop and the app link on mobile', () => {
    expect(viewStateForYivi('ShowingQRCode', { qr: 'https://open.yivi.app/-/session#x' })).toEqual({
      kind: 'qr',
      qrPayload: 'https://open.yivi.app/-/session#x',
      appUrl: 'https://open.yivi.app/-/session#x',
    });
    expect(viewStateForYivi('ShowingYiviButton', { mobile: 'intent://qr' })).toEqual({
      kind: 'open-app',
      appUrl: 'intent://qr',
    });
  });

  it('maps end states and ignores the invisible ones', () => {
    expect(viewStateForYivi('TimedOut', undefined)).toEqual({ kind: 'timed-out' });
    expect(viewStateForYivi('Cancelled', undefined)).toEqual({ kind: 'cancelled' });
    expect(viewStateForYivi('BrowserNotSupported', undefined)).toEqual({ kind: 'error', reason: 'browser' });
    expect(viewStateForYivi('ContinueOn2ndDevice', undefined)).toEqual({ kind: 'continue-in-app' });
    expect(viewStateForYivi('Aborted', undefined)).toBeUndefined();
  });
});
