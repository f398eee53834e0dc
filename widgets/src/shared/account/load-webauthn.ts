import type { WebAuthnModule } from '@regiekit/sdk/connect';

/**
 * Loads the passkey ceremony's library. From npm, a dynamic import that the
 * site's bundler splits off; the CDN bundles use the twin of this module
 * (load-webauthn.cdn.ts), which loads it from the regiekit server,
 * integrity-checked.
 */
export const loadWebAuthn = (_server: string): Promise<WebAuthnModule> => import('./webauthn.js');
