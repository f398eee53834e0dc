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
  `ALTER TABLE calls ADD COLUMN taken_by TEXT;
   ALTER TABLE calls ADD COLUMN taken_by_name TEXT;
   ALTER TABLE calls ADD COLUMN taken_at INTEGER;
   CREATE INDEX calls_status ON calls (status);
   CREATE TABLE agents (
     agent_id              TEXT PRIMARY KEY,
     username              TEXT NOT NULL UNIQUE,
     display_name          TEXT NOT NULL,
     role                  TEXT NOT NULL CHECK (role IN ('agent', 'admin')),
     password_hash         TEXT NOT NULL,
     must_change_password  INTEGER NOT NULL DEFAULT 0,
     password_expires_at   INTEGER,
     failed_logins         INTEGER NOT NULL DEFAULT 0,
     locked_until          INTEGER,
     created_at            INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE agent_sessions (
     session_hash  TEXT PRIMARY KEY,
     agent_id      TEXT NOT NULL REFERENCES agents (agent_id) ON DELETE CASCADE,
     csrf_token    TEXT NOT NULL,
     created_at    INTEGER NOT NULL,
     last_seen_at  INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE audit_log (
     seq      INTEGER PRIMARY KEY AUTOINCREMENT,
     at       INTEGER NOT NULL,
     type     TEXT NOT NULL,
     actor    TEXT,
     subject  TEXT,
     detail   TEXT
   ) STRICT;
   CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
   CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
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
