import type { ConnectTokenMinted, ConnectTokenStatus } from '../protocol/index.js';
import { isFinalConnectStatus, normalizeConfirmationCode } from './format.js';
import {
  globalFetch,
  jsonPost,
  poll,
  requestJson,
  tenantApiUrl,
  type FetchLike,
  type PollOptions,
} from '../http/index.js';

export interface ConnectTokenClientOptions {
  /** Origin (and optional base path) of the regiekit server, e.g. `https://regie.example.nl`. */
  server: string;
  tenant: string;
  fetch?: typeof fetch;
}

/** How {@link ConnectTokenClient.watch} polls; it always stops at connected, expired and failed. */
export type ConnectTokenWatchOptions = Omit<PollOptions<ConnectTokenStatus>, 'isFinal'>;

/**
 * The creditor portal's side of a connect token, in the browser. The portal's
 * own backend mints the token with the provider credential (which never
 * reaches the browser); this client follows it and sends the confirmation
 * code the user reads from their phone, with the token's status token only.
 */
export class ConnectTokenClient {
  private readonly base: string;
  private readonly fetchImpl: FetchLike;

  constructor(options: ConnectTokenClientOptions) {
    this.base = tenantApiUrl(options.server, options.tenant, '/connect-tokens');
    this.fetchImpl = options.fetch ?? globalFetch;
  }

  /**
   * Asks the portal's own backend (same origin as the page, with its session
   * cookie) for a fresh token. The backend answers {@link ConnectTokenMinted}.
   */
  mint(mintUrl: string): Promise<ConnectTokenMinted> {
    return requestJson<ConnectTokenMinted>(this.fetchImpl, mintUrl, {
      ...jsonPost(),
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  }

  status(tokenId: string, statusToken: string): Promise<ConnectTokenStatus> {
    return requestJson<ConnectTokenStatus>(this.fetchImpl, this.url(tokenId), {
      headers: { Authorization: `Bearer ${statusToken}` },
      credentials: 'omit',
      cache: 'no-store',
    });
  }

  /**
   * Sends the code the user's phone shows. Fails with 400 `wrong_confirmation_code`
   * (ask {@link status} for the attempts left), 410 `token_expired` or 409 `token_used`.
   */
  confirm(tokenId: string, statusToken: string, code: string): Promise<ConnectTokenStatus> {
    const post = jsonPost({ code: normalizeConfirmationCode(code) });
    return requestJson<ConnectTokenStatus>(this.fetchImpl, `${this.url(tokenId)}/confirm`, {
      ...post,
      headers: { ...post.headers, Authorization: `Bearer ${statusToken}` },
      credentials: 'omit',
      cache: 'no-store',
    });
  }

  /**
   * Polls the token's status until it is connected, expired or failed.
   * Returns the function that stops polling earlier.
   */
  watch(
    tokenId: string,
    statusToken: string,
    onStatus: (status: ConnectTokenStatus) => void,
    options: ConnectTokenWatchOptions = {},
  ): () => void {
    return poll(() => this.status(tokenId, statusToken), onStatus, {
      ...options,
      isFinal: (value) => isFinalConnectStatus(value.status),
    });
  }

  private url(tokenId: string): string {
    return `${this.base}/${encodeURIComponent(tokenId)}`;
  }
}
