import integrity from 'cdn-integrity:regie-call-button.yivi.js';
import { importVerified } from '../shared/import-verified.js';
import type { CallDisclosureModule } from './load-call-disclosure.js';

/** The file the CDN build makes of call-disclosure.ts, beside regie-call-button.js on the server. */
export const CALL_DISCLOSURE_FILE = 'regie-call-button.yivi.js';

/**
 * The CDN bundles' twin of load-call-disclosure.ts: the call's Yivi client and
 * QR encoder come from the regiekit server's /cdn/, where the element's own
 * script tag loads from, and run only if their hash is the one the build
 * recorded.
 */
export const loadCallDisclosure = (server: string): Promise<CallDisclosureModule> =>
  importVerified(`${server.replace(/\/$/, '')}/cdn/${CALL_DISCLOSURE_FILE}`, integrity);
