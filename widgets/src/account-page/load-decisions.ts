import type * as Decisions from './decisions.js';

export type DecisionsModule = typeof Decisions;

/**
 * Loads the decision page's decisions. From npm, a dynamic import that the
 * site's bundler splits off; the CDN bundles use the twin of this module
 * (load-decisions.cdn.ts), which loads it from the regiekit server,
 * integrity-checked.
 */
export const loadDecisions = (_server: string): Promise<DecisionsModule> => import('./decisions.js');
