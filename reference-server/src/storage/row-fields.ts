/**
 * Rows use snake_case columns, records camelCase fields; the SQL engines map
 * between them generically instead of field by field.
 */
export const toCamel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
export const toSnake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

export function fromRow<T>(row: Record<string, unknown> | undefined): T | undefined {
  if (!row) return undefined;
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [toCamel(key), value])) as T;
}

export function fromRows<T>(rows: Record<string, unknown>[]): T[] {
  return rows.map((row) => fromRow<T>(row)!);
}
