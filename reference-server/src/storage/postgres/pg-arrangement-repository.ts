import type { ArrangementPatch, ArrangementRecord, ArrangementRepository } from '../arrangement-store.js';
import { fromRow, fromRows } from '../row-fields.js';
import { setClause, type PgPool } from './pg-sql.js';

export class PgArrangementRepository implements ArrangementRepository {
  constructor(private readonly db: PgPool) {}

  async insert(record: ArrangementRecord): Promise<void> {
    await this.db.insert('arrangements', record);
  }

  async get(arrangementId: string): Promise<ArrangementRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM arrangements WHERE arrangement_id = $1', [arrangementId]));
  }

  async byFlow(flowId: string): Promise<ArrangementRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM arrangements WHERE flow_id = $1', [flowId]));
  }

  async listForProvider(providerId: string): Promise<ArrangementRecord[]> {
    return fromRows(
      await this.db.rows(
        `SELECT * FROM arrangements WHERE provider_id = $1 AND state != 'draft' ORDER BY created_at, arrangement_id COLLATE "C"`,
        [providerId],
      ),
    );
  }

  async listForUser(userId: string): Promise<ArrangementRecord[]> {
    return fromRows(
      await this.db.rows(
        'SELECT * FROM arrangements WHERE user_id = $1 ORDER BY created_at, arrangement_id COLLATE "C"',
        [userId],
      ),
    );
  }

  async update(
    arrangementId: string,
    version: number,
    patch: ArrangementPatch,
  ): Promise<ArrangementRecord | undefined> {
    // The version names the state the change was decided on: a change decided on an older one changes nothing.
    const set = setClause(patch, 3);
    return fromRow(
      await this.db.row(
        `UPDATE arrangements SET ${set ? `${set}, ` : ''}version = version + 1
         WHERE arrangement_id = $1 AND version = $2 RETURNING *`,
        [arrangementId, version, ...Object.values(patch)],
      ),
    );
  }

  async claimOpen(connectionId: string, arrangementId: string): Promise<boolean> {
    return (
      (await this.db.changes(
        'INSERT INTO arrangement_open (connection_id, arrangement_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [connectionId, arrangementId],
      )) === 1
    );
  }

  async releaseOpen(connectionId: string, arrangementId: string): Promise<void> {
    await this.db.changes('DELETE FROM arrangement_open WHERE connection_id = $1 AND arrangement_id = $2', [
      connectionId,
      arrangementId,
    ]);
  }

  async openFor(connectionId: string): Promise<string | undefined> {
    return (
      await this.db.row<{ arrangement_id: string }>(
        'SELECT arrangement_id FROM arrangement_open WHERE connection_id = $1',
        [connectionId],
      )
    )?.arrangement_id;
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.changes(
        'DELETE FROM arrangement_open WHERE arrangement_id IN (SELECT arrangement_id FROM arrangements WHERE delete_at <= $1)',
        [now],
      );
      return tx.changes('DELETE FROM arrangements WHERE delete_at <= $1', [now]);
    });
  }
}
