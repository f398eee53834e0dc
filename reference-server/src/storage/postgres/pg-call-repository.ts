import type { CallRecord, CallRepository, NewCallRecord } from '../call-store.js';
import { fromRow, fromRows } from '../row-fields.js';
import type { PgPool, Row } from './pg-sql.js';

const callOf = (row: Row | undefined) => fromRow<CallRecord>(row);

/**
 * Call sessions in one tenant's schema. Every state change is one statement
 * whose WHERE names the state it starts from, so of two instances racing for
 * the same call exactly one changes it; a code hash is a set (`= ANY`), so
 * one prepared statement serves any number of readable keys.
 */
export class PgCallRepository implements CallRepository {
  constructor(private readonly db: PgPool) {}

  async insertIfCodeFree(call: NewCallRecord, now: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // An expired holder no longer protects its code: release it so the UNIQUE index allows reuse.
      await tx.changes('UPDATE calls SET code_hash = NULL WHERE code_hash = $1 AND code_expires_at <= $2', [
        call.codeHash ?? '',
        now,
      ]);
      // A live holder, or a second start racing for the same code, keeps it: the insert then does nothing.
      const inserted = await tx.changes(
        `INSERT INTO calls (call_id, purpose, status, call_token_hash, code_hash, code_sealed_for_citizen,
                            code_expires_at, created_at, delete_at)
         VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8) ON CONFLICT (code_hash) DO NOTHING`,
        [
          call.callId,
          call.purpose,
          call.callTokenHash,
          call.codeHash,
          call.codeSealedForCitizen,
          call.codeExpiresAt,
          call.createdAt,
          call.deleteAt,
        ],
      );
      return inserted === 1;
    });
  }

  async get(callId: string): Promise<CallRecord | undefined> {
    return callOf(await this.db.row('SELECT * FROM calls WHERE call_id = $1', [callId]));
  }

  async attachIrmaSession(callId: string, irmaTokenSealed: string): Promise<boolean> {
    return (
      (await this.db.changes(`UPDATE calls SET irma_token_sealed = $1 WHERE call_id = $2 AND status = 'pending'`, [
        irmaTokenSealed,
        callId,
      ])) === 1
    );
  }

  async findByLiveCode(codeHashes: readonly string[], now: number): Promise<CallRecord | undefined> {
    if (codeHashes.length === 0) return undefined;
    return callOf(
      await this.db.row('SELECT * FROM calls WHERE code_hash = ANY($1::text[]) AND code_expires_at > $2 LIMIT 1', [
        codeHashes,
        now,
      ]),
    );
  }

  async markDisclosed(callId: string, attributesSealed: string, now: number): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE calls SET status = 'disclosed', attributes_sealed = $1, disclosed_at = $2, irma_token_sealed = NULL
         WHERE call_id = $3 AND status = 'pending'`,
        [attributesSealed, now, callId],
      )) === 1
    );
  }

  async markEnded(callId: string, status: 'cancelled' | 'expired'): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE calls SET status = $1, code_hash = NULL, code_sealed_for_citizen = NULL, irma_token_sealed = NULL
         WHERE call_id = $2 AND status = 'pending'`,
        [status, callId],
      )) === 1
    );
  }

  async claimCode(
    codeHashes: readonly string[],
    switchboardCallId: string,
    now: number,
  ): Promise<CallRecord | undefined> {
    if (codeHashes.length === 0) return undefined;
    // One UPDATE … RETURNING: a second claim of the same code waits for the first, then finds it taken.
    return callOf(
      await this.db.row(
        `UPDATE calls
         SET status = 'called', switchboard_call_id = $1, called_at = $2, code_hash = NULL, code_sealed_for_citizen = NULL
         WHERE code_hash = ANY($3::text[]) AND status = 'disclosed' AND code_expires_at > $2
         RETURNING *`,
        [switchboardCallId, now, codeHashes],
      ),
    );
  }

  async attachCallerId(callId: string, callerIdSealed: string): Promise<boolean> {
    return (
      (await this.db.changes(`UPDATE calls SET caller_id_sealed = $1 WHERE call_id = $2 AND status = 'called'`, [
        callerIdSealed,
        callId,
      ])) === 1
    );
  }

  async listCalled(): Promise<CallRecord[]> {
    return fromRows(await this.db.rows(`SELECT * FROM calls WHERE status = 'called' ORDER BY called_at`));
  }

  async findBySwitchboardCall(switchboardCallId: string): Promise<CallRecord | undefined> {
    return callOf(await this.db.row('SELECT * FROM calls WHERE switchboard_call_id = $1 LIMIT 1', [switchboardCallId]));
  }

  async takeCall(callId: string, agentId: string, agentName: string, now: number): Promise<CallRecord | undefined> {
    return callOf(
      await this.db.row(
        `UPDATE calls SET taken_by = $1, taken_by_name = $2, taken_at = $3
         WHERE call_id = $4 AND status = 'called' AND taken_by IS NULL RETURNING *`,
        [agentId, agentName, now, callId],
      ),
    );
  }

  async releaseTake(callId: string, agentId: string): Promise<boolean> {
    return (
      (await this.db.changes(
        'UPDATE calls SET taken_by = NULL, taken_by_name = NULL, taken_at = NULL WHERE call_id = $1 AND taken_by = $2',
        [callId, agentId],
      )) === 1
    );
  }

  async delete(callId: string): Promise<boolean> {
    return (await this.db.changes('DELETE FROM calls WHERE call_id = $1', [callId])) === 1;
  }

  async deleteExpired(now: number): Promise<string[]> {
    const rows = await this.db.rows<{ call_id: string }>(
      `DELETE FROM calls WHERE delete_at <= $1 OR (status <> 'called' AND code_expires_at <= $1) RETURNING call_id`,
      [now],
    );
    return rows.map((row) => row.call_id);
  }
}
