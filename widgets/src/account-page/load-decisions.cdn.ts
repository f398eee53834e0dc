import integrity from 'cdn-integrity:regie-account-page.decisions.js';
import { importVerified } from '../shared/import-verified.js';
import type { DecisionsModule } from './load-decisions.js';

/** The file the CDN build makes of decisions.ts, beside regie-account-page.js on the server. */
export const DECISIONS_FILE = 'regie-account-page.decisions.js';

/**
 * The CDN bundles' twin of load-decisions.ts: the decisions come from the
 * regiekit server's /cdn/, where the element's own script comes from, and run
 * only if their hash is the one the build recorded.
 */
export const loadDecisions = (server: string): Promise<DecisionsModule> =>
  importVerified(`${server.replace(/\/$/, '')}/cdn/${DECISIONS_FILE}`, integrity);
