import type { AttachedData, FetchRequested, FetchStatus } from '../protocol/index.js';
import { poll } from '../http/poll.js';
import { globalFetch, jsonPost, requestJson, type FetchLike } from '../http/request.js';
import type { RegieApiError } from '../http/api-error.js';

export interface DataFetchClientOptions {
  /**
   * Your form's own backend (same origin as the page): `requestUrl` asks the
   * server for a fetch and answers {@link FetchRequested}; `attachUrl` takes
   * the result, verifies it and answers {@link AttachedData} (and, called
   * with DELETE, drops it again). Party credentials stay there.
   */
  requestUrl: string;
  attachUrl: string;
  fetch?: FetchLike;
}

/** States after which nothing changes any more. */
export const FINAL_FETCH_STATES: readonly FetchStatus['state'][] = [
  'approved',
  'delivered',
  'declined',
  'failed',
  'expired',
];

/**
 * A fetch into an application as `<regie-data-fetch>` runs it in the form's
 * page: ask the form's backend to start one (only when the applicant chose
 * to fetch), follow its state on the regiekit server with the status token
 * (the state only, never the data), and ask the backend to attach what the
 * applicant added.
 */
export class DataFetchClient {
  private readonly fetchImpl: FetchLike;

  constructor(private readonly options: DataFetchClientOptions) {
    this.fetchImpl = options.fetch ?? globalFetch;
  }

  /** Starts a fetch through the form's backend; `lang` is the page's, for the decision page. */
  start(lang: 'nl' | 'en'): Promise<FetchRequested> {
    return requestJson<FetchRequested>(this.fetchImpl, this.options.requestUrl, {
      ...jsonPost({ lang }),
      credentials: 'same-origin',
    });
  }

  /** Follows the fetch until it is final; returns the function that stops following. */
  follow(
    requested: Pick<FetchRequested, 'statusUrl' | 'statusToken'>,
    onStatus: (status: FetchStatus) => void,
    onError?: (error: RegieApiError) => void,
  ): () => void {
    return poll(
      () =>
        requestJson<FetchStatus>(this.fetchImpl, requested.statusUrl, {
          headers: { Authorization: `Bearer ${requested.statusToken}` },
          cache: 'no-store',
        }),
      onStatus,
      { intervalMs: 1000, isFinal: (status) => FINAL_FETCH_STATES.includes(status.state), ...(onError && { onError }) },
    );
  }

  /** Has the form's backend drop what was attached (before the application is sent). */
  async detach(fetchId: string): Promise<void> {
    await requestJson<void>(this.fetchImpl, this.options.attachUrl, {
      ...jsonPost({ fetchId }),
      method: 'DELETE',
      credentials: 'same-origin',
    });
  }

  /** Has the form's backend take what was added and check it; answers what to show beside the question. */
  attach(fetchId: string): Promise<AttachedData> {
    return requestJson<AttachedData>(this.fetchImpl, this.options.attachUrl, {
      ...jsonPost({ fetchId }),
      credentials: 'same-origin',
    });
  }
}
