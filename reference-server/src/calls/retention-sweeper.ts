import type { Logger } from 'pino';
import type { Store } from '../storage/store.js';
import { systemClock, type Clock } from './tenant-context.js';

export interface RetentionSweeperOptions {
  store: Store;
  tenantIds: readonly string[];
  logger: Logger;
  clock?: Clock;
  intervalMs?: number;
}

/** Deletes every call record past its `deleteAt` in every tenant; returns how many went. */
export function sweepExpiredCalls(store: Store, tenantIds: readonly string[], now: number, logger: Logger): number {
  let deleted = 0;
  for (const tenantId of tenantIds) {
    const ids = store.forTenant(tenantId).calls.deleteExpired(now);
    deleted += ids.length;
    if (ids.length > 0) logger.info({ tenant: tenantId, count: ids.length }, 'expired call data deleted');
  }
  return deleted;
}

/**
 * The backstop behind "nothing of a caller outlives its retention time": runs
 * even when no end event ever comes.
 */
export function startRetentionSweeper(options: RetentionSweeperOptions): { stop(): void } {
  const clock = options.clock ?? systemClock;
  const timer = setInterval(() => sweepExpiredCalls(options.store, options.tenantIds, clock.now(), options.logger), options.intervalMs ?? 30_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
