import type { SessionPointer } from '../protocol/index.js';

/**
 * Ends a Yivi session from the browser, the way yivi-client does: DELETE on
 * the session pointer, the IRMA server's client endpoint (no token needed).
 * `keepalive` lets the request outlive a page that is being left. Failures
 * are ignored: a session that already ended cannot be disclosed to anyway.
 */
export function cancelYiviSession(
  sessionPtr: SessionPointer,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<void> {
  return fetchImpl(sessionPtr.u, { method: 'DELETE', keepalive: true, credentials: 'omit' }).then(
    () => undefined,
    () => undefined,
  );
}
