import { describe, expect, it } from 'vitest';
import { SoftwarePasskey } from '../testing/software-passkey.js';
import { TestBrowser } from '../testing/test-browser.js';
import { createTestServer } from '../testing/test-server.js';
import { describeDevice } from './device-description.js';

const UA = {
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:131.0) Gecko/131.0 Firefox/131.0',
};

describe('what a passkey is recognised by', () => {
  it('reads browser and system from the User-Agent, nothing finer', () => {
    expect(describeDevice(UA.chromeLinux)).toEqual({ browser: 'Chrome', system: 'Linux' });
    expect(describeDevice(UA.safariIphone)).toEqual({ browser: 'Safari', system: 'iPhone' });
    expect(describeDevice(UA.edgeWindows)).toEqual({ browser: 'Edge', system: 'Windows' });
    expect(describeDevice(UA.firefoxAndroid)).toEqual({ browser: 'Firefox', system: 'Android' });
    expect(describeDevice(undefined)).toEqual({});
  });

  it('shows on the account page where each passkey was made, so two can be told apart', async () => {
    const server = createTestServer();
    try {
      const browser = new TestBrowser(server.app);
      const passkey = new SoftwarePasskey('http://localhost:8080');
      await browser.request('/api/v1/nijmegen/account');
      expect(await browser.registerPasskey(passkey, { 'User-Agent': UA.safariIphone })).toBe(201);
      const view = await browser.json<{ passkeys: { device?: object; synced?: boolean }[] }>(
        '/api/v1/nijmegen/account',
      );
      expect(view.body.passkeys).toEqual([
        expect.objectContaining({ device: { browser: 'Safari', system: 'iPhone' }, synced: false }),
      ]);
    } finally {
      await server.close();
    }
  });
});
