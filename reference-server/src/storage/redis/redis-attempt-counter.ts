import { createHmac } from 'node:crypto';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { AttemptCounter, AttemptCounters } from '../../shared/attempt-counter.js';
import type { RedisClient } from './redis-keyspace.js';

/** More than any limit we set: the counter only counts, the callers decide what is too many. */
const NO_CEILING = 1_000_000_000;

/**
 * Attempt counters every instance shares, as fixed windows in Redis
 * (rate-limiter-flexible): a guesser gets each limit once for the whole
 * service, not once per instance.
 */
export class RedisAttemptCounter implements AttemptCounter {
  /**
   * Counters under `<prefix>:limits:<name>`. What is counted (a caller's phone
   * number, a client's address) goes into the key only as a keyed hash.
   */
  static factory(client: RedisClient, prefix: string, hashKey: Buffer): AttemptCounters {
    return (name, windowMs) => new RedisAttemptCounter(client, `${prefix}:limits:${name}`, windowMs, hashKey);
  }

  private readonly limiter: RateLimiterRedis;

  constructor(
    private readonly client: RedisClient,
    keyPrefix: string,
    windowMs: number,
    private readonly hashKey: Buffer,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: client,
      keyPrefix,
      points: NO_CEILING,
      duration: Math.max(1, Math.round(windowMs / 1000)),
    });
  }

  async count(key: string): Promise<number> {
    // A plain GET of the window's count (rate-limiter-flexible keeps it as an integer that expires with
    // the window) rather than the library's MULTI of GET and PTTL: a transaction cannot share a write with
    // the other commands of a resolve, and the time left is not needed to count.
    const count = await this.client.get(this.limiter.getKey(this.hidden(key)));
    return count === null ? 0 : Number(count);
  }

  async add(key: string): Promise<number> {
    return (await this.limiter.penalty(this.hidden(key), 1)).consumedPoints;
  }

  async resetsIn(key: string): Promise<number> {
    return (await this.limiter.get(this.hidden(key)))?.msBeforeNext ?? 0;
  }

  private hidden(key: string): string {
    return createHmac('sha256', this.hashKey).update(key).digest('base64url');
  }
}
