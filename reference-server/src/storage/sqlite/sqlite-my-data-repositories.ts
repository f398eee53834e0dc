import type Database from 'better-sqlite3';
import type { CredentialStatusRepository } from '../credential-store.js';
import type {
  CorrectionRecord,
  CorrectionRepository,
  ForwardRecord,
  ForwardRepository,
  MyDataViewRecord,
  MyDataViewRepository,
} from '../my-data-store.js';
import { fromRow, fromRows, insertRow } from './row-mapping.js';

type Row = Record<string, unknown>;
const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

export class SqliteCredentialStatusRepository implements CredentialStatusRepository {
  constructor(private readonly db: Database.Database) {}

  async indexFor(issuerId: string, subjectKey: string, vct: string): Promise<number> {
    return this.db
      .transaction(() => {
        const existing = this.db
          .prepare<[string, string, string], { idx: number }>(
            'SELECT idx FROM status_entries WHERE issuer_id = ? AND subject_key = ? AND vct = ?',
          )
          .get(issuerId, subjectKey, vct);
        if (existing) return existing.idx;
        const { next_index: idx } = this.db
          .prepare<[string], { next_index: number }>(
            `INSERT INTO status_counters (issuer_id, next_index) VALUES (?, 1)
             ON CONFLICT (issuer_id) DO UPDATE SET next_index = next_index + 1 RETURNING next_index - 1 AS next_index`,
          )
          .get(issuerId)!;
        this.db
          .prepare('INSERT INTO status_entries (issuer_id, subject_key, vct, idx) VALUES (?, ?, ?, ?)')
          .run(issuerId, subjectKey, vct, idx);
        return idx;
      })
      .immediate();
  }

  async revokeCurrent(issuerId: string, subjectKeys: readonly string[], vct: string): Promise<number[]> {
    if (subjectKeys.length === 0) return [];
    return this.db
      .transaction(() => {
        const rows = this.db
          .prepare<unknown[], { idx: number }>(
            `DELETE FROM status_entries WHERE issuer_id = ? AND vct = ? AND subject_key IN (${placeholders(subjectKeys.length)}) RETURNING idx`,
          )
          .all(issuerId, vct, ...subjectKeys);
        const revoke = this.db.prepare('INSERT OR IGNORE INTO status_revoked (issuer_id, idx) VALUES (?, ?)');
        for (const { idx } of rows) revoke.run(issuerId, idx);
        return rows.map((row) => row.idx).sort((a, b) => a - b);
      })
      .immediate();
  }

  async statusOf(issuerId: string): Promise<{ size: number; revoked: number[] }> {
    const counter = this.db
      .prepare<[string], { next_index: number }>('SELECT next_index FROM status_counters WHERE issuer_id = ?')
      .get(issuerId);
    const revoked = this.db
      .prepare<[string], { idx: number }>('SELECT idx FROM status_revoked WHERE issuer_id = ? ORDER BY idx')
      .all(issuerId);
    return { size: counter?.next_index ?? 0, revoked: revoked.map((row) => row.idx) };
  }
}

export class SqliteMyDataViewRepository implements MyDataViewRepository {
  constructor(private readonly db: Database.Database) {}

  async insert(view: MyDataViewRecord): Promise<void> {
    insertRow(this.db, 'my_data_views', view);
  }

  async open(
    tokenHash: string,
    secretHash: string,
    expiresAt: number,
    now: number,
  ): Promise<MyDataViewRecord | undefined> {
    return fromRow(
      this.db
        .prepare<unknown[], Row>(
          `UPDATE my_data_views SET secret_hash = ?, expires_at = ?
           WHERE token_hash = ? AND secret_hash IS NULL AND token_expires_at > ? RETURNING *`,
        )
        .get(secretHash, expiresAt, tokenHash, now),
    );
  }

  async get(viewId: string): Promise<MyDataViewRecord | undefined> {
    return fromRow(this.db.prepare<[string], Row>('SELECT * FROM my_data_views WHERE view_id = ?').get(viewId));
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db
      .prepare('DELETE FROM my_data_views WHERE expires_at <= ? OR (secret_hash IS NULL AND token_expires_at <= ?)')
      .run(now, now).changes;
  }
}

export class SqliteCorrectionRepository implements CorrectionRepository {
  constructor(private readonly db: Database.Database) {}

  async insert(correction: CorrectionRecord): Promise<void> {
    insertRow(this.db, 'my_data_corrections', correction);
  }

  async get(correctionId: string): Promise<CorrectionRecord | undefined> {
    return fromRow(
      this.db.prepare<[string], Row>('SELECT * FROM my_data_corrections WHERE correction_id = ?').get(correctionId),
    );
  }

  async discardDraft(correctionId: string): Promise<void> {
    this.db.prepare("DELETE FROM my_data_corrections WHERE correction_id = ? AND state = 'draft'").run(correctionId);
  }

  async submit(correctionId: string, userId: string, now: number, answerDueBy: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE my_data_corrections SET state = 'submitted', user_id = ?, submitted_at = ?, answer_due_by = ?
           WHERE correction_id = ? AND state = 'draft' AND draft_expires_at > ?`,
        )
        .run(userId, now, answerDueBy, correctionId, now).changes === 1
    );
  }

  async extend(correctionId: string, answerDueBy: number, answerSealed: string): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE my_data_corrections SET state = 'extended', answer_due_by = ?, answer_sealed = ?
           WHERE correction_id = ? AND state = 'submitted'`,
        )
        .run(answerDueBy, answerSealed, correctionId).changes === 1
    );
  }

  async answer(
    correctionId: string,
    state: 'accepted' | 'refused',
    answerSealed: string | null,
    now: number,
  ): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE my_data_corrections SET state = ?, answer_sealed = COALESCE(?, answer_sealed), answered_at = ?
           WHERE correction_id = ? AND state IN ('submitted', 'extended')`,
        )
        .run(state, answerSealed, now, correctionId).changes === 1
    );
  }

  async listForSubject(providerId: string, subjectKeys: readonly string[]): Promise<CorrectionRecord[]> {
    if (subjectKeys.length === 0) return [];
    return fromRows(
      this.db
        .prepare<unknown[], Row>(
          `SELECT * FROM my_data_corrections WHERE provider_id = ? AND state != 'draft'
             AND subject_key IN (${placeholders(subjectKeys.length)}) ORDER BY submitted_at DESC, correction_id`,
        )
        .all(providerId, ...subjectKeys),
    );
  }

  async listForProvider(providerId: string): Promise<CorrectionRecord[]> {
    return fromRows(
      this.db
        .prepare<[string], Row>(
          `SELECT * FROM my_data_corrections WHERE provider_id = ? AND state != 'draft'
           ORDER BY submitted_at, correction_id`,
        )
        .all(providerId),
    );
  }

  async deleteExpired(now: number, answeredBefore: number): Promise<number> {
    return this.db
      .prepare(
        `DELETE FROM my_data_corrections
         WHERE (state = 'draft' AND draft_expires_at <= ?) OR (answered_at IS NOT NULL AND answered_at < ?)`,
      )
      .run(now, answeredBefore).changes;
  }
}

interface ForwardRow extends Omit<ForwardRecord, 'fields'> {
  fields: string;
}
const forwardOf = (row: ForwardRow | undefined): ForwardRecord | undefined =>
  row && { ...row, fields: JSON.parse(row.fields) as string[] };

export class SqliteForwardRepository implements ForwardRepository {
  constructor(private readonly db: Database.Database) {}

  async insert(forward: ForwardRecord): Promise<void> {
    insertRow(this.db, 'my_data_forwards', { ...forward, fields: JSON.stringify(forward.fields) });
  }

  async get(forwardId: string): Promise<ForwardRecord | undefined> {
    return forwardOf(
      fromRow<ForwardRow>(
        this.db.prepare<[string], Row>('SELECT * FROM my_data_forwards WHERE forward_id = ?').get(forwardId),
      ),
    );
  }

  async confirm(
    forwardId: string,
    confirmed: { credentialSealed: string; consentId: string; referenceId: string; expiresAt: number },
    now: number,
  ): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE my_data_forwards SET state = 'awaiting-delivery', credential_sealed = @credentialSealed,
             consent_id = @consentId, reference_id = @referenceId, expires_at = @expiresAt
           WHERE forward_id = @forwardId AND state = 'draft' AND expires_at > @now`,
        )
        .run({ ...confirmed, forwardId, now }).changes === 1
    );
  }

  async takeForDelivery(referenceId: string, now: number): Promise<ForwardRecord | undefined> {
    return forwardOf(
      fromRow<ForwardRow>(
        this.db
          .prepare<[string, number], Row>(
            `DELETE FROM my_data_forwards WHERE reference_id = ? AND state = 'awaiting-delivery' AND expires_at > ?
             RETURNING *`,
          )
          .get(referenceId, now),
      ),
    );
  }

  async restore(forward: ForwardRecord): Promise<void> {
    await this.insert(forward);
  }

  async delete(forwardId: string): Promise<void> {
    this.db.prepare('DELETE FROM my_data_forwards WHERE forward_id = ?').run(forwardId);
  }

  async deleteExpired(now: number): Promise<string[]> {
    return this.db
      .prepare<[number], { consent_id: string | null }>(
        'DELETE FROM my_data_forwards WHERE expires_at <= ? RETURNING consent_id',
      )
      .all(now)
      .flatMap((row) => (row.consent_id ? [row.consent_id] : []));
  }
}
