import type { FetchState } from '@regiekit/sdk/protocol';
import type { FetchChange, FetchRecord, FetchRepository } from '../fetch-store.js';
import { fromRow } from '../row-fields.js';
import { setClause, type PgPool, type Row } from './pg-sql.js';

interface FetchRow extends Omit<FetchRecord, 'fields'> {
  fields: string;
}
const fetchOf = (row: Row | undefined): FetchRecord | undefined => {
  const mapped = fromRow<FetchRow>(row);
  return mapped && { ...mapped, fields: JSON.parse(mapped.fields) as string[] };
};

export class PgFetchRepository implements FetchRepository {
  constructor(private readonly db: PgPool) {}

  async insert(fetch: FetchRecord): Promise<void> {
    await this.db.insert('data_fetches', { ...fetch, fields: JSON.stringify(fetch.fields) });
  }

  async get(fetchId: string): Promise<FetchRecord | undefined> {
    return fetchOf(await this.db.row('SELECT * FROM data_fetches WHERE fetch_id = $1', [fetchId]));
  }

  async bySourceToken(tokenHash: string, now: number): Promise<FetchRecord | undefined> {
    return fetchOf(
      await this.db.row('SELECT * FROM data_fetches WHERE source_token_hash = $1 AND expires_at > $2', [
        tokenHash,
        now,
      ]),
    );
  }

  async transition(
    fetchId: string,
    from: FetchState[],
    change: FetchChange,
    now: number,
  ): Promise<FetchRecord | undefined> {
    // The row is read under a lock and changed in the same transaction: of two requests at once, one wins.
    return this.db.transaction(async (tx) => {
      const before = fetchOf(await tx.row('SELECT * FROM data_fetches WHERE fetch_id = $1 FOR UPDATE', [fetchId]));
      if (!before || !from.includes(before.state) || before.expiresAt <= now) return undefined;
      if (Object.keys(change).length > 0)
        await tx.changes(`UPDATE data_fetches SET ${setClause(change, 2)} WHERE fetch_id = $1`, [
          fetchId,
          ...Object.values(change),
        ]);
      return before;
    });
  }

  async delete(fetchId: string): Promise<void> {
    await this.db.changes('DELETE FROM data_fetches WHERE fetch_id = $1', [fetchId]);
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db.changes('DELETE FROM data_fetches WHERE expires_at <= $1', [now]);
  }
}
