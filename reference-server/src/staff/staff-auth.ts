import type { AgentProfile } from '@regiekit/sdk/protocol';
import type { AppConfig } from '../config/resolve-config.js';
import { hashToken } from '../crypto/key-ring.js';
import { randomToken } from '../crypto/random.js';
import { ApiError } from '../http/api-error.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';
import type { AttemptCounter, AttemptCounters } from '../shared/attempt-counter.js';
import type { AuditLog } from './audit-log.js';
import { checkPasswordPolicy, decoyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import type { AgentRecord, AgentSessionRecord } from '../storage/staff-store.js';

export interface StaffAuthDeps {
  settings: AppConfig['staff'];
  clock: Clock;
  audit: AuditLog;
  /** Failed logins per client address are counted across instances. */
  counters: AttemptCounters;
}

export interface AuthenticatedStaff {
  agent: AgentRecord;
  session: AgentSessionRecord;
}

/** Failed logins from one address per quarter hour before it has to wait. */
const IP_FAILURES_ALLOWED = 20;
const IP_WINDOW_MS = 15 * 60_000;
/** Writing last-seen on every request would turn reads into writes; a minute is precise enough. */
const TOUCH_EVERY_MS = 60_000;

const invalidCredentials = () => new ApiError(401, 'invalid_credentials', 'Username or password is incorrect.');

export function toProfile(tenantId: string, agent: AgentRecord): AgentProfile {
  return {
    agentId: agent.agentId,
    tenant: tenantId,
    username: agent.username,
    displayName: agent.displayName,
    role: agent.role,
    mustChangePassword: agent.mustChangePassword,
  };
}

/**
 * Staff sign-in: argon2id passwords, lockout per account, throttling per IP,
 * server-side sessions with idle and absolute time-outs. Every refusal looks
 * the same from outside, whatever its reason.
 */
export class StaffAuth {
  private readonly ipFailures: AttemptCounter;
  private readonly revocationListeners = new Set<(agentId: string) => void>();

  constructor(private readonly deps: StaffAuthDeps) {
    this.ipFailures = deps.counters('staff-login-failures', IP_WINDOW_MS);
  }

  async login(
    tenant: TenantContext,
    username: string,
    password: string,
    ip: string,
  ): Promise<{ sessionToken: string; csrfToken: string; agent: AgentRecord }> {
    const { store } = tenant;
    const now = this.deps.clock.now();
    const ipKey = `${tenant.settings.id}|${ip}`;
    if ((await this.ipFailures.count(ipKey)) >= IP_FAILURES_ALLOWED)
      throw new ApiError(429, 'rate_limited', 'Too many failed attempts; wait a few minutes.');

    const agent = await store.agents.byUsername(username.trim().toLowerCase());
    const locked = agent?.lockedUntil != null && agent.lockedUntil > now;
    const expired = agent?.passwordExpiresAt != null && agent.passwordExpiresAt <= now;
    const valid = await verifyPassword(
      agent && !locked && !expired ? agent.passwordHash : await decoyPasswordHash(),
      password,
    );
    if (!agent || locked || expired || !valid) {
      await this.ipFailures.add(ipKey);
      if (agent && !locked)
        await store.agents.recordFailedLogin(
          agent.agentId,
          now,
          this.deps.settings.lockAfterFailures,
          this.deps.settings.lockMinutes * 60_000,
        );
      // An unknown username may be a password typed in the wrong field: it is not recorded.
      await this.deps.audit.record(
        store,
        'login.failed',
        agent
          ? {
              actor: agent.username,
              detail: locked ? 'locked' : expired ? 'temporary password expired' : 'wrong password',
            }
          : { detail: 'unknown account' },
      );
      throw invalidCredentials();
    }

    await store.agents.recordSuccessfulLogin(agent.agentId);
    const sessionToken = randomToken(32);
    const csrfToken = randomToken(32);
    await store.sessions.create({
      sessionHash: hashToken(sessionToken),
      agentId: agent.agentId,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
    });
    await this.deps.audit.record(store, 'login.succeeded', { actor: agent.username });
    return { sessionToken, csrfToken, agent };
  }

  /** The agent behind a session token, or undefined when the session is unknown, expired or its account deleted. */
  async authenticate(tenant: TenantContext, sessionToken: string): Promise<AuthenticatedStaff | undefined> {
    const { store } = tenant;
    const sessionHash = hashToken(sessionToken);
    const session = await store.sessions.get(sessionHash);
    if (!session) return undefined;
    const now = this.deps.clock.now();
    const idle = now - session.lastSeenAt > this.deps.settings.sessionIdleMinutes * 60_000;
    const tooOld = now - session.createdAt > this.deps.settings.sessionAbsoluteHours * 3_600_000;
    const agent = await store.agents.byId(session.agentId);
    if (idle || tooOld || !agent) {
      await store.sessions.delete(sessionHash);
      return undefined;
    }
    if (now - session.lastSeenAt > TOUCH_EVERY_MS) await store.sessions.touch(sessionHash, now);
    return { agent, session };
  }

  async logout(tenant: TenantContext, auth: AuthenticatedStaff): Promise<void> {
    await tenant.store.sessions.delete(auth.session.sessionHash);
    await this.deps.audit.record(tenant.store, 'logout', { actor: auth.agent.username });
  }

  async changePassword(
    tenant: TenantContext,
    auth: AuthenticatedStaff,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    if (!(await verifyPassword(auth.agent.passwordHash, currentPassword))) throw invalidCredentials();
    checkPasswordPolicy(newPassword, auth.agent.username);
    if (newPassword === currentPassword)
      throw new ApiError(400, 'validation_failed', 'The new password must differ from the current one.');
    await tenant.store.agents.setPassword(auth.agent.agentId, await hashPassword(newPassword), false, null);
    await this.deps.audit.record(tenant.store, 'password.changed', { actor: auth.agent.username });
  }

  /** Ends every session of an account at once, live streams included. */
  async revokeAll(tenant: TenantContext, agentId: string): Promise<void> {
    await tenant.store.sessions.deleteForAgent(agentId);
    for (const listener of this.revocationListeners) listener(agentId);
  }

  onRevoked(listener: (agentId: string) => void): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }
}
