import type Database from 'better-sqlite3';
import { toSnake } from '../row-fields.js';

export { fromRow, fromRows } from '../row-fields.js';

/** `INSERT INTO <table> (...) VALUES (...)` for a record, and its parameters by name. */
export function insertStatement(table: string, record: object): { sql: string; params: Record<string, unknown> } {
  const keys = Object.keys(record);
  const sql = `INSERT INTO ${table} (${keys.map(toSnake).join(', ')}) VALUES (${keys.map((key) => `@${key}`).join(', ')})`;
  return { sql, params: record as Record<string, unknown> };
}

/** Inserts a record into a table whose columns are its fields in snake_case. */
export function insertRow(db: Database.Database, table: string, record: object): void {
  const { sql, params } = insertStatement(table, record);
  db.prepare(sql).run(params);
}

/** `SET a = @a, b = @b` for a partial record. */
export function setClause(patch: object): string {
  return Object.keys(patch)
    .map((key) => `${toSnake(key)} = @${key}`)
    .join(', ');
}
