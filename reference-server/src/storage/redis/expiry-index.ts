import type { Effect, Keyspace } from './redis-keyspace.js';

/**
 * The sorted set that sweeps records living until an `expiresAt`: each record
 * sits under its own key with a backstop TTL (Redis deletes it if the sweeper
 * never comes), and its member here scored by expiry (the sweeper deletes it
 * on time, with the index entries that point at it). User sessions, connect
 * tokens and requests, and the short-lived OAuth records are kept this way.
 */
export class ExpiryIndex {
  constructor(
    private readonly space: Keyspace,
    /** The sorted set's key. */
    readonly key: string,
  ) {}

  /** The effects that give a new record its TTL and its place in the index, in the insert's atomic step. */
  added(recordKey: string, member: string, expiresAt: number, ttlMs: number): Effect[] {
    return [
      ['PEXPIRE', recordKey, ttlMs],
      ['ZADD', this.key, expiresAt, member],
    ];
  }

  /** The effect that moves a record whose expiry changed. */
  moved(member: string, expiresAt: number): Effect {
    return ['ZADD', this.key, expiresAt, member];
  }

  /** The effect that drops a record's member when the record goes. */
  removed(member: string): Effect {
    return ['ZREM', this.key, member];
  }

  /**
   * Deletes what is due by `due`: `take` deletes one member's record (with
   * its own conditions and index entries) and says whether it did; the member
   * leaves the index either way. Resolves to how many records went.
   */
  async sweep(due: number, take: (member: string) => Promise<boolean>): Promise<number> {
    let deleted = 0;
    for (const member of await this.space.due(this.key, due)) {
      if (await take(member)) deleted += 1;
      await this.space.client.zrem(this.key, member);
    }
    return deleted;
  }
}
