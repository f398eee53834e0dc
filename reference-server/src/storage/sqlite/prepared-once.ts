import type Database from 'better-sqlite3';

/** More distinct SQL texts than the repositories write (IN lists of varying length included). */
const MOST_STATEMENTS = 2000;

/**
 * Makes `db.prepare` return the statement prepared before for the same SQL
 * text. The repositories prepare where they query, which reads well, but
 * compiling the SQL on every request cost more than running it (a reuse
 * prepared six statements). Sharing a statement is safe here: better-sqlite3
 * runs each one to completion synchronously, and no repository changes a
 * statement's mode (pluck, raw, expand) or iterates one lazily.
 */
export function prepareOnce(db: Database.Database): Database.Database {
  const prepare = db.prepare.bind(db);
  const prepared = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    let statement = prepared.get(source);
    if (!statement) {
      // A runaway of generated texts must not grow without end; starting over is correct, only slower.
      if (prepared.size >= MOST_STATEMENTS) prepared.clear();
      statement = prepare(source);
      prepared.set(source, statement);
    }
    return statement;
  }) as typeof db.prepare;
  return db;
}
