import type { SealedDataRepository, SealedKind, SealedValue } from '../sealed-data.js';
import { SEALED_COLUMNS } from '../sealed-columns.js';
import type { PgPool } from './pg-sql.js';

export class PgSealedDataRepository implements SealedDataRepository {
  constructor(private readonly db: PgPool) {}

  async list(kind: SealedKind): Promise<SealedValue[]> {
    const { table, id, column } = SEALED_COLUMNS[kind];
    return this.db.rows<SealedValue>(
      `SELECT ${id} AS "recordId", ${column} AS sealed FROM ${table} WHERE ${column} IS NOT NULL AND ${column} <> ''`,
    );
  }

  async replace(kind: SealedKind, recordId: string, expected: string, replacement: string): Promise<boolean> {
    const { table, id, column } = SEALED_COLUMNS[kind];
    return (
      (await this.db.changes(`UPDATE ${table} SET ${column} = $1 WHERE ${id} = $2 AND ${column} = $3`, [
        replacement,
        recordId,
        expected,
      ])) === 1
    );
  }
}
