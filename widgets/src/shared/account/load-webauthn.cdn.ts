import integrity from 'cdn-integrity:regie-webauthn.js';
import type { WebAuthnModule } from '@regiekit/sdk/connect';
import { importVerified } from '../import-verified.js';

/** The file the CDN build makes of webauthn.ts, beside the elements' bundles on the server. */
export const WEBAUTHN_FILE = 'regie-webauthn.js';

/**
 * The CDN bundles' twin of load-webauthn.ts: the passkey library comes from
 * the regiekit server's /cdn/, where the element's own script comes from, and
 * runs only if its hash is the one the build recorded.
 */
export const loadWebAuthn = (server: string): Promise<WebAuthnModule> =>
  importVerified(`${server.replace(/\/$/, '')}/cdn/${WEBAUTHN_FILE}`, integrity);
