import { createHash } from 'node:crypto';
import type pg from 'pg';
import { toSnake } from '../row-fields.js';

export type Row = Record<string, unknown>;

/**
 * Every statement runs as a named prepared statement: its name is a hash of its
 * text, so each connection parses and plans a statement once and reuses it,
 * and two texts can never share a name. The texts are fixed in the
 * repositories (or built from a record's field names), never from input.
 */
const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `r${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** Queries on a pool (each on its own connection) or inside one transaction. */
export class PgSql {
  constructor(protected readonly db: Queryable) {}

  async rows<T = Row>(text: string, values: readonly unknown[] = []): Promise<T[]> {
    const result = await this.db.query<T & pg.QueryResultRow>({ name: nameOf(text), text, values: [...values] });
    return result.rows;
  }

  async row<T = Row>(text: string, values: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(text, values))[0];
  }

  /** How many rows the statement changed. */
  async changes(text: string, values: readonly unknown[] = []): Promise<number> {
    const result = await this.db.query({ name: nameOf(text), text, values: [...values] });
    return result.rowCount ?? 0;
  }

  /** Inserts a record into a table whose columns are its fields in snake_case. */
  async insert(table: string, record: object): Promise<void> {
    const keys = Object.keys(record);
    await this.changes(
      `INSERT INTO ${table} (${keys.map(toSnake).join(', ')}) VALUES (${keys.map((_, index) => `$${index + 1}`).join(', ')})`,
      Object.values(record),
    );
  }
}

/** A tenant's pool: single statements, and transactions on one connection. */
export class PgPool extends PgSql {
  constructor(readonly pool: pg.Pool) {
    super(pool);
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (tx: PgSql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A connection that breaks between two statements (the database restarting) fails the next statement; the
    // client's own error event, which the pool does not listen to while the client is lent out, must not end
    // the process.
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(new PgSql(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        // A connection that cannot even roll back is not given back to the pool.
        broken = rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
      });
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}

/** `a = $n, b = $n+1` for a partial record, numbered after `first - 1` other parameters. */
export function setClause(patch: object, first: number): string {
  return Object.keys(patch)
    .map((key, index) => `${toSnake(key)} = $${first + index}`)
    .join(', ');
}
