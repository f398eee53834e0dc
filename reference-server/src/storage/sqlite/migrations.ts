import type Database from 'better-sqlite3';

/** Ordered schema steps; `user_version` records how many have run. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE calls (
     call_id                  TEXT PRIMARY KEY,
     purpose                  TEXT NOT NULL,
     status                   TEXT NOT NULL,
     call_token_hash          TEXT NOT NULL,
     code_hash                TEXT UNIQUE,
     code_sealed_for_citizen  TEXT,
     code_expires_at          INTEGER NOT NULL,
     irma_token_sealed        TEXT,
     attributes_sealed        TEXT,
     switchboard_call_id      TEXT,
     created_at               INTEGER NOT NULL,
     disclosed_at             INTEGER,
     called_at                INTEGER,
     delete_at                INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX calls_delete_at ON calls (delete_at);`,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
