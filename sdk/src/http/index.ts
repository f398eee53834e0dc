/**
 * What every regiekit client shares: the API error type and its one mapping
 * from fetch answers, polling, the URL of a tenant's API, and the signed
 * requests of provider and consumer backends.
 * @module @regiekit/sdk/http
 */
export { RegieApiError, isTransient, unreachableError } from './api-error.js';
export { errorFrom, globalFetch, jsonPost, requestJson, tenantApiUrl, type FetchLike } from './request.js';
export { poll, type PollOptions } from './poll.js';
export { PartyRequester, type PartyClientOptions, type PartyCredential } from './party-requester.js';
export { ERROR_TEXTS, errorText } from './error-texts.js';
