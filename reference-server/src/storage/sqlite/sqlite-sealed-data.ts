import type Database from 'better-sqlite3';
import type { SealedDataRepository, SealedKind, SealedValue } from '../sealed-data.js';

/** Where each kind of long-lived sealed value lives; fixed names, never from input. */
const COLUMNS: Record<SealedKind, { table: string; id: string; column: string }> = {
  'connection.customerRef': { table: 'connections', id: 'connection_id', column: 'customer_ref_sealed' },
  'consent.state': { table: 'consents', id: 'consent_id', column: 'state_sealed' },
  'dataReference.operation': { table: 'data_references', id: 'reference_id', column: 'operation_sealed' },
  'passkey.credential': { table: 'passkeys', id: 'passkey_id', column: 'credential_sealed' },
  'correction.customerRef': { table: 'my_data_corrections', id: 'correction_id', column: 'customer_ref_sealed' },
  'correction.proposal': { table: 'my_data_corrections', id: 'correction_id', column: 'proposal_sealed' },
  'correction.answer': { table: 'my_data_corrections', id: 'correction_id', column: 'answer_sealed' },
  'arrangement.terms': { table: 'arrangements', id: 'arrangement_id', column: 'terms_sealed' },
};

export class SqliteSealedDataRepository implements SealedDataRepository {
  constructor(private readonly db: Database.Database) {}

  async list(kind: SealedKind): Promise<SealedValue[]> {
    const { table, id, column } = COLUMNS[kind];
    return this.db
      .prepare<[], SealedValue>(
        `SELECT ${id} AS recordId, ${column} AS sealed FROM ${table} WHERE ${column} IS NOT NULL AND ${column} <> ''`,
      )
      .all();
  }

  async replace(kind: SealedKind, recordId: string, expected: string, replacement: string): Promise<boolean> {
    const { table, id, column } = COLUMNS[kind];
    return (
      this.db
        .prepare(`UPDATE ${table} SET ${column} = ? WHERE ${id} = ? AND ${column} = ?`)
        .run(replacement, recordId, expected).changes === 1
    );
  }
}
