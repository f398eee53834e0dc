import type Database from 'better-sqlite3';
import {
  storedConsent,
  type ConsentRecord,
  type ConsentRepository,
  type ConsentUseRecord,
  type DataReferenceRecord,
} from '../consent-store.js';
import { fromRow, fromRows, insertRow } from './row-mapping.js';

type Row = Record<string, unknown>;

const consentOf = (row: Row) => storedConsent.decode(fromRow(row)!);

export class SqliteConsentRepository implements ConsentRepository {
  constructor(private readonly db: Database.Database) {}

  async insert(consent: ConsentRecord): Promise<void> {
    insertRow(this.db, 'consents', storedConsent.encode(consent));
  }

  async get(consentId: string): Promise<ConsentRecord | undefined> {
    const row = this.db.prepare<[string], Row>('SELECT * FROM consents WHERE consent_id = ?').get(consentId);
    return row && consentOf(row);
  }

  async listForUser(userId: string): Promise<ConsentRecord[]> {
    return this.db
      .prepare<[string], Row>(
        "SELECT * FROM consents WHERE user_id = ? AND state <> 'requested' ORDER BY created_at DESC",
      )
      .all(userId)
      .map(consentOf);
  }

  async accept(consentId: string, references: DataReferenceRecord[], receipt: string, now: number): Promise<boolean> {
    return this.db
      .transaction(() => {
        const changed = this.db
          .prepare(
            `UPDATE consents SET state = 'accepted', decided_at = ?, receipt = ? WHERE consent_id = ? AND state = 'requested'`,
          )
          .run(now, receipt, consentId).changes;
        if (changed !== 1) return false;
        for (const reference of references) insertRow(this.db, 'data_references', reference);
        return true;
      })
      .immediate();
  }

  async reject(consentId: string, now: number): Promise<boolean> {
    return (
      this.db
        .prepare(`UPDATE consents SET state = 'rejected', decided_at = ? WHERE consent_id = ? AND state = 'requested'`)
        .run(now, consentId).changes === 1
    );
  }

  async revoke(consentId: string, by: 'user' | 'consumer' | 'connection-ended', _now: number): Promise<boolean> {
    return (
      this.db
        .prepare(`UPDATE consents SET state = 'revoked', ended_by = ? WHERE consent_id = ? AND state = 'accepted'`)
        .run(by, consentId).changes === 1
    );
  }

  async expire(consentId: string): Promise<boolean> {
    return (
      this.db
        .prepare(`UPDATE consents SET state = 'expired' WHERE consent_id = ? AND state = 'accepted'`)
        .run(consentId).changes === 1
    );
  }

  async acceptedPastTerm(now: number): Promise<ConsentRecord[]> {
    return this.db
      .prepare<[number], Row>(`SELECT * FROM consents WHERE state = 'accepted' AND valid_until <= ? LIMIT 500`)
      .all(now)
      .map(consentOf);
  }

  async claimReference(referenceId: string, now: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE data_references SET used_at = ?
           WHERE reference_id = ? AND used_at IS NULL
             AND consent_id IN (SELECT consent_id FROM consents WHERE state = 'accepted' AND mode = 'one-off')`,
        )
        .run(now, referenceId).changes === 1
    );
  }

  async releaseReference(referenceId: string): Promise<void> {
    this.db.prepare('UPDATE data_references SET used_at = NULL WHERE reference_id = ?').run(referenceId);
  }

  async markUsedIfSpent(consentId: string): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE consents SET state = 'used' WHERE consent_id = ? AND state = 'accepted'
             AND NOT EXISTS (SELECT 1 FROM data_references WHERE consent_id = ? AND used_at IS NULL)`,
        )
        .run(consentId, consentId).changes === 1
    );
  }

  async revokeForConnection(connectionId: string): Promise<string[]> {
    return this.db
      .prepare<[string], { consent_id: string }>(
        `UPDATE consents SET state = 'revoked', ended_by = 'connection-ended'
         WHERE state = 'accepted' AND consent_id IN (SELECT consent_id FROM data_references WHERE connection_id = ?)
         RETURNING consent_id`,
      )
      .all(connectionId)
      .map((row) => row.consent_id);
  }

  async reference(referenceId: string): Promise<DataReferenceRecord | undefined> {
    return fromRow(
      this.db.prepare<[string], Row>('SELECT * FROM data_references WHERE reference_id = ?').get(referenceId),
    );
  }

  async referencesOf(consentId: string): Promise<DataReferenceRecord[]> {
    return fromRows(
      this.db
        .prepare<[string], Row>('SELECT * FROM data_references WHERE consent_id = ? ORDER BY provider_id')
        .all(consentId),
    );
  }

  async appendUse(use: Omit<ConsentUseRecord, 'seq'>): Promise<void> {
    insertRow(this.db, 'consent_uses', use);
  }

  async usesOf(consentId: string): Promise<ConsentUseRecord[]> {
    return fromRows(
      this.db
        .prepare<[string], Row>('SELECT * FROM consent_uses WHERE consent_id = ? ORDER BY seq DESC LIMIT 200')
        .all(consentId),
    );
  }

  async deleteLapsedRequests(now: number): Promise<number> {
    return this.db.prepare(`DELETE FROM consents WHERE state = 'requested' AND request_expires_at <= ?`).run(now)
      .changes;
  }
}
