import type { OnceRegistry } from '../../shared/once-registry.js';
import type { RedisClient } from './redis-keyspace.js';

/** One-time values shared by every instance: `SET NX` with the value's own lifetime as TTL. */
export class RedisOnceRegistry implements OnceRegistry {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  async firstUse(key: string, expiresAt: number): Promise<boolean> {
    const ttl = Math.max(expiresAt - Date.now(), 1000);
    return (await this.client.set(`${this.prefix}:once:${key}`, '1', 'PX', ttl, 'NX')) === 'OK';
  }
}
