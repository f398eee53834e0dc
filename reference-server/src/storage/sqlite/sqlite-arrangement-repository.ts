import type Database from 'better-sqlite3';
import type { ArrangementPatch, ArrangementRecord, ArrangementRepository } from '../arrangement-store.js';
import { fromRow, fromRows, insertRow, setClause } from './row-mapping.js';

type Row = Record<string, unknown>;

export class SqliteArrangementRepository implements ArrangementRepository {
  constructor(private readonly db: Database.Database) {}

  async insert(record: ArrangementRecord): Promise<void> {
    insertRow(this.db, 'arrangements', record);
  }

  async get(arrangementId: string): Promise<ArrangementRecord | undefined> {
    return fromRow(
      this.db.prepare<[string], Row>('SELECT * FROM arrangements WHERE arrangement_id = ?').get(arrangementId),
    );
  }

  async byFlow(flowId: string): Promise<ArrangementRecord | undefined> {
    return fromRow(this.db.prepare<[string], Row>('SELECT * FROM arrangements WHERE flow_id = ?').get(flowId));
  }

  async listForProvider(providerId: string): Promise<ArrangementRecord[]> {
    return fromRows(
      this.db
        .prepare<[string], Row>(
          "SELECT * FROM arrangements WHERE provider_id = ? AND state != 'draft' ORDER BY created_at, arrangement_id",
        )
        .all(providerId),
    );
  }

  async listForUser(userId: string): Promise<ArrangementRecord[]> {
    return fromRows(
      this.db
        .prepare<[string], Row>('SELECT * FROM arrangements WHERE user_id = ? ORDER BY created_at, arrangement_id')
        .all(userId),
    );
  }

  async update(
    arrangementId: string,
    version: number,
    patch: ArrangementPatch,
  ): Promise<ArrangementRecord | undefined> {
    const set = setClause(patch);
    return fromRow(
      this.db
        .prepare<[Row], Row>(
          `UPDATE arrangements SET ${set ? `${set}, ` : ''}version = version + 1
           WHERE arrangement_id = @arrangementId AND version = @expectedVersion RETURNING *`,
        )
        .get({ ...patch, arrangementId, expectedVersion: version }),
    );
  }

  async claimOpen(connectionId: string, arrangementId: string): Promise<boolean> {
    return (
      this.db
        .prepare('INSERT INTO arrangement_open (connection_id, arrangement_id) VALUES (?, ?) ON CONFLICT DO NOTHING')
        .run(connectionId, arrangementId).changes === 1
    );
  }

  async releaseOpen(connectionId: string, arrangementId: string): Promise<void> {
    this.db
      .prepare('DELETE FROM arrangement_open WHERE connection_id = ? AND arrangement_id = ?')
      .run(connectionId, arrangementId);
  }

  async openFor(connectionId: string): Promise<string | undefined> {
    return this.db
      .prepare<[string], { arrangement_id: string }>(
        'SELECT arrangement_id FROM arrangement_open WHERE connection_id = ?',
      )
      .get(connectionId)?.arrangement_id;
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db
      .transaction(() => {
        this.db
          .prepare(
            'DELETE FROM arrangement_open WHERE arrangement_id IN (SELECT arrangement_id FROM arrangements WHERE delete_at <= ?)',
          )
          .run(now);
        return this.db.prepare('DELETE FROM arrangements WHERE delete_at <= ?').run(now).changes;
      })
      .immediate();
  }
}
