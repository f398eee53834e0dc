import type Database from 'better-sqlite3';
import type {
  AccessTokenRecord,
  AccountRepository,
  AuthorizationCodeRecord,
  OAuthRepository,
  OnceIdRepository,
  PasskeyRecord,
  PushedRequestRecord,
  SignInFlowRecord,
  SigningKeyRecord,
  SigningKeyRepository,
  UserRecord,
  UserSessionRecord,
  UserSessionRepository,
} from '../account-store.js';
import { fromRow, fromRows, insertRow, setClause } from './row-mapping.js';

type Row = Record<string, unknown>;

export class SqliteAccountRepository implements AccountRepository {
  constructor(private readonly db: Database.Database) {}

  async createUser(user: UserRecord): Promise<void> {
    insertRow(this.db, 'users', user);
  }

  async getUser(userId: string): Promise<UserRecord | undefined> {
    return fromRow(this.db.prepare<[string], Row>('SELECT * FROM users WHERE user_id = ?').get(userId));
  }

  async addPasskey(passkey: PasskeyRecord): Promise<void> {
    insertRow(this.db, 'passkeys', passkey);
  }

  async passkeyByCredentialHash(credentialIdHash: string): Promise<PasskeyRecord | undefined> {
    return fromRow(
      this.db.prepare<[string], Row>('SELECT * FROM passkeys WHERE credential_id_hash = ?').get(credentialIdHash),
    );
  }

  async passkeysOf(userId: string): Promise<PasskeyRecord[]> {
    return fromRows(
      this.db.prepare<[string], Row>('SELECT * FROM passkeys WHERE user_id = ? ORDER BY created_at').all(userId),
    );
  }

  async recordPasskeyUse(passkeyId: string, counter: number, now: number): Promise<boolean> {
    const result = this.db
      .prepare(
        'UPDATE passkeys SET counter = @counter, last_used_at = @now WHERE passkey_id = @passkeyId AND (@counter = 0 OR @counter > counter)',
      )
      .run({ passkeyId, counter, now });
    return result.changes === 1;
  }
}

export class SqliteUserSessionRepository implements UserSessionRepository {
  constructor(private readonly db: Database.Database) {}

  async create(session: UserSessionRecord): Promise<void> {
    insertRow(this.db, 'user_sessions', session);
  }

  async get(sessionHash: string): Promise<UserSessionRecord | undefined> {
    return fromRow(
      this.db.prepare<[string], Row>('SELECT * FROM user_sessions WHERE session_hash = ?').get(sessionHash),
    );
  }

  async update(
    sessionHash: string,
    patch: Partial<Omit<UserSessionRecord, 'sessionHash' | 'createdAt'>>,
  ): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    this.db
      .prepare(`UPDATE user_sessions SET ${setClause(patch)} WHERE session_hash = @sessionHash`)
      .run({ ...patch, sessionHash });
  }

  async takeChallenge(
    sessionHash: string,
    kind: 'registration' | 'authentication',
  ): Promise<{ challenge: string; pendingUserId: string | null } | undefined> {
    // RETURNING gives the values after the update, so read and clear in one immediate transaction.
    return this.db
      .transaction(() => {
        const row = this.db
          .prepare<[string, string], { challenge: string; pending_user_id: string | null }>(
            'SELECT challenge, pending_user_id FROM user_sessions WHERE session_hash = ? AND challenge_kind = ? AND challenge IS NOT NULL',
          )
          .get(sessionHash, kind);
        if (!row) return undefined;
        this.db
          .prepare('UPDATE user_sessions SET challenge = NULL, challenge_kind = NULL WHERE session_hash = ?')
          .run(sessionHash);
        return { challenge: row.challenge, pendingUserId: row.pending_user_id };
      })
      .immediate();
  }

  async delete(sessionHash: string): Promise<void> {
    this.db.prepare('DELETE FROM user_sessions WHERE session_hash = ?').run(sessionHash);
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db.prepare('DELETE FROM user_sessions WHERE expires_at <= ?').run(now).changes;
  }
}

export class SqliteOAuthRepository implements OAuthRepository {
  constructor(private readonly db: Database.Database) {}

  async savePushedRequest(request: PushedRequestRecord): Promise<void> {
    insertRow(this.db, 'oauth_pushed_requests', request);
  }

  async takePushedRequest(requestHash: string, now: number): Promise<PushedRequestRecord | undefined> {
    return fromRow(
      this.db
        .prepare<[string, number], Row>(
          'DELETE FROM oauth_pushed_requests WHERE request_hash = ? AND expires_at > ? RETURNING *',
        )
        .get(requestHash, now),
    );
  }

  async saveSignInFlow(flow: SignInFlowRecord): Promise<void> {
    insertRow(this.db, 'oauth_sign_in_flows', flow);
  }

  async getSignInFlow(flowId: string, now: number): Promise<SignInFlowRecord | undefined> {
    return fromRow(
      this.db
        .prepare<[string, number], Row>('SELECT * FROM oauth_sign_in_flows WHERE flow_id = ? AND expires_at > ?')
        .get(flowId, now),
    );
  }

  async takeSignInFlow(flowId: string, now: number): Promise<SignInFlowRecord | undefined> {
    return fromRow(
      this.db
        .prepare<[string, number], Row>(
          'DELETE FROM oauth_sign_in_flows WHERE flow_id = ? AND expires_at > ? RETURNING *',
        )
        .get(flowId, now),
    );
  }

  async saveCode(code: AuthorizationCodeRecord): Promise<void> {
    insertRow(this.db, 'oauth_codes', code);
  }

  async takeCode(codeHash: string, now: number): Promise<AuthorizationCodeRecord | undefined> {
    return fromRow(
      this.db
        .prepare<[string, number], Row>('DELETE FROM oauth_codes WHERE code_hash = ? AND expires_at > ? RETURNING *')
        .get(codeHash, now),
    );
  }

  async saveAccessToken(token: AccessTokenRecord): Promise<void> {
    insertRow(this.db, 'oauth_access_tokens', token);
  }

  async revokeTokensOfCode(codeHash: string): Promise<number> {
    return this.db.prepare('DELETE FROM oauth_access_tokens WHERE code_hash = ?').run(codeHash).changes;
  }

  async getAccessToken(tokenHash: string, now: number): Promise<AccessTokenRecord | undefined> {
    return fromRow(
      this.db
        .prepare<[string, number], Row>('SELECT * FROM oauth_access_tokens WHERE token_hash = ? AND expires_at > ?')
        .get(tokenHash, now),
    );
  }

  async rememberSubject(consumerId: string, sub: string, userId: string, now: number): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO oauth_subjects (consumer_id, sub, user_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (consumer_id, sub) DO NOTHING',
      )
      .run(consumerId, sub, userId, now);
  }

  async userOfSubject(consumerId: string, sub: string): Promise<string | undefined> {
    return this.db
      .prepare<[string, string], { user_id: string }>(
        'SELECT user_id FROM oauth_subjects WHERE consumer_id = ? AND sub = ?',
      )
      .get(consumerId, sub)?.user_id;
  }

  async subjectOf(consumerId: string, userId: string): Promise<string | undefined> {
    return this.db
      .prepare<[string, string], { sub: string }>(
        'SELECT sub FROM oauth_subjects WHERE consumer_id = ? AND user_id = ?',
      )
      .get(consumerId, userId)?.sub;
  }

  async subjectsOfUser(userId: string): Promise<{ consumerId: string; sub: string }[]> {
    return fromRows(
      this.db.prepare<[string], Row>('SELECT consumer_id, sub FROM oauth_subjects WHERE user_id = ?').all(userId),
    );
  }

  async deleteExpired(now: number): Promise<number> {
    let deleted = 0;
    for (const table of ['oauth_pushed_requests', 'oauth_sign_in_flows', 'oauth_codes', 'oauth_access_tokens']) {
      deleted += this.db.prepare(`DELETE FROM ${table} WHERE expires_at <= ?`).run(now).changes;
    }
    return deleted;
  }
}

export class SqliteOnceIdRepository implements OnceIdRepository {
  constructor(private readonly db: Database.Database) {}

  async firstUse(key: string, expiresAt: number, now: number): Promise<boolean> {
    // A value whose time is over may be used again; a live one only once.
    return (
      this.db
        .prepare(
          `INSERT INTO once_ids (key, expires_at) VALUES (?, ?)
           ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE once_ids.expires_at <= ?`,
        )
        .run(key, expiresAt, now).changes === 1
    );
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db.prepare('DELETE FROM once_ids WHERE expires_at <= ?').run(now).changes;
  }
}

export class SqliteSigningKeyRepository implements SigningKeyRepository {
  constructor(private readonly db: Database.Database) {}

  async recordUse(kid: string, jwk: string, now: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO signing_keys (kid, jwk, first_used_at, last_used_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (kid) DO UPDATE SET last_used_at = MAX(last_used_at, excluded.last_used_at)`,
      )
      .run(kid, jwk, now, now);
  }

  async list(): Promise<SigningKeyRecord[]> {
    return fromRows(this.db.prepare<[], Row>('SELECT * FROM signing_keys ORDER BY first_used_at').all());
  }
}
