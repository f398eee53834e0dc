/**
 * Whether an error means the storage cannot be reached right now (Redis
 * restarting or failing over, a connection dropped, SQLite busy past its
 * timeout), as opposed to a fault in our code. Such requests get a 503 the
 * client may retry; nothing was half-written, because every change is one
 * atomic step.
 */
export function isStorageUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    [
      'SQLITE_BUSY',
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'ENOTFOUND',
      'EAI_AGAIN',
      'EHOSTUNREACH',
      'ENETUNREACH',
    ].includes(code)
  )
    return true;
  return /Stream isn't writeable|Connection is closed|Command timed out|connect ECONNREFUSED|None of the sentinels|Failed to refresh slots cache|Cluster isn't ready|Too many Cluster redirections|CLUSTERDOWN|^TRYAGAIN|^BUSY|^LOADING|^READONLY|^MASTERDOWN|getaddrinfo|redis: not reachable/.test(
    error.message,
  );
}
