import type { Logger } from 'pino';
import type { Store } from '../storage/store.js';

/**
 * Deletes every call record past its `deleteAt` in every tenant; returns how
 * many went. `onDeleted` lets consoles drop the calls and the audit log record it.
 */
export async function sweepExpiredCalls(
  store: Store,
  tenantIds: readonly string[],
  now: number,
  logger: Logger,
  onDeleted: (tenantId: string, callIds: string[]) => Promise<void> = async () => undefined,
): Promise<number> {
  let deleted = 0;
  for (const tenantId of tenantIds) {
    const ids = await store.forTenant(tenantId).calls.deleteExpired(now);
    deleted += ids.length;
    if (ids.length > 0) {
      logger.info({ tenant: tenantId, count: ids.length }, 'expired call data deleted');
      await onDeleted(tenantId, ids);
    }
  }
  return deleted;
}

/**
 * The backstop behind "nothing of a caller outlives its retention time": runs
 * even when no end event ever comes. Every 30 s, so data goes at most that late.
 */
export function startRetentionSweeper(sweep: () => unknown, intervalMs = 30_000): { stop(): void } {
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
