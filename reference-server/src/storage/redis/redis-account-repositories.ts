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
import { indexEntry, ttlUntil, type Keyspace } from './redis-keyspace.js';
import { ExpiryIndex } from './expiry-index.js';

/** Regie accounts and passkeys: `user:<id>`, `passkey:<id>`, `passkey-credential:<hash>` -> id, `user-passkeys:<user>`. */
export class RedisAccountRepository implements AccountRepository {
  constructor(private readonly space: Keyspace) {}

  async createUser(user: UserRecord): Promise<void> {
    await this.space.insert(this.space.key('user', user.userId), user);
  }

  getUser(userId: string): Promise<UserRecord | undefined> {
    return this.space.read(this.space.key('user', userId));
  }

  async addPasskey(passkey: PasskeyRecord): Promise<void> {
    const credential = this.space.key('passkey-credential', passkey.credentialIdHash);
    const added = await this.space.insert(this.space.key('passkey', passkey.passkeyId), passkey, {
      unique: [{ key: credential }],
      effects: [
        ['SET', credential, indexEntry(passkey.passkeyId)],
        ['SADD', this.space.key('user-passkeys', passkey.userId), passkey.passkeyId],
      ],
    });
    if (!added) throw new Error('passkey already registered');
  }

  async passkeyByCredentialHash(credentialIdHash: string): Promise<PasskeyRecord | undefined> {
    const passkeyId = await this.space.holderOf(this.space.key('passkey-credential', credentialIdHash));
    return passkeyId ? this.space.read(this.space.key('passkey', passkeyId)) : undefined;
  }

  async passkeysOf(userId: string): Promise<PasskeyRecord[]> {
    const ids = await this.space.client.smembers(this.space.key('user-passkeys', userId));
    const passkeys = await this.space.readMany<PasskeyRecord>(ids.map((id) => this.space.key('passkey', id)));
    return passkeys.sort((a, b) => a.createdAt - b.createdAt);
  }

  async recordPasskeyUse(passkeyId: string, counter: number, now: number): Promise<boolean> {
    const changed = await this.space.update(this.space.key('passkey', passkeyId), {
      when: counter === 0 ? [] : [['counter', 'lt', counter]],
      set: { counter, lastUsedAt: now },
    });
    return changed !== undefined;
  }
}

/** Browser sessions on the server's origin: `user-session:<hash>` with a TTL, and a sorted set by expiry. */
export class RedisUserSessionRepository implements UserSessionRepository {
  private readonly byExpiry: ExpiryIndex;

  constructor(private readonly space: Keyspace) {
    this.byExpiry = new ExpiryIndex(space, space.key('user-sessions', 'by-expiry'));
  }

  private session(sessionHash: string): string {
    return this.space.key('user-session', sessionHash);
  }

  async create(session: UserSessionRecord): Promise<void> {
    const key = this.session(session.sessionHash);
    await this.space.insert(key, session, {
      effects: this.byExpiry.added(
        key,
        session.sessionHash,
        session.expiresAt,
        ttlUntil(session.expiresAt, session.createdAt),
      ),
    });
  }

  get(sessionHash: string): Promise<UserSessionRecord | undefined> {
    return this.space.read(this.session(sessionHash));
  }

  async update(
    sessionHash: string,
    patch: Partial<Omit<UserSessionRecord, 'sessionHash' | 'createdAt'>>,
  ): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    const effects = patch.expiresAt === undefined ? [] : [this.byExpiry.moved(sessionHash, patch.expiresAt)];
    await this.space.update(this.session(sessionHash), { set: patch, effects });
  }

  async takeChallenge(
    sessionHash: string,
    kind: 'registration' | 'authentication',
  ): Promise<{ challenge: string; pendingUserId: string | null } | undefined> {
    const changed = await this.space.update<UserSessionRecord>(this.session(sessionHash), {
      when: [
        ['challengeKind', 'eq', kind],
        ['challenge', 'ne', null],
      ],
      set: { challenge: null, challengeKind: null },
    });
    return changed && { challenge: changed.before.challenge!, pendingUserId: changed.before.pendingUserId };
  }

  async delete(sessionHash: string): Promise<void> {
    await this.space.take(this.session(sessionHash), { effects: [this.byExpiry.removed(sessionHash)] });
  }

  deleteExpired(now: number): Promise<number> {
    return this.byExpiry.sweep(
      now,
      async (sessionHash) =>
        (await this.space.take(this.session(sessionHash), { when: [['expiresAt', 'le', now]] })) !== undefined,
    );
  }
}

type Expiring = { expiresAt: number };

/** One-time ids are kept a few minutes past expiry: an instance whose clock runs behind still knows them. */
const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;
type OneUseKind = 'par' | 'sign-in-flow' | 'oauth-code' | 'access-token';

/**
 * Consumer sign-in state. Pushed requests, sign-in flows, codes and access
 * tokens are short-lived records with TTLs; subjects are the lasting map from
 * each consumer's pseudonym to the user.
 */
export class RedisOAuthRepository implements OAuthRepository {
  /** Members are `<kind>|<id>`: one index for the four kinds of record. */
  private readonly byExpiry: ExpiryIndex;

  constructor(private readonly space: Keyspace) {
    this.byExpiry = new ExpiryIndex(space, space.key('oauth', 'by-expiry'));
  }

  private record(kind: OneUseKind, id: string): string {
    return this.space.key(kind, id);
  }

  /** The TTL is a backstop measured from the wall clock: at least the grace period, so it never cuts a record short. */
  private async save(kind: OneUseKind, id: string, record: Expiring): Promise<void> {
    const key = this.record(kind, id);
    await this.space.insert(key, record, {
      effects: this.byExpiry.added(key, `${kind}|${id}`, record.expiresAt, ttlUntil(record.expiresAt, Date.now())),
    });
  }

  private takeLive<T>(kind: OneUseKind, id: string, now: number): Promise<T | undefined> {
    return this.space.take<T>(this.record(kind, id), {
      when: [['expiresAt', 'gt', now]],
      effects: [this.byExpiry.removed(`${kind}|${id}`)],
    });
  }

  private async readLive<T extends Expiring>(kind: OneUseKind, id: string, now: number): Promise<T | undefined> {
    const record = await this.space.read<T>(this.record(kind, id));
    return record && record.expiresAt > now ? record : undefined;
  }

  savePushedRequest(request: PushedRequestRecord): Promise<void> {
    return this.save('par', request.requestHash, request);
  }

  takePushedRequest(requestHash: string, now: number): Promise<PushedRequestRecord | undefined> {
    return this.takeLive('par', requestHash, now);
  }

  saveSignInFlow(flow: SignInFlowRecord): Promise<void> {
    return this.save('sign-in-flow', flow.flowId, flow);
  }

  getSignInFlow(flowId: string, now: number): Promise<SignInFlowRecord | undefined> {
    return this.readLive('sign-in-flow', flowId, now);
  }

  takeSignInFlow(flowId: string, now: number): Promise<SignInFlowRecord | undefined> {
    return this.takeLive('sign-in-flow', flowId, now);
  }

  saveCode(code: AuthorizationCodeRecord): Promise<void> {
    return this.save('oauth-code', code.codeHash, code);
  }

  takeCode(codeHash: string, now: number): Promise<AuthorizationCodeRecord | undefined> {
    return this.takeLive('oauth-code', codeHash, now);
  }

  async saveAccessToken(token: AccessTokenRecord): Promise<void> {
    await this.save('access-token', token.tokenHash, token);
    // Which token a code gave, for as long as the token lives: a replay of the code revokes it.
    if (token.codeHash)
      await this.space.client.set(
        this.space.key('code-token', token.codeHash),
        token.tokenHash,
        'PX',
        ttlUntil(token.expiresAt, Date.now()),
      );
  }

  async revokeTokensOfCode(codeHash: string): Promise<number> {
    const tokenHash = await this.space.client.get(this.space.key('code-token', codeHash));
    if (!tokenHash) return 0;
    const taken = await this.space.take(this.record('access-token', tokenHash), {
      effects: [this.byExpiry.removed(`access-token|${tokenHash}`)],
    });
    return taken ? 1 : 0;
  }

  getAccessToken(tokenHash: string, now: number): Promise<AccessTokenRecord | undefined> {
    return this.readLive('access-token', tokenHash, now);
  }

  async rememberSubject(consumerId: string, sub: string, userId: string, _now: number): Promise<void> {
    // The first mapping of a pseudonym stands, like the unique key in SQLite.
    const created = await this.space.client.set(this.space.key('subject', consumerId, sub), userId, 'NX');
    if (created !== 'OK') return;
    await this.space.client
      .multi()
      .set(this.space.key('subject-of', consumerId, userId), sub, 'NX')
      .hsetnx(this.space.key('user-subjects', userId), consumerId, sub)
      .exec();
  }

  async userOfSubject(consumerId: string, sub: string): Promise<string | undefined> {
    return (await this.space.client.get(this.space.key('subject', consumerId, sub))) ?? undefined;
  }

  async subjectOf(consumerId: string, userId: string): Promise<string | undefined> {
    return (await this.space.client.get(this.space.key('subject-of', consumerId, userId))) ?? undefined;
  }

  async subjectsOfUser(userId: string): Promise<{ consumerId: string; sub: string }[]> {
    const subjects = await this.space.client.hgetall(this.space.key('user-subjects', userId));
    return Object.entries(subjects).map(([consumerId, sub]) => ({ consumerId, sub }));
  }

  async deleteExpired(now: number): Promise<number> {
    return this.byExpiry.sweep(now, async (member) => {
      const [kind, id] = member.split('|') as [OneUseKind, string];
      return (await this.space.take(this.record(kind, id), { when: [['expiresAt', 'le', now]] })) !== undefined;
    });
  }
}

/** One-time ids: `once:<key>` set if absent, living until the value expires (and a few minutes for clock skew). */
export class RedisOnceIdRepository implements OnceIdRepository {
  constructor(private readonly space: Keyspace) {}

  async firstUse(key: string, expiresAt: number, now: number): Promise<boolean> {
    const ttl = Math.max(expiresAt - now, 0) + CLOCK_SKEW_MARGIN_MS;
    return (await this.space.client.set(this.space.key('once', key), '1', 'PX', ttl, 'NX')) === 'OK';
  }

  /** Redis lets them expire by themselves. */
  async deleteExpired(): Promise<number> {
    return 0;
  }
}

/**
 * The server's public keys: `signing-keys` holds per kid the key and when it
 * first signed (set once), `signing-keys-used` when it last signed.
 */
export class RedisSigningKeyRepository implements SigningKeyRepository {
  constructor(private readonly space: Keyspace) {}

  async recordUse(kid: string, jwk: string, now: number): Promise<void> {
    await this.space.client
      .multi()
      .hsetnx(this.space.key('signing-keys'), kid, JSON.stringify({ jwk, firstUsedAt: now }))
      .hset(this.space.key('signing-keys-used'), kid, String(now))
      .exec();
  }

  async list(): Promise<SigningKeyRecord[]> {
    const [keys, used] = await Promise.all([
      this.space.client.hgetall(this.space.key('signing-keys')),
      this.space.client.hgetall(this.space.key('signing-keys-used')),
    ]);
    return Object.entries(keys)
      .map(([kid, raw]) => {
        const { jwk, firstUsedAt } = JSON.parse(raw) as { jwk: string; firstUsedAt: number };
        return { kid, jwk, firstUsedAt, lastUsedAt: Number(used[kid] ?? firstUsedAt) };
      })
      .sort((a, b) => a.firstUsedAt - b.firstUsedAt);
  }
}
