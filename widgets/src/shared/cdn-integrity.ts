/**
 * The SRI hashes of the modules the CDN bundles load lazily, by file name. The
 * CDN build (rollup.config.mjs) puts the real ones in: it builds those modules
 * first. Outside the CDN bundles nothing is loaded from the CDN, so it is empty.
 */
export const CDN_INTEGRITY: Readonly<Record<string, string>> = {};
