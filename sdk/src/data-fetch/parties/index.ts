/**
 * Fetch into an application for the backends of parties: the form's
 * ({@link FetchClient}: ask, take and check) and the source's
 * ({@link SourceClient}: redeem the token its identify page received, say
 * whom it identified; {@link openApiSource}: answer from an existing API
 * described by OpenAPI 3, by configuration). Node or any server runtime: these hold party
 * credentials, which never reach a browser.
 * @module @regiekit/sdk/data-fetch/parties
 */
export { FetchClient, type StoredFetch, type VerifiedFetch } from './fetch-client.js';
export { SourceClient } from './source-client.js';
export {
  openApiSource,
  OpenApiSourceError,
  type OpenApiDocument,
  type OpenApiFieldMapping,
  type OpenApiSourceConfig,
} from './openapi-source.js';
