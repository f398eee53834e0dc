import type Database from 'better-sqlite3';
import type { FetchState } from '@regiekit/sdk/protocol';
import type { FetchChange, FetchRecord, FetchRepository } from '../fetch-store.js';
import { fromRow, insertRow, setClause } from './row-mapping.js';

type Row = Record<string, unknown>;
interface FetchRow extends Omit<FetchRecord, 'fields'> {
  fields: string;
}
const fetchOf = (row: Row | undefined): FetchRecord | undefined => {
  const mapped = fromRow<FetchRow>(row);
  return mapped && { ...mapped, fields: JSON.parse(mapped.fields) as string[] };
};

export class SqliteFetchRepository implements FetchRepository {
  private readonly select: Database.Statement<[string], Row>;
  private readonly selectBySourceToken: Database.Statement<[string, number], Row>;

  constructor(private readonly db: Database.Database) {
    this.select = db.prepare('SELECT * FROM data_fetches WHERE fetch_id = ?');
    this.selectBySourceToken = db.prepare('SELECT * FROM data_fetches WHERE source_token_hash = ? AND expires_at > ?');
  }

  async insert(fetch: FetchRecord): Promise<void> {
    insertRow(this.db, 'data_fetches', { ...fetch, fields: JSON.stringify(fetch.fields) });
  }

  async get(fetchId: string): Promise<FetchRecord | undefined> {
    return fetchOf(this.select.get(fetchId));
  }

  async bySourceToken(tokenHash: string, now: number): Promise<FetchRecord | undefined> {
    return fetchOf(this.selectBySourceToken.get(tokenHash, now));
  }

  async transition(
    fetchId: string,
    from: FetchState[],
    change: FetchChange,
    now: number,
  ): Promise<FetchRecord | undefined> {
    // Read and write in one transaction that takes the write lock first: of two requests at once, one wins.
    return this.db
      .transaction(() => {
        const before = fetchOf(this.select.get(fetchId));
        if (!before || !from.includes(before.state) || before.expiresAt <= now) return undefined;
        this.db.prepare(`UPDATE data_fetches SET ${setClause(change)} WHERE fetch_id = @fetchId`).run({
          ...change,
          fetchId,
        });
        return before;
      })
      .immediate();
  }

  async delete(fetchId: string): Promise<void> {
    this.db.prepare('DELETE FROM data_fetches WHERE fetch_id = ?').run(fetchId);
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db.prepare('DELETE FROM data_fetches WHERE expires_at <= ?').run(now).changes;
  }
}
