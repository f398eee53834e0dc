/** A failed API call, with the stable error code from the server when there is one. */
export class RegieApiError extends Error {
  override name = 'RegieApiError';
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** What the server said per field or reason (e.g. `state: revoked` for a refused reuse). */
    readonly details: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/**
 * A request that never got an answer. Offline, that is the person's connection
 * (`network`); online, the page itself may not reach the server, e.g. a
 * Content-Security-Policy without it in `connect-src`, so it is `unreachable`.
 * In Node (no `navigator.onLine`) it is always `unreachable`.
 */
export function unreachableError(): RegieApiError {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return offline
    ? new RegieApiError(0, 'network', 'The server could not be reached: this device is offline.')
    : new RegieApiError(0, 'unreachable', 'The server could not be reached from this page.');
}

/** Errors worth another try: the server was unreachable, busy, or failed. */
export function isTransient(error: RegieApiError): boolean {
  return error.status === 0 || error.status === 429 || error.status >= 500;
}
