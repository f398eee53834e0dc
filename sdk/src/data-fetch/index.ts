/**
 * Fetch into an application (job 4) in the form's page: start a fetch
 * through the form's own backend, follow it, attach the result
 * ({@link DataFetchClient}, used by `<regie-data-fetch>`). The backends'
 * side (the form's and the source's) is `@regiekit/sdk/data-fetch/parties`.
 * @module @regiekit/sdk/data-fetch
 */
export { DataFetchClient, FINAL_FETCH_STATES, type DataFetchClientOptions } from './data-fetch-client.js';
