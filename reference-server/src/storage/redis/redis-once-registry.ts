import type { OnceRegistry } from '../../shared/once-registry.js';
import type { RedisClient } from './redis-keyspace.js';

const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;

/** One-time values shared by every instance: `SET NX` with the value's own lifetime as TTL. */
export class RedisOnceRegistry implements OnceRegistry {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  async firstUse(key: string, expiresAt: number): Promise<boolean> {
    // Kept a few minutes past expiry: an instance whose clock runs behind still knows the value.
    const ttl = Math.max(expiresAt - Date.now(), 0) + CLOCK_SKEW_MARGIN_MS;
    return (await this.client.set(`${this.prefix}:once:${key}`, '1', 'PX', ttl, 'NX')) === 'OK';
  }
}
