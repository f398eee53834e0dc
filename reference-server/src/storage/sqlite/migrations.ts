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
  `CREATE TABLE users (
     user_id     TEXT PRIMARY KEY,
     created_at  INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE passkeys (
     passkey_id          TEXT PRIMARY KEY,
     user_id             TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
     credential_id_hash  TEXT NOT NULL UNIQUE,
     credential_sealed   TEXT NOT NULL,
     counter             INTEGER NOT NULL,
     created_at          INTEGER NOT NULL,
     last_used_at        INTEGER
   ) STRICT;
   CREATE INDEX passkeys_user ON passkeys (user_id);
   CREATE TABLE user_sessions (
     session_hash     TEXT PRIMARY KEY,
     user_id          TEXT,
     passkey_id       TEXT,
     verified_at      INTEGER,
     challenge        TEXT,
     challenge_kind   TEXT,
     pending_user_id  TEXT,
     created_at       INTEGER NOT NULL,
     expires_at       INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE oauth_pushed_requests (
     request_hash    TEXT PRIMARY KEY,
     consumer_id     TEXT NOT NULL,
     request_sealed  TEXT NOT NULL,
     expires_at      INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE oauth_sign_in_flows (
     flow_id         TEXT PRIMARY KEY,
     consumer_id     TEXT NOT NULL,
     session_hash    TEXT NOT NULL,
     request_sealed  TEXT NOT NULL,
     expires_at      INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE oauth_codes (
     code_hash       TEXT PRIMARY KEY,
     consumer_id     TEXT NOT NULL,
     user_id         TEXT NOT NULL,
     redirect_uri    TEXT NOT NULL,
     code_challenge  TEXT NOT NULL,
     scope           TEXT NOT NULL,
     expires_at      INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE oauth_access_tokens (
     token_hash   TEXT PRIMARY KEY,
     consumer_id  TEXT NOT NULL,
     user_id      TEXT NOT NULL,
     scope        TEXT NOT NULL,
     expires_at   INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE oauth_subjects (
     consumer_id  TEXT NOT NULL,
     sub          TEXT NOT NULL,
     user_id      TEXT NOT NULL,
     created_at   INTEGER NOT NULL,
     PRIMARY KEY (consumer_id, sub)
   ) STRICT;
   CREATE INDEX oauth_subjects_user ON oauth_subjects (user_id);
   CREATE TABLE connect_tokens (
     token_id                    TEXT PRIMARY KEY,
     secret_hash                 TEXT NOT NULL UNIQUE,
     provider_id                 TEXT NOT NULL,
     flow                        TEXT NOT NULL CHECK (flow IN ('qr', 'link')),
     customer_ref_sealed         TEXT,
     status_token_hash           TEXT,
     request_id                  TEXT,
     state                       TEXT NOT NULL,
     user_id                     TEXT,
     scan_session_hash           TEXT,
     confirmation_code_hash      TEXT,
     confirmation_attempts_left  INTEGER NOT NULL,
     uses_left                   INTEGER NOT NULL,
     created_at                  INTEGER NOT NULL,
     expires_at                  INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE connect_requests (
     request_id     TEXT PRIMARY KEY,
     consumer_id    TEXT NOT NULL,
     provider_id    TEXT NOT NULL,
     user_id        TEXT NOT NULL,
     return_url     TEXT NOT NULL,
     state_sealed   TEXT NOT NULL,
     state          TEXT NOT NULL,
     session_hash   TEXT,
     passkey_id     TEXT,
     token_id       TEXT,
     connection_id  TEXT,
     created_at     INTEGER NOT NULL,
     redeemed_at    INTEGER,
     expires_at     INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE connections (
     connection_id        TEXT PRIMARY KEY,
     user_id              TEXT NOT NULL,
     provider_id          TEXT NOT NULL,
     provider_pseudonym   TEXT NOT NULL,
     customer_ref_sealed  TEXT NOT NULL,
     status               TEXT NOT NULL CHECK (status IN ('active', 'ended')),
     created_at           INTEGER NOT NULL,
     ended_at             INTEGER,
     ended_by             TEXT,
     UNIQUE (provider_id, provider_pseudonym)
   ) STRICT;
   CREATE INDEX connections_user ON connections (user_id);
   CREATE TABLE services (
     provider_id    TEXT NOT NULL,
     service_type   TEXT NOT NULL,
     version        INTEGER NOT NULL,
     description    TEXT NOT NULL,
     registered_at  INTEGER NOT NULL,
     PRIMARY KEY (provider_id, service_type, version)
   ) STRICT;
   CREATE TABLE party_events (
     seq       INTEGER PRIMARY KEY AUTOINCREMENT,
     party_id  TEXT NOT NULL,
     type      TEXT NOT NULL,
     data      TEXT NOT NULL,
     at        INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX party_events_party ON party_events (party_id, seq);`,
  `CREATE TABLE consents (
     consent_id          TEXT PRIMARY KEY,
     consumer_id         TEXT NOT NULL,
     user_id             TEXT NOT NULL,
     sub                 TEXT NOT NULL,
     service_type        TEXT NOT NULL,
     purpose             TEXT NOT NULL,
     fields              TEXT NOT NULL,
     provider_choice     TEXT NOT NULL,
     mode                TEXT NOT NULL CHECK (mode IN ('one-off', 'recurring')),
     valid_until         INTEGER NOT NULL,
     state               TEXT NOT NULL,
     status_token_hash   TEXT NOT NULL,
     return_url          TEXT,
     state_sealed        TEXT,
     created_at          INTEGER NOT NULL,
     request_expires_at  INTEGER NOT NULL,
     decided_at          INTEGER,
     receipt             TEXT,
     ended_by            TEXT
   ) STRICT;
   CREATE INDEX consents_user ON consents (user_id);
   CREATE TABLE data_references (
     reference_id       TEXT PRIMARY KEY,
     consent_id         TEXT NOT NULL REFERENCES consents (consent_id) ON DELETE CASCADE,
     connection_id      TEXT NOT NULL,
     provider_id        TEXT NOT NULL,
     operation_sealed   TEXT NOT NULL,
     created_at         INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX data_references_consent ON data_references (consent_id);
   CREATE INDEX data_references_connection ON data_references (connection_id);
   CREATE TABLE consent_uses (
     seq           INTEGER PRIMARY KEY AUTOINCREMENT,
     consent_id    TEXT NOT NULL REFERENCES consents (consent_id) ON DELETE CASCADE,
     reference_id  TEXT NOT NULL,
     consumer_id   TEXT NOT NULL,
     provider_id   TEXT NOT NULL,
     at            INTEGER NOT NULL,
     outcome       TEXT NOT NULL
   ) STRICT;
   CREATE INDEX consent_uses_consent ON consent_uses (consent_id, seq);`,
  `ALTER TABLE connect_requests ADD COLUMN return_secret_hash TEXT;
   ALTER TABLE data_references ADD COLUMN used_at INTEGER;
   CREATE INDEX consents_due ON consents (state, valid_until);`,
  `ALTER TABLE calls ADD COLUMN caller_id_sealed TEXT;`,
  `ALTER TABLE oauth_codes ADD COLUMN nonce TEXT;
   ALTER TABLE oauth_codes ADD COLUMN auth_time INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE oauth_access_tokens ADD COLUMN code_hash TEXT;
   CREATE INDEX oauth_access_tokens_code ON oauth_access_tokens (code_hash);
   CREATE TABLE once_ids (
     key         TEXT PRIMARY KEY,
     expires_at  INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE signing_keys (
     kid            TEXT PRIMARY KEY,
     jwk            TEXT NOT NULL,
     first_used_at  INTEGER NOT NULL,
     last_used_at   INTEGER NOT NULL
   ) STRICT;`,
  // My data (job 3) and the signed-data format: status lists, views, corrections, forwards.
  `CREATE TABLE status_counters (
     issuer_id   TEXT PRIMARY KEY,
     next_index  INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE status_entries (
     issuer_id    TEXT NOT NULL,
     subject_key  TEXT NOT NULL,
     vct          TEXT NOT NULL,
     idx          INTEGER NOT NULL,
     PRIMARY KEY (issuer_id, subject_key, vct)
   ) STRICT;
   CREATE TABLE status_revoked (
     issuer_id  TEXT NOT NULL,
     idx        INTEGER NOT NULL,
     PRIMARY KEY (issuer_id, idx)
   ) STRICT;
   CREATE TABLE my_data_views (
     view_id              TEXT PRIMARY KEY,
     provider_id          TEXT NOT NULL,
     customer_ref_sealed  TEXT NOT NULL,
     token_hash           TEXT NOT NULL UNIQUE,
     token_expires_at     INTEGER NOT NULL,
     secret_hash          TEXT,
     expires_at           INTEGER NOT NULL,
     created_at           INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE my_data_corrections (
     correction_id        TEXT PRIMARY KEY,
     provider_id          TEXT NOT NULL,
     subject_key          TEXT NOT NULL,
     customer_ref_sealed  TEXT NOT NULL,
     service_type         TEXT NOT NULL,
     field                TEXT NOT NULL,
     proposal_sealed      TEXT NOT NULL,
     state                TEXT NOT NULL,
     draft_expires_at     INTEGER NOT NULL,
     user_id              TEXT,
     submitted_at         INTEGER,
     answer_due_by        INTEGER,
     answered_at          INTEGER,
     answer_sealed        TEXT
   ) STRICT;
   CREATE INDEX my_data_corrections_subject ON my_data_corrections (provider_id, subject_key);
   CREATE TABLE my_data_forwards (
     forward_id           TEXT PRIMARY KEY,
     provider_id          TEXT NOT NULL,
     recipient_id         TEXT NOT NULL,
     customer_ref_sealed  TEXT NOT NULL,
     service_type         TEXT NOT NULL,
     fields               TEXT NOT NULL,
     credential_sealed    TEXT NOT NULL,
     holder_key_sealed    TEXT NOT NULL,
     state                TEXT NOT NULL,
     expires_at           INTEGER NOT NULL,
     consent_id           TEXT,
     reference_id         TEXT UNIQUE,
     created_at           INTEGER NOT NULL
   ) STRICT;`,
  // Fetch into an application (job 4).
  `CREATE TABLE data_fetches (
     fetch_id              TEXT PRIMARY KEY,
     consumer_id           TEXT NOT NULL,
     provider_id           TEXT NOT NULL,
     service_type          TEXT NOT NULL,
     fields                TEXT NOT NULL,
     period_from           TEXT NOT NULL,
     period_to             TEXT NOT NULL,
     purpose_json          TEXT NOT NULL,
     application_ref_hash  TEXT NOT NULL,
     status_token_hash     TEXT NOT NULL,
     source_token_hash     TEXT UNIQUE,
     user_id               TEXT,
     state                 TEXT NOT NULL,
     failure               TEXT,
     credential_sealed     TEXT,
     holder_key_sealed     TEXT,
     consent_id            TEXT,
     reference_id          TEXT,
     fetched_at            INTEGER,
     expires_at            INTEGER NOT NULL,
     created_at            INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX data_fetches_expiry ON data_fetches (expires_at);`,
  // Payment arrangements: the terms sealed, the state and one letter per instalment in clear.
  `CREATE TABLE arrangements (
     arrangement_id   TEXT PRIMARY KEY,
     provider_id      TEXT NOT NULL,
     consumer_id      TEXT NOT NULL,
     user_id          TEXT NOT NULL,
     sub              TEXT NOT NULL,
     connection_id    TEXT NOT NULL,
     state            TEXT NOT NULL,
     version          INTEGER NOT NULL,
     flow_id          TEXT UNIQUE,
     flow_step        TEXT,
     flow_expires_at  INTEGER,
     policy_version   INTEGER NOT NULL,
     policy_hash      TEXT NOT NULL,
     outcome          TEXT NOT NULL,
     terms_sealed     TEXT NOT NULL,
     instalments      TEXT NOT NULL,
     missed_count     INTEGER NOT NULL,
     receipt          TEXT,
     decision         TEXT,
     created_at       INTEGER NOT NULL,
     updated_at       INTEGER NOT NULL,
     delete_at        INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX arrangements_provider ON arrangements (provider_id);
   CREATE INDEX arrangements_user ON arrangements (user_id);
   CREATE INDEX arrangements_delete_at ON arrangements (delete_at);
   CREATE TABLE arrangement_open (
     connection_id    TEXT PRIMARY KEY,
     arrangement_id   TEXT NOT NULL
   ) STRICT;`,
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
