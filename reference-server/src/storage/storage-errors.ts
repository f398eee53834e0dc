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
  if (code === 'SQLITE_BUSY' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT') return true;
  return /Stream isn't writeable|Connection is closed|Command timed out|connect ECONNREFUSED|None of the sentinels|Failed to refresh slots cache|CLUSTERDOWN|^LOADING|^READONLY|^MASTERDOWN|redis: not reachable/.test(error.message);
}
