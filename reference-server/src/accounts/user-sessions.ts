import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomToken } from '../crypto/random.js';
import { ApiError } from '../http/api-error.js';
import type { UserSessionRecord } from '../storage/account-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';
import { hashToken } from '../crypto/key-ring.js';

/** A browser session on the server's origin lasts this long from its start. */
const SESSION_MS = 60 * 60 * 1000;

/** An approval must follow its passkey ceremony within this time. */
export const FRESH_PASSKEY_MS = 5 * 60 * 1000;

export interface CurrentSession {
  hash: string;
  record: UserSessionRecord;
}

/**
 * The user's browser session on the server's own origin. The cookie is
 * HttpOnly and SameSite=Lax: Lax, because the user comes back to this origin
 * by a top-level redirect from the provider's site and the same session must
 * finish what it started. Under TLS it is `__Host-` and Secure. The cookie
 * carries `<tenant>.<token>`; the store keeps only the token's hash.
 */
export class UserSessions {
  readonly cookieName: string;

  constructor(
    private readonly secure: boolean,
    private readonly clock: Clock,
  ) {
    this.cookieName = secure ? '__Host-regie_user' : 'regie_user';
  }

  async current(c: Context, tenant: TenantContext): Promise<CurrentSession | undefined> {
    const value = getCookie(c, this.cookieName);
    const dot = value?.indexOf('.') ?? -1;
    if (!value || dot < 1 || value.slice(0, dot) !== tenant.settings.id) return undefined;
    const hash = hashToken(value.slice(dot + 1));
    const record = await tenant.store.userSessions.get(hash);
    if (!record || record.expiresAt <= this.clock.now()) return undefined;
    return { hash, record };
  }

  /** The current session, or a new anonymous one (cookie set on the response). */
  async ensure(c: Context, tenant: TenantContext): Promise<CurrentSession> {
    const existing = await this.current(c, tenant);
    if (existing) return existing;
    const token = randomToken();
    const now = this.clock.now();
    const record: UserSessionRecord = {
      sessionHash: hashToken(token),
      userId: null,
      passkeyId: null,
      verifiedAt: null,
      challenge: null,
      challengeKind: null,
      pendingUserId: null,
      createdAt: now,
      expiresAt: now + SESSION_MS,
    };
    await tenant.store.userSessions.create(record);
    setCookie(c, this.cookieName, `${tenant.settings.id}.${token}`, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: this.secure,
      path: '/',
      maxAge: SESSION_MS / 1000,
    });
    return { hash: record.sessionHash, record };
  }

  /** The session of a signed-in user, or 401. */
  async signedIn(c: Context, tenant: TenantContext): Promise<CurrentSession & { userId: string }> {
    const session = await this.current(c, tenant);
    if (!session?.record.userId) throw new ApiError(401, 'unauthorized', 'Sign in with your passkey first.');
    return { ...session, userId: session.record.userId };
  }

  /**
   * The signed-in user whose passkey ceremony just happened in this session:
   * what every binding decision requires. `after`: the ceremony must also be
   * later than this moment (e.g. the provider's redemption).
   */
  async freshlyVerified(
    c: Context,
    tenant: TenantContext,
    after = -1,
  ): Promise<CurrentSession & { userId: string; passkeyId: string }> {
    const session = await this.current(c, tenant);
    const { userId, passkeyId, verifiedAt } = session?.record ?? {};
    if (
      !session ||
      !userId ||
      !passkeyId ||
      !verifiedAt ||
      verifiedAt <= after ||
      verifiedAt < this.clock.now() - FRESH_PASSKEY_MS
    ) {
      throw new ApiError(401, 'passkey_required', 'Confirm with your passkey first.');
    }
    return { ...session, userId, passkeyId };
  }

  async end(c: Context, tenant: TenantContext): Promise<void> {
    const session = await this.current(c, tenant);
    if (session) await tenant.store.userSessions.delete(session.hash);
    deleteCookie(c, this.cookieName, { path: '/', secure: this.secure });
  }
}
