/**
 * Whether an error means the storage cannot be reached right now (Redis
 * restarting or failing over, PostgreSQL restarting or out of connections, a
 * connection dropped, SQLite busy past its timeout), as opposed to a fault in
 * our code. Such requests get a 503 the
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
  // PostgreSQL's SQLSTATEs: connection exceptions (08…), shutting down or starting up (57P01–57P03), too many connections.
  if (typeof code === 'string' && /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/.test(code)) return true;
  return /Stream isn't writeable|Connection is closed|Command timed out|connect ECONNREFUSED|None of the sentinels|Failed to refresh slots cache|Cluster isn't ready|Too many Cluster redirections|CLUSTERDOWN|^TRYAGAIN|^BUSY|^LOADING|^READONLY|^MASTERDOWN|getaddrinfo|redis: not reachable|postgres: not reachable|Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Cannot use a pool after calling end/.test(
    error.message,
  );
}
