import type * as CallDisclosure from './call-disclosure.js';

export type CallDisclosureModule = typeof CallDisclosure;

/**
 * Loads the call's Yivi client and QR encoder. From npm, a dynamic import that
 * the site's bundler splits off; the CDN bundles use the twin of this module
 * (load-call-disclosure.cdn.ts), which loads it from the regiekit server,
 * integrity-checked.
 */
export const loadCallDisclosure = (_server: string): Promise<CallDisclosureModule> => import('./call-disclosure.js');
