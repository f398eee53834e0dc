import type { Clock } from './clock.js';

/**
 * Counts events per key in fixed windows: DTMF guessing limits, login and
 * connect-token throttling. Several instances must share the counts, or an
 * attacker would get each limit once per instance: the Redis engine provides
 * a shared counter (storage/redis/redis-attempt-counter.ts).
 */
export interface AttemptCounter {
  count(key: string): Promise<number>;
  /** Counts one more event; returns the count in the current window. */
  add(key: string): Promise<number>;
  /** Milliseconds until the current window of `key` closes (0 when none is open). */
  resetsIn(key: string): Promise<number>;
}

/** Makes a counter with its own name (keys of different counters never meet) and window. */
export type AttemptCounters = (name: string, windowMs: number) => AttemptCounter;

/** Counts in this process, on the given clock (tests move it by hand). */
export class MemoryAttemptCounter implements AttemptCounter {
  private readonly counts = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  async count(key: string): Promise<number> {
    const entry = this.counts.get(key);
    return entry && this.clock.now() - entry.windowStart < this.windowMs ? entry.count : 0;
  }

  async add(key: string): Promise<number> {
    const now = this.clock.now();
    const entry = this.counts.get(key);
    const next =
      entry && now - entry.windowStart < this.windowMs
        ? { count: entry.count + 1, windowStart: entry.windowStart }
        : { count: 1, windowStart: now };
    this.counts.set(key, next);
    if (this.counts.size > 50_000) this.prune(now);
    return next.count;
  }

  async resetsIn(key: string): Promise<number> {
    const entry = this.counts.get(key);
    return entry ? Math.max(0, entry.windowStart + this.windowMs - this.clock.now()) : 0;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.counts) if (now - entry.windowStart >= this.windowMs) this.counts.delete(key);
  }
}

export const memoryAttemptCounters =
  (clock: Clock): AttemptCounters =>
  (_name, windowMs) =>
    new MemoryAttemptCounter(windowMs, clock);
