import type Database from 'better-sqlite3';
import type { SealedDataRepository, SealedKind, SealedValue } from '../sealed-data.js';
import { SEALED_COLUMNS as COLUMNS } from '../sealed-columns.js';

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
