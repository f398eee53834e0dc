/**
 * Fetch into an application for the backends of parties: the form's
 * ({@link FetchClient}: ask, take and check) and the source's
 * ({@link SourceClient}: redeem the token its identify page received, say
 * whom it identified). Node or any server runtime: these hold party
 * credentials, which never reach a browser.
 * @module @regiekit/sdk/data-fetch/parties
 */
export { FetchClient, type StoredFetch, type VerifiedFetch } from './fetch-client.js';
export { SourceClient } from './source-client.js';
