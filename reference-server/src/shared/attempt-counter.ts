import type { Clock } from '../tenants/tenant-context.js';

/**
 * Counts events per key in fixed windows. Used for DTMF guessing limits and
 * login throttling; it lives in this process (the Redis engine will share it).
 */
export class AttemptCounter {
  private readonly counts = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  count(key: string): number {
    const entry = this.counts.get(key);
    return entry && this.clock.now() - entry.windowStart < this.windowMs ? entry.count : 0;
  }

  add(key: string): number {
    const now = this.clock.now();
    const entry = this.counts.get(key);
    const next = entry && now - entry.windowStart < this.windowMs ? { count: entry.count + 1, windowStart: entry.windowStart } : { count: 1, windowStart: now };
    this.counts.set(key, next);
    if (this.counts.size > 50_000) this.prune(now);
    return next.count;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.counts) if (now - entry.windowStart >= this.windowMs) this.counts.delete(key);
  }
}
