import { redisFootprint, type RedisFootprint } from './bench-redis.js';
import { disclosedCalls, type DisclosedCall } from './citizen-http.js';
import type { BenchServer, MemoryReport } from './server-process.js';

/** What one live (disclosed, not yet called) session costs, from the growth while `count` were added. */
export interface SessionCost {
  count: number;
  /** Right after loading: includes request state that is still on its way out. */
  heapBytesAtOnce: number;
  /** SETTLE_MS later: what the sessions themselves keep in the server process. */
  heapBytes: number;
  /** The process's RSS before and SETTLE_MS after: per session it drowns in V8 committing and releasing pages. */
  rssBefore: number;
  rssAfter: number;
  /** SQLite: the database file after a checkpoint. */
  sqliteBytes?: number;
  /** Redis: `INFO memory` used_memory, the whole server. */
  redisUsedMemory?: number;
  /** Redis: `MEMORY USAGE` summed over the prefix's keys. */
  redisKeyBytes?: number;
  redisKeys?: number;
}

/**
 * Longer than the IRMA client's request timeout (8 s): each request to the
 * IRMA server keeps an AbortSignal.timeout, and what it holds, that long.
 */
const SETTLE_MS = 9000;

/**
 * Fills the store with `count` disclosed calls through the HTTP API and says
 * what they cost. Memory is read after a full GC before and after; the heap
 * is the server process's only (the load generator runs elsewhere). The
 * warm-up before must have been longer than SETTLE_MS ago, or its leftovers
 * would be subtracted from the sessions.
 */
export async function addLiveSessions(
  server: BenchServer,
  count: number,
  redis?: { url: string; prefix: string },
): Promise<{ calls: DisclosedCall[]; cost: SessionCost }> {
  const before = await measure(server, redis);
  const calls = await disclosedCalls(server.origin, count);
  const atOnce = await server.memory();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const after = await measure(server, redis);
  const per = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : (a - b) / count;
  return {
    calls,
    cost: {
      count,
      heapBytesAtOnce: per(atOnce.heapUsed, before.memory.heapUsed)!,
      heapBytes: per(after.memory.heapUsed, before.memory.heapUsed)!,
      rssBefore: before.memory.rss,
      rssAfter: after.memory.rss,
      sqliteBytes: per(after.memory.sqliteBytes, before.memory.sqliteBytes),
      redisUsedMemory: per(after.redis?.usedMemory, before.redis?.usedMemory),
      redisKeyBytes: per(after.redis?.keyBytes, before.redis?.keyBytes),
      redisKeys: per(after.redis?.keys, before.redis?.keys),
    },
  };
}

async function measure(
  server: BenchServer,
  redis: { url: string; prefix: string } | undefined,
): Promise<{ memory: MemoryReport; redis?: RedisFootprint }> {
  return { memory: await server.memory(), ...(redis && { redis: await redisFootprint(redis.url, redis.prefix) }) };
}
