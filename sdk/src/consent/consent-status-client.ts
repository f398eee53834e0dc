import type { ConsentState, ConsentStatus } from '../protocol/index.js';
import { globalFetch, poll, requestJson, tenantApiUrl, type FetchLike, type PollOptions } from '../http/index.js';

export interface ConsentStatusClientOptions {
  /** Origin (and optional base path) of the regiekit server, e.g. `https://regie.example.nl`. */
  server: string;
  tenant: string;
  fetch?: typeof fetch;
}

/** How {@link ConsentStatusClient.watch} polls; it always stops once the consent is decided or lapsed. */
export type ConsentWatchOptions = Omit<PollOptions<ConsentStatus>, 'isFinal'>;

/** Whether a consent can still change by the user's decision: only a request waits for one. */
export function isDecidedConsentState(state: ConsentState): boolean {
  return state !== 'requested';
}

/**
 * The consumer page's view of one consent request, in the browser, on any
 * origin. The consumer's backend registers the request (with its own
 * credential) and hands the page the consent id and its status token; that
 * token shows the state of this consent and nothing else, so no cookie and
 * no personal data cross origins.
 */
export class ConsentStatusClient {
  private readonly base: string;
  private readonly fetchImpl: FetchLike;

  constructor(options: ConsentStatusClientOptions) {
    this.base = tenantApiUrl(options.server, options.tenant, '/consents');
    this.fetchImpl = options.fetch ?? globalFetch;
  }

  /** The consent's state; 404 `not_found` for an unknown consent or a token that is not its own. */
  status(consentId: string, statusToken: string): Promise<ConsentStatus> {
    return requestJson<ConsentStatus>(this.fetchImpl, `${this.base}/${encodeURIComponent(consentId)}`, {
      headers: { Authorization: `Bearer ${statusToken}` },
      credentials: 'omit',
      cache: 'no-store',
    });
  }

  /**
   * Polls the state (every 1.5 s unless told otherwise) until it is no longer
   * `requested`; that last state is still reported. Returns the function that
   * stops polling earlier.
   */
  watch(
    consentId: string,
    statusToken: string,
    onState: (state: ConsentState) => void,
    options: ConsentWatchOptions = {},
  ): () => void {
    return poll(
      () => this.status(consentId, statusToken),
      (status) => onState(status.state),
      { ...options, isFinal: (status) => isDecidedConsentState(status.state) },
    );
  }
}
