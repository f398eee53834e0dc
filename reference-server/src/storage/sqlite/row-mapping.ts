import type Database from 'better-sqlite3';

/**
 * Rows use snake_case columns, records camelCase fields; the newer
 * repositories map between them generically instead of field by field.
 */
const toCamel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
const toSnake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

export function fromRow<T>(row: Record<string, unknown> | undefined): T | undefined {
  if (!row) return undefined;
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [toCamel(key), value])) as T;
}

export function fromRows<T>(rows: Record<string, unknown>[]): T[] {
  return rows.map((row) => fromRow<T>(row)!);
}

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
