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
import { fromRow, fromRows } from '../row-fields.js';
import { setClause, type PgPool } from './pg-sql.js';

export class PgAccountRepository implements AccountRepository {
  constructor(private readonly db: PgPool) {}

  async createUser(user: UserRecord): Promise<void> {
    await this.db.insert('users', user);
  }

  async getUser(userId: string): Promise<UserRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM users WHERE user_id = $1', [userId]));
  }

  async addPasskey(passkey: PasskeyRecord): Promise<void> {
    await this.db.insert('passkeys', passkey);
  }

  async passkeyByCredentialHash(credentialIdHash: string): Promise<PasskeyRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM passkeys WHERE credential_id_hash = $1', [credentialIdHash]));
  }

  async passkeysOf(userId: string): Promise<PasskeyRecord[]> {
    return fromRows(await this.db.rows('SELECT * FROM passkeys WHERE user_id = $1 ORDER BY created_at', [userId]));
  }

  async recordPasskeyUse(passkeyId: string, counter: number, now: number): Promise<boolean> {
    return (
      (await this.db.changes(
        'UPDATE passkeys SET counter = $1, last_used_at = $2 WHERE passkey_id = $3 AND ($1 = 0 OR $1 > counter)',
        [counter, now, passkeyId],
      )) === 1
    );
  }
}

export class PgUserSessionRepository implements UserSessionRepository {
  constructor(private readonly db: PgPool) {}

  async create(session: UserSessionRecord): Promise<void> {
    await this.db.insert('user_sessions', session);
  }

  async get(sessionHash: string): Promise<UserSessionRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM user_sessions WHERE session_hash = $1', [sessionHash]));
  }

  async update(
    sessionHash: string,
    patch: Partial<Omit<UserSessionRecord, 'sessionHash' | 'createdAt'>>,
  ): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.db.changes(`UPDATE user_sessions SET ${setClause(patch, 2)} WHERE session_hash = $1`, [
      sessionHash,
      ...Object.values(patch),
    ]);
  }

  async takeChallenge(
    sessionHash: string,
    kind: 'registration' | 'authentication',
  ): Promise<{ challenge: string; pendingUserId: string | null } | undefined> {
    // RETURNING gives the values after the update, so the row is read under a lock and cleared in one transaction.
    return this.db.transaction(async (tx) => {
      const row = await tx.row<{ challenge: string; pending_user_id: string | null }>(
        `SELECT challenge, pending_user_id FROM user_sessions
         WHERE session_hash = $1 AND challenge_kind = $2 AND challenge IS NOT NULL FOR UPDATE`,
        [sessionHash, kind],
      );
      if (!row) return undefined;
      await tx.changes('UPDATE user_sessions SET challenge = NULL, challenge_kind = NULL WHERE session_hash = $1', [
        sessionHash,
      ]);
      return { challenge: row.challenge, pendingUserId: row.pending_user_id };
    });
  }

  async delete(sessionHash: string): Promise<void> {
    await this.db.changes('DELETE FROM user_sessions WHERE session_hash = $1', [sessionHash]);
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db.changes('DELETE FROM user_sessions WHERE expires_at <= $1', [now]);
  }
}

export class PgOAuthRepository implements OAuthRepository {
  constructor(private readonly db: PgPool) {}

  async savePushedRequest(request: PushedRequestRecord): Promise<void> {
    await this.db.insert('oauth_pushed_requests', request);
  }

  async takePushedRequest(requestHash: string, now: number): Promise<PushedRequestRecord | undefined> {
    return fromRow(
      await this.db.row('DELETE FROM oauth_pushed_requests WHERE request_hash = $1 AND expires_at > $2 RETURNING *', [
        requestHash,
        now,
      ]),
    );
  }

  async saveSignInFlow(flow: SignInFlowRecord): Promise<void> {
    await this.db.insert('oauth_sign_in_flows', flow);
  }

  async getSignInFlow(flowId: string, now: number): Promise<SignInFlowRecord | undefined> {
    return fromRow(
      await this.db.row('SELECT * FROM oauth_sign_in_flows WHERE flow_id = $1 AND expires_at > $2', [flowId, now]),
    );
  }

  async takeSignInFlow(flowId: string, now: number): Promise<SignInFlowRecord | undefined> {
    return fromRow(
      await this.db.row('DELETE FROM oauth_sign_in_flows WHERE flow_id = $1 AND expires_at > $2 RETURNING *', [
        flowId,
        now,
      ]),
    );
  }

  async saveCode(code: AuthorizationCodeRecord): Promise<void> {
    await this.db.insert('oauth_codes', code);
  }

  async takeCode(codeHash: string, now: number): Promise<AuthorizationCodeRecord | undefined> {
    return fromRow(
      await this.db.row('DELETE FROM oauth_codes WHERE code_hash = $1 AND expires_at > $2 RETURNING *', [
        codeHash,
        now,
      ]),
    );
  }

  async saveAccessToken(token: AccessTokenRecord): Promise<void> {
    await this.db.insert('oauth_access_tokens', token);
  }

  async revokeTokensOfCode(codeHash: string): Promise<number> {
    return this.db.changes('DELETE FROM oauth_access_tokens WHERE code_hash = $1', [codeHash]);
  }

  async getAccessToken(tokenHash: string, now: number): Promise<AccessTokenRecord | undefined> {
    return fromRow(
      await this.db.row('SELECT * FROM oauth_access_tokens WHERE token_hash = $1 AND expires_at > $2', [
        tokenHash,
        now,
      ]),
    );
  }

  async rememberSubject(consumerId: string, sub: string, userId: string, now: number): Promise<void> {
    await this.db.changes(
      'INSERT INTO oauth_subjects (consumer_id, sub, user_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (consumer_id, sub) DO NOTHING',
      [consumerId, sub, userId, now],
    );
  }

  async userOfSubject(consumerId: string, sub: string): Promise<string | undefined> {
    return (
      await this.db.row<{ user_id: string }>('SELECT user_id FROM oauth_subjects WHERE consumer_id = $1 AND sub = $2', [
        consumerId,
        sub,
      ])
    )?.user_id;
  }

  async subjectOf(consumerId: string, userId: string): Promise<string | undefined> {
    return (
      await this.db.row<{ sub: string }>(
        'SELECT sub FROM oauth_subjects WHERE consumer_id = $1 AND user_id = $2 LIMIT 1',
        [consumerId, userId],
      )
    )?.sub;
  }

  async subjectsOfUser(userId: string): Promise<{ consumerId: string; sub: string }[]> {
    return fromRows(await this.db.rows('SELECT consumer_id, sub FROM oauth_subjects WHERE user_id = $1', [userId]));
  }

  async deleteExpired(now: number): Promise<number> {
    let deleted = 0;
    for (const table of ['oauth_pushed_requests', 'oauth_sign_in_flows', 'oauth_codes', 'oauth_access_tokens']) {
      deleted += await this.db.changes(`DELETE FROM ${table} WHERE expires_at <= $1`, [now]);
    }
    return deleted;
  }
}

export class PgOnceIdRepository implements OnceIdRepository {
  constructor(private readonly db: PgPool) {}

  async firstUse(key: string, expiresAt: number, now: number): Promise<boolean> {
    // A value whose time is over may be used again; a live one only once.
    return (
      (await this.db.changes(
        `INSERT INTO once_ids (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE once_ids.expires_at <= $3`,
        [key, expiresAt, now],
      )) === 1
    );
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db.changes('DELETE FROM once_ids WHERE expires_at <= $1', [now]);
  }
}

export class PgSigningKeyRepository implements SigningKeyRepository {
  constructor(private readonly db: PgPool) {}

  async recordUse(kid: string, jwk: string, now: number): Promise<void> {
    await this.db.changes(
      `INSERT INTO signing_keys (kid, jwk, first_used_at, last_used_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (kid) DO UPDATE SET last_used_at = GREATEST(signing_keys.last_used_at, excluded.last_used_at)`,
      [kid, jwk, now],
    );
  }

  async list(): Promise<SigningKeyRecord[]> {
    return fromRows(await this.db.rows('SELECT * FROM signing_keys ORDER BY first_used_at'));
  }
}
