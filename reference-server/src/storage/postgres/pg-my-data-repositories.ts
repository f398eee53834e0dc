import type { CredentialStatusRepository } from '../credential-store.js';
import type {
  CorrectionRecord,
  CorrectionRepository,
  ForwardRecord,
  ForwardRepository,
  MyDataViewRecord,
  MyDataViewRepository,
} from '../my-data-store.js';
import { fromRow, fromRows } from '../row-fields.js';
import type { PgPool, Row } from './pg-sql.js';

export class PgCredentialStatusRepository implements CredentialStatusRepository {
  constructor(private readonly db: PgPool) {}

  async indexFor(issuerId: string, subjectKey: string, vct: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      // The issuer's counter row is locked first, so two requests for the same subject take turns:
      // the second finds the index the first handed out instead of taking a new one.
      await tx.changes(
        'INSERT INTO status_counters (issuer_id, next_index) VALUES ($1, 0) ON CONFLICT (issuer_id) DO NOTHING',
        [issuerId],
      );
      await tx.rows('SELECT next_index FROM status_counters WHERE issuer_id = $1 FOR UPDATE', [issuerId]);
      const existing = await tx.row<{ idx: number }>(
        'SELECT idx FROM status_entries WHERE issuer_id = $1 AND subject_key = $2 AND vct = $3',
        [issuerId, subjectKey, vct],
      );
      if (existing) return existing.idx;
      const { idx } = (await tx.row<{ idx: number }>(
        'UPDATE status_counters SET next_index = next_index + 1 WHERE issuer_id = $1 RETURNING next_index - 1 AS idx',
        [issuerId],
      ))!;
      await tx.changes('INSERT INTO status_entries (issuer_id, subject_key, vct, idx) VALUES ($1, $2, $3, $4)', [
        issuerId,
        subjectKey,
        vct,
        idx,
      ]);
      return idx;
    });
  }

  async revokeCurrent(issuerId: string, subjectKeys: readonly string[], vct: string): Promise<number[]> {
    if (subjectKeys.length === 0) return [];
    const rows = await this.db.rows<{ idx: number }>(
      `WITH gone AS (
         DELETE FROM status_entries WHERE issuer_id = $1 AND vct = $2 AND subject_key = ANY($3::text[]) RETURNING idx
       ), revoked AS (
         INSERT INTO status_revoked (issuer_id, idx) SELECT $1, idx FROM gone ON CONFLICT DO NOTHING
       )
       SELECT idx FROM gone ORDER BY idx`,
      [issuerId, vct, subjectKeys],
    );
    return rows.map((row) => row.idx);
  }

  async statusOf(issuerId: string): Promise<{ size: number; revoked: number[] }> {
    const counter = await this.db.row<{ next_index: number }>(
      'SELECT next_index FROM status_counters WHERE issuer_id = $1',
      [issuerId],
    );
    const revoked = await this.db.rows<{ idx: number }>(
      'SELECT idx FROM status_revoked WHERE issuer_id = $1 ORDER BY idx',
      [issuerId],
    );
    return { size: counter?.next_index ?? 0, revoked: revoked.map((row) => row.idx) };
  }
}

export class PgMyDataViewRepository implements MyDataViewRepository {
  constructor(private readonly db: PgPool) {}

  async insert(view: MyDataViewRecord): Promise<void> {
    await this.db.insert('my_data_views', view);
  }

  async open(
    tokenHash: string,
    secretHash: string,
    expiresAt: number,
    now: number,
  ): Promise<MyDataViewRecord | undefined> {
    return fromRow(
      await this.db.row(
        `UPDATE my_data_views SET secret_hash = $1, expires_at = $2
         WHERE token_hash = $3 AND secret_hash IS NULL AND token_expires_at > $4 RETURNING *`,
        [secretHash, expiresAt, tokenHash, now],
      ),
    );
  }

  async get(viewId: string): Promise<MyDataViewRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM my_data_views WHERE view_id = $1', [viewId]));
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db.changes(
      'DELETE FROM my_data_views WHERE expires_at <= $1 OR (secret_hash IS NULL AND token_expires_at <= $1)',
      [now],
    );
  }
}

export class PgCorrectionRepository implements CorrectionRepository {
  constructor(private readonly db: PgPool) {}

  async insert(correction: CorrectionRecord): Promise<void> {
    await this.db.insert('my_data_corrections', correction);
  }

  async get(correctionId: string): Promise<CorrectionRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM my_data_corrections WHERE correction_id = $1', [correctionId]));
  }

  async discardDraft(correctionId: string): Promise<void> {
    await this.db.changes("DELETE FROM my_data_corrections WHERE correction_id = $1 AND state = 'draft'", [
      correctionId,
    ]);
  }

  async submit(correctionId: string, userId: string, now: number, answerDueBy: number): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE my_data_corrections SET state = 'submitted', user_id = $1, submitted_at = $2, answer_due_by = $3
         WHERE correction_id = $4 AND state = 'draft' AND draft_expires_at > $2`,
        [userId, now, answerDueBy, correctionId],
      )) === 1
    );
  }

  async extend(correctionId: string, answerDueBy: number, answerSealed: string): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE my_data_corrections SET state = 'extended', answer_due_by = $1, answer_sealed = $2
         WHERE correction_id = $3 AND state = 'submitted'`,
        [answerDueBy, answerSealed, correctionId],
      )) === 1
    );
  }

  async answer(
    correctionId: string,
    state: 'accepted' | 'refused',
    answerSealed: string | null,
    now: number,
  ): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE my_data_corrections SET state = $1, answer_sealed = COALESCE($2, answer_sealed), answered_at = $3
         WHERE correction_id = $4 AND state IN ('submitted', 'extended')`,
        [state, answerSealed, now, correctionId],
      )) === 1
    );
  }

  async listForSubject(providerId: string, subjectKeys: readonly string[]): Promise<CorrectionRecord[]> {
    if (subjectKeys.length === 0) return [];
    return fromRows(
      await this.db.rows(
        `SELECT * FROM my_data_corrections WHERE provider_id = $1 AND state != 'draft'
           AND subject_key = ANY($2::text[]) ORDER BY submitted_at DESC NULLS LAST, correction_id COLLATE "C"`,
        [providerId, subjectKeys],
      ),
    );
  }

  async listForProvider(providerId: string): Promise<CorrectionRecord[]> {
    return fromRows(
      await this.db.rows(
        `SELECT * FROM my_data_corrections WHERE provider_id = $1 AND state != 'draft'
         ORDER BY submitted_at NULLS FIRST, correction_id COLLATE "C"`,
        [providerId],
      ),
    );
  }

  async deleteExpired(now: number, answeredBefore: number): Promise<number> {
    return this.db.changes(
      `DELETE FROM my_data_corrections
       WHERE (state = 'draft' AND draft_expires_at <= $1) OR (answered_at IS NOT NULL AND answered_at < $2)`,
      [now, answeredBefore],
    );
  }
}

interface ForwardRow extends Omit<ForwardRecord, 'fields'> {
  fields: string;
}
const forwardOf = (row: Row | undefined): ForwardRecord | undefined => {
  const mapped = fromRow<ForwardRow>(row);
  return mapped && { ...mapped, fields: JSON.parse(mapped.fields) as string[] };
};

export class PgForwardRepository implements ForwardRepository {
  constructor(private readonly db: PgPool) {}

  async insert(forward: ForwardRecord): Promise<void> {
    await this.db.insert('my_data_forwards', { ...forward, fields: JSON.stringify(forward.fields) });
  }

  async get(forwardId: string): Promise<ForwardRecord | undefined> {
    return forwardOf(await this.db.row('SELECT * FROM my_data_forwards WHERE forward_id = $1', [forwardId]));
  }

  async confirm(
    forwardId: string,
    confirmed: { credentialSealed: string; consentId: string; referenceId: string; expiresAt: number },
    now: number,
  ): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE my_data_forwards SET state = 'awaiting-delivery', credential_sealed = $1,
           consent_id = $2, reference_id = $3, expires_at = $4
         WHERE forward_id = $5 AND state = 'draft' AND expires_at > $6`,
        [confirmed.credentialSealed, confirmed.consentId, confirmed.referenceId, confirmed.expiresAt, forwardId, now],
      )) === 1
    );
  }

  async takeForDelivery(referenceId: string, now: number): Promise<ForwardRecord | undefined> {
    return forwardOf(
      await this.db.row(
        `DELETE FROM my_data_forwards WHERE reference_id = $1 AND state = 'awaiting-delivery' AND expires_at > $2
         RETURNING *`,
        [referenceId, now],
      ),
    );
  }

  async restore(forward: ForwardRecord): Promise<void> {
    await this.insert(forward);
  }

  async delete(forwardId: string): Promise<void> {
    await this.db.changes('DELETE FROM my_data_forwards WHERE forward_id = $1', [forwardId]);
  }

  async deleteExpired(now: number): Promise<string[]> {
    const rows = await this.db.rows<{ consent_id: string | null }>(
      'DELETE FROM my_data_forwards WHERE expires_at <= $1 RETURNING consent_id',
      [now],
    );
    return rows.flatMap((row) => (row.consent_id ? [row.consent_id] : []));
  }
}
