import { createHmac } from 'node:crypto';
import type { AttemptCounter, AttemptCounters } from '../../shared/attempt-counter.js';
import type { PgPool } from './pg-sql.js';

/** Windows that closed this long ago are deleted now and then, so the table holds only recent keys. */
const PRUNE_EVERY = 500;

/**
 * Attempt counters every instance shares, as fixed windows in one table of
 * the shared schema: a guesser gets each limit once for the whole service,
 * not once per instance. Counting is one upsert, so two instances counting
 * the same key at once both count. What is counted (a caller's phone number,
 * a client's address) is kept only as a keyed hash.
 */
export class PgAttemptCounter implements AttemptCounter {
  static factory(db: PgPool, hashKey: Buffer, clock: () => number = Date.now): AttemptCounters {
    let added = 0;
    const prune = () => {
      if (++added % PRUNE_EVERY === 0)
        void db.changes('DELETE FROM attempt_counters WHERE window_ends <= $1', [clock()]).catch(() => undefined);
    };
    return (name, windowMs) => new PgAttemptCounter(db, name, windowMs, hashKey, clock, prune);
  }

  constructor(
    private readonly db: PgPool,
    private readonly name: string,
    private readonly windowMs: number,
    private readonly hashKey: Buffer,
    private readonly clock: () => number,
    private readonly afterAdd: () => void,
  ) {}

  async count(key: string): Promise<number> {
    const row = await this.db.row<{ count: number }>(
      'SELECT count FROM attempt_counters WHERE key = $1 AND window_ends > $2',
      [this.hidden(key), this.clock()],
    );
    return row?.count ?? 0;
  }

  async add(key: string): Promise<number> {
    const now = this.clock();
    const row = await this.db.row<{ count: number }>(
      `INSERT INTO attempt_counters AS c (key, count, window_ends) VALUES ($1, 1, $2::bigint + $3::bigint)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN c.window_ends <= $2 THEN 1 ELSE c.count + 1 END,
         window_ends = CASE WHEN c.window_ends <= $2 THEN $2::bigint + $3::bigint ELSE c.window_ends END
       RETURNING count`,
      [this.hidden(key), now, this.windowMs],
    );
    this.afterAdd();
    return row!.count;
  }

  async resetsIn(key: string): Promise<number> {
    const row = await this.db.row<{ window_ends: number }>('SELECT window_ends FROM attempt_counters WHERE key = $1', [
      this.hidden(key),
    ]);
    return row ? Math.max(0, row.window_ends - this.clock()) : 0;
  }

  /** The counter's name and the key, as a keyed hash: keys of different counters never meet. */
  private hidden(key: string): string {
    return createHmac('sha256', this.hashKey).update(`${this.name}\n${key}`).digest('base64url');
  }
}
