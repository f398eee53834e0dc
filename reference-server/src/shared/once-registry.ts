import type { Clock } from './clock.js';

/**
 * Remembers one-time values (assertion ids, `jti`) until they expire, so each
 * is accepted once across every instance: in memory for one process, in
 * Redis when several share the work (storage/redis/redis-once-registry.ts).
 */
export interface OnceRegistry {
  /** True the first time `key` is seen before `expiresAt`; false for a replay. */
  firstUse(key: string, expiresAt: number): Promise<boolean>;
}

export class MemoryOnceRegistry implements OnceRegistry {
  private readonly seen = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  async firstUse(key: string, expiresAt: number): Promise<boolean> {
    const now = this.clock.now();
    if (this.seen.size > 10_000) for (const [k, until] of this.seen) if (until <= now) this.seen.delete(k);
    if ((this.seen.get(key) ?? 0) > now) return false;
    this.seen.set(key, expiresAt);
    return true;
  }
}
