import type {
  AgentSummary,
  AuditEntry,
  AuditEventType,
  CreateAgentRequest,
  TemporaryPassword,
} from '@regiekit/sdk/protocol';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';
import { randomToken } from '../crypto/random.js';
import { ApiError, notFound } from '../http/api-error.js';
import type { AgentRecord } from '../storage/staff-store.js';
import type { StaffAuth, AuthenticatedStaff } from './staff-auth.js';
import type { AuditLog } from './audit-log.js';
import { checkPasswordPolicy, hashPassword, temporaryPassword } from './passwords.js';

const TEMPORARY_PASSWORD_MS = 24 * 3_600_000;

export function toSummary(agent: AgentRecord): AgentSummary {
  return {
    agentId: agent.agentId,
    username: agent.username,
    displayName: agent.displayName,
    role: agent.role,
    createdAt: new Date(agent.createdAt).toISOString(),
    mustChangePassword: agent.mustChangePassword,
  };
}

/** Account management for a tenant's administrators, and the first admin from the CLI. */
export class AdminService {
  constructor(private readonly deps: { clock: Clock; audit: AuditLog; auth: StaffAuth }) {}

  async list(tenant: TenantContext): Promise<AgentSummary[]> {
    return (await tenant.store.agents.list()).map(toSummary);
  }

  async create(tenant: TenantContext, request: CreateAgentRequest, actor: string): Promise<AgentSummary> {
    checkPasswordPolicy(request.password, request.username);
    const agent: AgentRecord = {
      agentId: randomToken(16),
      username: request.username,
      displayName: request.displayName,
      role: request.role,
      passwordHash: await hashPassword(request.password),
      mustChangePassword: false,
      passwordExpiresAt: null,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: this.deps.clock.now(),
    };
    if (!(await tenant.store.agents.create(agent)))
      throw new ApiError(409, 'conflict', 'This username is already taken.');
    await this.deps.audit.record(tenant.store, 'agent.created', {
      actor,
      subject: agent.username,
      detail: `role ${agent.role}`,
    });
    return toSummary(agent);
  }

  async delete(tenant: TenantContext, agentId: string, admin: AuthenticatedStaff): Promise<void> {
    if (agentId === admin.agent.agentId)
      throw new ApiError(400, 'validation_failed', 'You cannot delete your own account.');
    const agent = await tenant.store.agents.byId(agentId);
    if (!agent) throw notFound('account');
    await this.deps.auth.revokeAll(tenant, agentId);
    await tenant.store.agents.delete(agentId);
    await this.deps.audit.record(tenant.store, 'agent.deleted', {
      actor: admin.agent.username,
      subject: agent.username,
    });
  }

  async resetPassword(tenant: TenantContext, agentId: string, actor: string): Promise<TemporaryPassword> {
    const agent = await tenant.store.agents.byId(agentId);
    if (!agent) throw notFound('account');
    const password = temporaryPassword();
    const expiresAt = this.deps.clock.now() + TEMPORARY_PASSWORD_MS;
    await tenant.store.agents.setPassword(agentId, await hashPassword(password), true, expiresAt);
    // Whoever knew the old password is signed out too.
    await this.deps.auth.revokeAll(tenant, agentId);
    await this.deps.audit.record(tenant.store, 'agent.password-reset', { actor, subject: agent.username });
    return { temporaryPassword: password, expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * A page of the audit log, newest first, with the display names of the
   * accounts named in it. Entries from before accounts were named by username
   * carry an account id as subject; it is shown as the username when the
   * account still exists.
   */
  async auditPage(tenant: TenantContext, limit: number, before?: number): Promise<AuditEntry[]> {
    const [entries, agents] = await Promise.all([tenant.store.audit.list(limit, before), tenant.store.agents.list()]);
    const byUsername = new Map(agents.map((agent) => [agent.username, agent]));
    const byId = new Map(agents.map((agent) => [agent.agentId, agent]));
    return entries.map((entry) => {
      const type = entry.type as AuditEventType;
      const actor = entry.actor !== null ? byUsername.get(entry.actor) : undefined;
      const account =
        entry.subject !== null && type.startsWith('agent.')
          ? (byUsername.get(entry.subject) ?? byId.get(entry.subject))
          : undefined;
      const subject = account?.username ?? entry.subject;
      return {
        seq: entry.seq,
        at: new Date(entry.at).toISOString(),
        type,
        ...(entry.actor !== null && { actor: entry.actor }),
        ...(actor && { actorName: actor.displayName }),
        ...(subject !== null && { subject }),
        ...(account && { subjectName: account.displayName }),
        ...(entry.detail !== null && { detail: entry.detail }),
      };
    });
  }
}
