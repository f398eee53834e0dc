import type Database from 'better-sqlite3';
import type { CallRecord, CallRepository, NewCallRecord } from '../call-store.js';

interface CallRow {
  call_id: string;
  purpose: string;
  status: CallRecord['status'];
  call_token_hash: string;
  code_hash: string | null;
  code_sealed_for_citizen: string | null;
  code_expires_at: number;
  irma_token_sealed: string | null;
  attributes_sealed: string | null;
  switchboard_call_id: string | null;
  caller_id_sealed: string | null;
  created_at: number;
  disclosed_at: number | null;
  called_at: number | null;
  taken_by: string | null;
  taken_by_name: string | null;
  taken_at: number | null;
  delete_at: number;
}

function toRecord(row: CallRow): CallRecord {
  return {
    callId: row.call_id,
    purpose: row.purpose,
    status: row.status,
    callTokenHash: row.call_token_hash,
    codeHash: row.code_hash,
    codeSealedForCitizen: row.code_sealed_for_citizen,
    codeExpiresAt: row.code_expires_at,
    irmaTokenSealed: row.irma_token_sealed,
    attributesSealed: row.attributes_sealed,
    switchboardCallId: row.switchboard_call_id,
    callerIdSealed: row.caller_id_sealed,
    createdAt: row.created_at,
    disclosedAt: row.disclosed_at,
    calledAt: row.called_at,
    takenBy: row.taken_by,
    takenByName: row.taken_by_name,
    takenAt: row.taken_at,
    deleteAt: row.delete_at,
  };
}

/** Placeholders for an `IN (...)` list; the hashes come from our own HMAC, never from input. */
const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/**
 * Call sessions in one tenant's SQLite file. State changes run as
 * `BEGIN IMMEDIATE` transactions, so they are atomic even when several
 * processes share the file.
 */
export class SqliteCallRepository implements CallRepository {
  private readonly selectById;
  private readonly insertStmt;
  /** Statements by the number of code hashes (one per readable key): prepared once, not per resolve. */
  private readonly byLiveCode = new Map<number, Database.Statement<unknown[], CallRow>>();
  private readonly claimByCode = new Map<number, Database.Statement<unknown[], CallRow>>();

  constructor(private readonly db: Database.Database) {
    this.selectById = db.prepare<[string], CallRow>('SELECT * FROM calls WHERE call_id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO calls (call_id, purpose, status, call_token_hash, code_hash, code_sealed_for_citizen,
                          code_expires_at, created_at, delete_at)
       VALUES (@callId, @purpose, 'pending', @callTokenHash, @codeHash, @codeSealedForCitizen,
               @codeExpiresAt, @createdAt, @deleteAt)`,
    );
  }

  async insertIfCodeFree(call: NewCallRecord, now: number): Promise<boolean> {
    return this.db
      .transaction(() => {
        const holder = this.db
          .prepare<[string], { call_id: string; code_expires_at: number }>(
            'SELECT call_id, code_expires_at FROM calls WHERE code_hash = ?',
          )
          .get(call.codeHash ?? '');
        if (holder && holder.code_expires_at > now) return false;
        // An expired holder no longer protects its code: release it so the UNIQUE index allows reuse.
        if (holder) this.db.prepare('UPDATE calls SET code_hash = NULL WHERE call_id = ?').run(holder.call_id);
        this.insertStmt.run(call);
        return true;
      })
      .immediate();
  }

  async get(callId: string): Promise<CallRecord | undefined> {
    const row = this.selectById.get(callId);
    return row && toRecord(row);
  }

  async attachIrmaSession(callId: string, irmaTokenSealed: string): Promise<boolean> {
    return (
      this.db
        .prepare(`UPDATE calls SET irma_token_sealed = ? WHERE call_id = ? AND status = 'pending'`)
        .run(irmaTokenSealed, callId).changes === 1
    );
  }

  async findByLiveCode(codeHashes: readonly string[], now: number): Promise<CallRecord | undefined> {
    if (codeHashes.length === 0) return undefined;
    let statement = this.byLiveCode.get(codeHashes.length);
    if (!statement) {
      statement = this.db.prepare<unknown[], CallRow>(
        `SELECT * FROM calls WHERE code_hash IN (${placeholders(codeHashes.length)}) AND code_expires_at > ?`,
      );
      this.byLiveCode.set(codeHashes.length, statement);
    }
    const row = statement.get(...codeHashes, now);
    return row && toRecord(row);
  }

  async markDisclosed(callId: string, attributesSealed: string, now: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE calls SET status = 'disclosed', attributes_sealed = ?, disclosed_at = ?, irma_token_sealed = NULL
           WHERE call_id = ? AND status = 'pending'`,
        )
        .run(attributesSealed, now, callId).changes === 1
    );
  }

  async markEnded(callId: string, status: 'cancelled' | 'expired'): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE calls SET status = ?, code_hash = NULL, code_sealed_for_citizen = NULL, irma_token_sealed = NULL
           WHERE call_id = ? AND status = 'pending'`,
        )
        .run(status, callId).changes === 1
    );
  }

  async claimCode(
    codeHashes: readonly string[],
    switchboardCallId: string,
    now: number,
  ): Promise<CallRecord | undefined> {
    if (codeHashes.length === 0) return undefined;
    let statement = this.claimByCode.get(codeHashes.length);
    if (!statement) {
      // One UPDATE … RETURNING is atomic on its own, even with several processes on the file.
      statement = this.db.prepare<unknown[], CallRow>(
        `UPDATE calls
         SET status = 'called', switchboard_call_id = ?, called_at = ?, code_hash = NULL, code_sealed_for_citizen = NULL
         WHERE code_hash IN (${placeholders(codeHashes.length)}) AND status = 'disclosed' AND code_expires_at > ?
         RETURNING *`,
      );
      this.claimByCode.set(codeHashes.length, statement);
    }
    const row = statement.get(switchboardCallId, now, ...codeHashes, now);
    return row && toRecord(row);
  }

  async attachCallerId(callId: string, callerIdSealed: string): Promise<boolean> {
    return (
      this.db
        .prepare(`UPDATE calls SET caller_id_sealed = ? WHERE call_id = ? AND status = 'called'`)
        .run(callerIdSealed, callId).changes === 1
    );
  }

  async listCalled(): Promise<CallRecord[]> {
    return this.db
      .prepare<[], CallRow>(`SELECT * FROM calls WHERE status = 'called' ORDER BY called_at`)
      .all()
      .map(toRecord);
  }

  async findBySwitchboardCall(switchboardCallId: string): Promise<CallRecord | undefined> {
    const row = this.db
      .prepare<[string], CallRow>('SELECT * FROM calls WHERE switchboard_call_id = ?')
      .get(switchboardCallId);
    return row && toRecord(row);
  }

  async takeCall(callId: string, agentId: string, agentName: string, now: number): Promise<CallRecord | undefined> {
    const row = this.db
      .prepare<[string, string, number, string], CallRow>(
        `UPDATE calls SET taken_by = ?, taken_by_name = ?, taken_at = ?
         WHERE call_id = ? AND status = 'called' AND taken_by IS NULL RETURNING *`,
      )
      .get(agentId, agentName, now, callId);
    return row && toRecord(row);
  }

  async releaseTake(callId: string, agentId: string): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE calls SET taken_by = NULL, taken_by_name = NULL, taken_at = NULL WHERE call_id = ? AND taken_by = ?`,
        )
        .run(callId, agentId).changes === 1
    );
  }

  async delete(callId: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM calls WHERE call_id = ?').run(callId).changes === 1;
  }

  async deleteExpired(now: number): Promise<string[]> {
    return this.db
      .prepare<[number, number], { call_id: string }>(
        `DELETE FROM calls WHERE delete_at <= ? OR (status <> 'called' AND code_expires_at <= ?) RETURNING call_id`,
      )
      .all(now, now)
      .map((row) => row.call_id);
  }
}
