/**
 * `cdn-integrity:<file>`: the SRI hash of a module the CDN bundles load lazily
 * (a string), which the CDN build (rollup.config.mjs) makes from the module it
 * built first. Only the `.cdn.ts` twins import it, and only into CDN bundles,
 * so each bundle carries the hashes of what it loads itself.
 */
declare module 'cdn-integrity:*' {
  const integrity: string;
  export default integrity;
}
