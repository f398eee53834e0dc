import type pg from 'pg';

/**
 * Ordered schema steps of a tenant's schema, numbered by their place in the
 * list like the SQLite ones; `schema_version` records how many have run. The
 * tables mirror the SQLite engine's, column for column (times as BIGINT
 * milliseconds, structured fields as JSON text checked on the way out), so
 * both engines keep exactly the same, sealed, data.
 */
const TENANT_MIGRATIONS: readonly string[] = [
  `CREATE TABLE calls (
     call_id                  TEXT PRIMARY KEY,
     purpose                  TEXT NOT NULL,
     status                   TEXT NOT NULL,
     call_token_hash          TEXT NOT NULL,
     code_hash                TEXT UNIQUE,
     code_sealed_for_citizen  TEXT,
     code_expires_at          BIGINT NOT NULL,
     irma_token_sealed        TEXT,
     attributes_sealed        TEXT,
     switchboard_call_id      TEXT,
     caller_id_sealed         TEXT,
     created_at               BIGINT NOT NULL,
     disclosed_at             BIGINT,
     called_at                BIGINT,
     taken_by                 TEXT,
     taken_by_name            TEXT,
     taken_at                 BIGINT,
     delete_at                BIGINT NOT NULL
   );
   CREATE INDEX calls_delete_at ON calls (delete_at);
   CREATE INDEX calls_status ON calls (status);
   CREATE INDEX calls_switchboard_call ON calls (switchboard_call_id);
   CREATE TABLE agents (
     agent_id              TEXT PRIMARY KEY,
     username              TEXT NOT NULL UNIQUE,
     display_name          TEXT NOT NULL,
     role                  TEXT NOT NULL CHECK (role IN ('agent', 'admin')),
     password_hash         TEXT NOT NULL,
     must_change_password  BOOLEAN NOT NULL DEFAULT FALSE,
     password_expires_at   BIGINT,
     failed_logins         BIGINT NOT NULL DEFAULT 0,
     locked_until          BIGINT,
     created_at            BIGINT NOT NULL
   );
   CREATE TABLE agent_sessions (
     session_hash  TEXT PRIMARY KEY,
     agent_id      TEXT NOT NULL REFERENCES agents (agent_id) ON DELETE CASCADE,
     csrf_token    TEXT NOT NULL,
     created_at    BIGINT NOT NULL,
     last_seen_at  BIGINT NOT NULL
   );
   CREATE INDEX agent_sessions_agent ON agent_sessions (agent_id);
   CREATE TABLE audit_log (
     seq      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     at       BIGINT NOT NULL,
     type     TEXT NOT NULL,
     actor    TEXT,
     subject  TEXT,
     detail   TEXT
   );
   CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'the audit log is append-only'; END
   $$;
   CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
     FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
   CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
     FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
   CREATE TABLE users (
     user_id     TEXT PRIMARY KEY,
     created_at  BIGINT NOT NULL
   );
   CREATE TABLE passkeys (
     passkey_id          TEXT PRIMARY KEY,
     user_id             TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
     credential_id_hash  TEXT NOT NULL UNIQUE,
     credential_sealed   TEXT NOT NULL,
     counter             BIGINT NOT NULL,
     created_at          BIGINT NOT NULL,
     last_used_at        BIGINT
   );
   CREATE INDEX passkeys_user ON passkeys (user_id);
   CREATE TABLE user_sessions (
     session_hash     TEXT PRIMARY KEY,
     user_id          TEXT,
     passkey_id       TEXT,
     verified_at      BIGINT,
     challenge        TEXT,
     challenge_kind   TEXT,
     pending_user_id  TEXT,
     created_at       BIGINT NOT NULL,
     expires_at       BIGINT NOT NULL
   );
   CREATE INDEX user_sessions_expiry ON user_sessions (expires_at);
   CREATE TABLE oauth_pushed_requests (
     request_hash    TEXT PRIMARY KEY,
     consumer_id     TEXT NOT NULL,
     request_sealed  TEXT NOT NULL,
     expires_at      BIGINT NOT NULL
   );
   CREATE TABLE oauth_sign_in_flows (
     flow_id         TEXT PRIMARY KEY,
     consumer_id     TEXT NOT NULL,
     session_hash    TEXT NOT NULL,
     request_sealed  TEXT NOT NULL,
     expires_at      BIGINT NOT NULL
   );
   CREATE TABLE oauth_codes (
     code_hash       TEXT PRIMARY KEY,
     consumer_id     TEXT NOT NULL,
     user_id         TEXT NOT NULL,
     redirect_uri    TEXT NOT NULL,
     code_challenge  TEXT NOT NULL,
     scope           TEXT NOT NULL,
     nonce           TEXT,
     auth_time       BIGINT NOT NULL DEFAULT 0,
     expires_at      BIGINT NOT NULL
   );
   CREATE TABLE oauth_access_tokens (
     token_hash   TEXT PRIMARY KEY,
     consumer_id  TEXT NOT NULL,
     user_id      TEXT NOT NULL,
     scope        TEXT NOT NULL,
     code_hash    TEXT,
     expires_at   BIGINT NOT NULL
   );
   CREATE INDEX oauth_access_tokens_code ON oauth_access_tokens (code_hash);
   CREATE TABLE oauth_subjects (
     consumer_id  TEXT NOT NULL,
     sub          TEXT NOT NULL,
     user_id      TEXT NOT NULL,
     created_at   BIGINT NOT NULL,
     PRIMARY KEY (consumer_id, sub)
   );
   CREATE INDEX oauth_subjects_user ON oauth_subjects (user_id);
   CREATE TABLE once_ids (
     key         TEXT PRIMARY KEY,
     expires_at  BIGINT NOT NULL
   );
   CREATE TABLE signing_keys (
     kid            TEXT PRIMARY KEY,
     jwk            TEXT NOT NULL,
     first_used_at  BIGINT NOT NULL,
     last_used_at   BIGINT NOT NULL
   );
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
     confirmation_attempts_left  BIGINT NOT NULL,
     uses_left                   BIGINT NOT NULL,
     created_at                  BIGINT NOT NULL,
     expires_at                  BIGINT NOT NULL
   );
   CREATE TABLE connect_requests (
     request_id          TEXT PRIMARY KEY,
     consumer_id         TEXT NOT NULL,
     provider_id         TEXT NOT NULL,
     user_id             TEXT NOT NULL,
     return_url          TEXT NOT NULL,
     state_sealed        TEXT NOT NULL,
     state               TEXT NOT NULL,
     session_hash        TEXT,
     passkey_id          TEXT,
     token_id            TEXT,
     connection_id       TEXT,
     return_secret_hash  TEXT,
     created_at          BIGINT NOT NULL,
     redeemed_at         BIGINT,
     expires_at          BIGINT NOT NULL
   );
   CREATE TABLE connections (
     connection_id        TEXT PRIMARY KEY,
     user_id              TEXT NOT NULL,
     provider_id          TEXT NOT NULL,
     provider_pseudonym   TEXT NOT NULL,
     customer_ref_sealed  TEXT NOT NULL,
     status               TEXT NOT NULL CHECK (status IN ('active', 'ended')),
     created_at           BIGINT NOT NULL,
     ended_at             BIGINT,
     ended_by             TEXT,
     UNIQUE (provider_id, provider_pseudonym)
   );
   CREATE INDEX connections_user ON connections (user_id);
   CREATE TABLE services (
     provider_id    TEXT NOT NULL,
     service_type   TEXT NOT NULL,
     version        BIGINT NOT NULL,
     description    TEXT NOT NULL,
     registered_at  BIGINT NOT NULL,
     PRIMARY KEY (provider_id, service_type, version)
   );
   CREATE TABLE party_events (
     seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     party_id  TEXT NOT NULL,
     type      TEXT NOT NULL,
     data      TEXT NOT NULL,
     at        BIGINT NOT NULL
   );
   CREATE INDEX party_events_party ON party_events (party_id, seq);
   CREATE TABLE consents (
     consent_id          TEXT PRIMARY KEY,
     consumer_id         TEXT NOT NULL,
     user_id             TEXT NOT NULL,
     sub                 TEXT NOT NULL,
     service_type        TEXT NOT NULL,
     purpose             TEXT NOT NULL,
     fields              TEXT NOT NULL,
     provider_choice     TEXT NOT NULL,
     mode                TEXT NOT NULL CHECK (mode IN ('one-off', 'recurring')),
     valid_until         BIGINT NOT NULL,
     state               TEXT NOT NULL,
     status_token_hash   TEXT NOT NULL,
     return_url          TEXT,
     state_sealed        TEXT,
     created_at          BIGINT NOT NULL,
     request_expires_at  BIGINT NOT NULL,
     decided_at          BIGINT,
     receipt             TEXT,
     ended_by            TEXT
   );
   CREATE INDEX consents_user ON consents (user_id);
   CREATE INDEX consents_due ON consents (state, valid_until);
   CREATE TABLE data_references (
     reference_id       TEXT PRIMARY KEY,
     consent_id         TEXT NOT NULL REFERENCES consents (consent_id) ON DELETE CASCADE,
     connection_id      TEXT NOT NULL,
     provider_id        TEXT NOT NULL,
     operation_sealed   TEXT NOT NULL,
     used_at            BIGINT,
     created_at         BIGINT NOT NULL
   );
   CREATE INDEX data_references_consent ON data_references (consent_id);
   CREATE INDEX data_references_connection ON data_references (connection_id);
   CREATE TABLE consent_uses (
     seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     consent_id    TEXT NOT NULL REFERENCES consents (consent_id) ON DELETE CASCADE,
     reference_id  TEXT NOT NULL,
     consumer_id   TEXT NOT NULL,
     provider_id   TEXT NOT NULL,
     at            BIGINT NOT NULL,
     outcome       TEXT NOT NULL
   );
   CREATE INDEX consent_uses_consent ON consent_uses (consent_id, seq);
   CREATE TABLE status_counters (
     issuer_id   TEXT PRIMARY KEY,
     next_index  BIGINT NOT NULL
   );
   CREATE TABLE status_entries (
     issuer_id    TEXT NOT NULL,
     subject_key  TEXT NOT NULL,
     vct          TEXT NOT NULL,
     idx          BIGINT NOT NULL,
     PRIMARY KEY (issuer_id, subject_key, vct)
   );
   CREATE TABLE status_revoked (
     issuer_id  TEXT NOT NULL,
     idx        BIGINT NOT NULL,
     PRIMARY KEY (issuer_id, idx)
   );
   CREATE TABLE my_data_views (
     view_id              TEXT PRIMARY KEY,
     provider_id          TEXT NOT NULL,
     customer_ref_sealed  TEXT NOT NULL,
     token_hash           TEXT NOT NULL UNIQUE,
     token_expires_at     BIGINT NOT NULL,
     secret_hash          TEXT,
     expires_at           BIGINT NOT NULL,
     created_at           BIGINT NOT NULL
   );
   CREATE TABLE my_data_corrections (
     correction_id        TEXT PRIMARY KEY,
     provider_id          TEXT NOT NULL,
     subject_key          TEXT NOT NULL,
     customer_ref_sealed  TEXT NOT NULL,
     service_type         TEXT NOT NULL,
     field                TEXT NOT NULL,
     proposal_sealed      TEXT NOT NULL,
     state                TEXT NOT NULL,
     draft_expires_at     BIGINT NOT NULL,
     user_id              TEXT,
     submitted_at         BIGINT,
     answer_due_by        BIGINT,
     answered_at          BIGINT,
     answer_sealed        TEXT
   );
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
     expires_at           BIGINT NOT NULL,
     consent_id           TEXT,
     reference_id         TEXT UNIQUE,
     created_at           BIGINT NOT NULL
   );
   CREATE TABLE data_fetches (
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
     fetched_at            BIGINT,
     expires_at            BIGINT NOT NULL,
     created_at            BIGINT NOT NULL
   );
   CREATE INDEX data_fetches_expiry ON data_fetches (expires_at);
   CREATE TABLE arrangements (
     arrangement_id   TEXT PRIMARY KEY,
     provider_id      TEXT NOT NULL,
     consumer_id      TEXT NOT NULL,
     user_id          TEXT NOT NULL,
     sub              TEXT NOT NULL,
     connection_id    TEXT NOT NULL,
     state            TEXT NOT NULL,
     version          BIGINT NOT NULL,
     flow_id          TEXT UNIQUE,
     flow_step        TEXT,
     flow_expires_at  BIGINT,
     policy_version   BIGINT NOT NULL,
     policy_hash      TEXT NOT NULL,
     outcome          TEXT NOT NULL,
     terms_sealed     TEXT NOT NULL,
     instalments      TEXT NOT NULL,
     missed_count     BIGINT NOT NULL,
     receipt          TEXT,
     decision         TEXT,
     created_at       BIGINT NOT NULL,
     updated_at       BIGINT NOT NULL,
     delete_at        BIGINT NOT NULL
   );
   CREATE INDEX arrangements_provider ON arrangements (provider_id);
   CREATE INDEX arrangements_user ON arrangements (user_id);
   CREATE INDEX arrangements_delete_at ON arrangements (delete_at);
   CREATE TABLE arrangement_open (
     connection_id    TEXT PRIMARY KEY,
     arrangement_id   TEXT NOT NULL
   );
   -- The console feed: numbered entries (ids only, no personal data) and where the numbering stands.
   CREATE TABLE console_feed_position (
     epoch  TEXT NOT NULL,
     seq    BIGINT NOT NULL
   );
   INSERT INTO console_feed_position (epoch, seq)
     VALUES (substr(md5(random()::text || clock_timestamp()::text), 1, 12), 0);
   CREATE TABLE console_feed (
     seq      BIGINT PRIMARY KEY,
     payload  TEXT NOT NULL
   );`,
];

/** The schema every instance shares beside the tenants': attempt counters, counted for the whole service. */
const SHARED_MIGRATIONS: readonly string[] = [
  `CREATE TABLE attempt_counters (
     key          TEXT PRIMARY KEY,
     count        BIGINT NOT NULL,
     window_ends  BIGINT NOT NULL
   );
   CREATE INDEX attempt_counters_window ON attempt_counters (window_ends);`,
];

/** One number for the whole database: instances starting together migrate one after the other. */
const MIGRATION_LOCK = 0x7265_6769; // "regi"

async function migrateSchema(client: pg.PoolClient, schema: string, steps: readonly string[]): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_version (version INTEGER NOT NULL)`);
  await client.query(
    `INSERT INTO ${schema}.schema_version (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM ${schema}.schema_version)`,
  );
  const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${schema}.schema_version`);
  for (let version = rows[0]!.version; version < steps.length; version++) {
    await client.query('BEGIN');
    try {
      // The step's own names resolve in this schema only.
      await client.query(`SET LOCAL search_path = ${schema}, public`);
      await client.query(steps[version]!);
      await client.query(`UPDATE ${schema}.schema_version SET version = $1`, [version + 1]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
}

/**
 * Brings the shared schema and every tenant's schema up to date. A session
 * advisory lock makes instances that start at the same time take turns: the
 * first runs the steps, the others find them done.
 */
export async function migrate(pool: pg.Pool, schemas: { shared: string; tenants: readonly string[] }): Promise<void> {
  const client = await pool.connect();
  // The pool does not listen to a client it lent out; a connection lost now fails the next statement instead.
  client.on('error', () => undefined);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrateSchema(client, schemas.shared, SHARED_MIGRATIONS);
      for (const schema of schemas.tenants) await migrateSchema(client, schema, TENANT_MIGRATIONS);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
