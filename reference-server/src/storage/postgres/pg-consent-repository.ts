import {
  storedConsent,
  type ConsentRecord,
  type ConsentRepository,
  type ConsentUseRecord,
  type DataReferenceRecord,
} from '../consent-store.js';
import { fromRow, fromRows } from '../row-fields.js';
import type { PgPool, Row } from './pg-sql.js';

const consentOf = (row: Row) => storedConsent.decode(fromRow(row)!);

export class PgConsentRepository implements ConsentRepository {
  constructor(private readonly db: PgPool) {}

  async insert(consent: ConsentRecord): Promise<void> {
    await this.db.insert('consents', storedConsent.encode(consent));
  }

  async get(consentId: string): Promise<ConsentRecord | undefined> {
    const row = await this.db.row('SELECT * FROM consents WHERE consent_id = $1', [consentId]);
    return row && consentOf(row);
  }

  async listForUser(userId: string): Promise<ConsentRecord[]> {
    const rows = await this.db.rows(
      "SELECT * FROM consents WHERE user_id = $1 AND state <> 'requested' ORDER BY created_at DESC",
      [userId],
    );
    return rows.map(consentOf);
  }

  async accept(consentId: string, references: DataReferenceRecord[], receipt: string, now: number): Promise<boolean> {
    // One decision: the UPDATE from 'requested' locks the row, so a second decision waits and then changes nothing.
    return this.db.transaction(async (tx) => {
      const changed = await tx.changes(
        `UPDATE consents SET state = 'accepted', decided_at = $1, receipt = $2 WHERE consent_id = $3 AND state = 'requested'`,
        [now, receipt, consentId],
      );
      if (changed !== 1) return false;
      for (const reference of references) await tx.insert('data_references', reference);
      return true;
    });
  }

  async reject(consentId: string, now: number): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE consents SET state = 'rejected', decided_at = $1 WHERE consent_id = $2 AND state = 'requested'`,
        [now, consentId],
      )) === 1
    );
  }

  async revoke(consentId: string, by: 'user' | 'consumer' | 'connection-ended', _now: number): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE consents SET state = 'revoked', ended_by = $1 WHERE consent_id = $2 AND state = 'accepted'`,
        [by, consentId],
      )) === 1
    );
  }

  async expire(consentId: string): Promise<boolean> {
    return (
      (await this.db.changes(`UPDATE consents SET state = 'expired' WHERE consent_id = $1 AND state = 'accepted'`, [
        consentId,
      ])) === 1
    );
  }

  async acceptedPastTerm(now: number): Promise<ConsentRecord[]> {
    const rows = await this.db.rows(`SELECT * FROM consents WHERE state = 'accepted' AND valid_until <= $1 LIMIT 500`, [
      now,
    ]);
    return rows.map(consentOf);
  }

  async claimReference(referenceId: string, now: number): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE data_references SET used_at = $1
         WHERE reference_id = $2 AND used_at IS NULL
           AND consent_id IN (SELECT consent_id FROM consents WHERE state = 'accepted' AND mode = 'one-off')`,
        [now, referenceId],
      )) === 1
    );
  }

  async releaseReference(referenceId: string): Promise<void> {
    await this.db.changes('UPDATE data_references SET used_at = NULL WHERE reference_id = $1', [referenceId]);
  }

  async markUsedIfSpent(consentId: string): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE consents SET state = 'used' WHERE consent_id = $1 AND state = 'accepted'
           AND NOT EXISTS (SELECT 1 FROM data_references WHERE consent_id = $1 AND used_at IS NULL)`,
        [consentId],
      )) === 1
    );
  }

  async revokeForConnection(connectionId: string): Promise<string[]> {
    const rows = await this.db.rows<{ consent_id: string }>(
      `UPDATE consents SET state = 'revoked', ended_by = 'connection-ended'
       WHERE state = 'accepted' AND consent_id IN (SELECT consent_id FROM data_references WHERE connection_id = $1)
       RETURNING consent_id`,
      [connectionId],
    );
    return rows.map((row) => row.consent_id);
  }

  async reference(referenceId: string): Promise<DataReferenceRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM data_references WHERE reference_id = $1', [referenceId]));
  }

  async referencesOf(consentId: string): Promise<DataReferenceRecord[]> {
    return fromRows(
      await this.db.rows('SELECT * FROM data_references WHERE consent_id = $1 ORDER BY provider_id COLLATE "C"', [
        consentId,
      ]),
    );
  }

  async appendUse(use: Omit<ConsentUseRecord, 'seq'>): Promise<void> {
    await this.db.insert('consent_uses', use);
  }

  async usesOf(consentId: string): Promise<ConsentUseRecord[]> {
    return fromRows(
      await this.db.rows('SELECT * FROM consent_uses WHERE consent_id = $1 ORDER BY seq DESC LIMIT 200', [consentId]),
    );
  }

  async deleteLapsedRequests(now: number): Promise<number> {
    return this.db.changes(`DELETE FROM consents WHERE state = 'requested' AND request_expires_at <= $1`, [now]);
  }
}
