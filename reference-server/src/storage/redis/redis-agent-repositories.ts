import type {
  AgentRecord,
  AgentRepository,
  AgentSessionRecord,
  AgentSessionRepository,
  AuditRecord,
  AuditRepository,
  NewAgentRecord,
} from '../staff-store.js';
import { indexEntry, type Keyspace } from './redis-keyspace.js';

/** Staff sessions end after at most 24 hours (sessionAbsoluteHours); the key outlives that a little. */
const AGENT_SESSION_TTL_MS = 25 * 60 * 60_000;

/** Staff accounts: `agent:<id>`, `agent-name:<username>` -> id, and the set of all ids. */
export class RedisAgentRepository implements AgentRepository {
  constructor(
    private readonly space: Keyspace,
    private readonly sessions: RedisAgentSessionRepository,
  ) {}

  private agent(agentId: string): string {
    return this.space.key('agent', agentId);
  }

  private username(username: string): string {
    return this.space.key('agent-name', username);
  }

  private get all(): string {
    return this.space.key('agents');
  }

  async create(agent: NewAgentRecord): Promise<boolean> {
    const record: AgentRecord = { ...agent, failedLogins: 0, lockedUntil: null };
    return this.space.insert(this.agent(agent.agentId), record, {
      unique: [{ key: this.username(agent.username) }],
      effects: [
        ['SET', this.username(agent.username), indexEntry(agent.agentId)],
        ['SADD', this.all, agent.agentId],
      ],
    });
  }

  byId(agentId: string): Promise<AgentRecord | undefined> {
    return this.space.read(this.agent(agentId));
  }

  async byUsername(username: string): Promise<AgentRecord | undefined> {
    const agentId = await this.space.holderOf(this.username(username));
    return agentId ? this.byId(agentId) : undefined;
  }

  async list(): Promise<AgentRecord[]> {
    const ids = await this.space.client.smembers(this.all);
    const agents = await this.space.readMany<AgentRecord>(ids.map((id) => this.agent(id)));
    return agents.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  }

  async delete(agentId: string): Promise<boolean> {
    const current = await this.byId(agentId);
    if (!current) return false;
    const taken = await this.space.take(this.agent(agentId), {
      effects: [
        ['DELIFID', this.username(current.username), agentId],
        ['SREM', this.all, agentId],
      ],
    });
    await this.sessions.deleteForAgent(agentId);
    return taken !== undefined;
  }

  async setPassword(
    agentId: string,
    passwordHash: string,
    mustChange: boolean,
    expiresAt: number | null,
  ): Promise<boolean> {
    const changed = await this.space.update(this.agent(agentId), {
      set: {
        passwordHash,
        mustChangePassword: mustChange,
        passwordExpiresAt: expiresAt,
        failedLogins: 0,
        lockedUntil: null,
      },
    });
    return changed !== undefined;
  }

  async recordFailedLogin(agentId: string, now: number, lockAfter: number, lockMs: number): Promise<void> {
    await this.space.update(this.agent(agentId), {
      add: { failedLogins: 1 },
      derive: [['failedLogins', 'ge', lockAfter, { lockedUntil: now + lockMs }]],
    });
  }

  async recordSuccessfulLogin(agentId: string): Promise<void> {
    await this.space.update(this.agent(agentId), { set: { failedLogins: 0, lockedUntil: null } });
  }
}

/** Staff sessions: `agent-session:<hash>` with a TTL, and per agent the set of its session hashes. */
export class RedisAgentSessionRepository implements AgentSessionRepository {
  constructor(private readonly space: Keyspace) {}

  private session(sessionHash: string): string {
    return this.space.key('agent-session', sessionHash);
  }

  private ofAgent(agentId: string): string {
    return this.space.key('agent-sessions', agentId);
  }

  async create(session: AgentSessionRecord): Promise<void> {
    await this.space.insert(this.session(session.sessionHash), session, {
      effects: [
        ['PEXPIRE', this.session(session.sessionHash), AGENT_SESSION_TTL_MS],
        ['SADD', this.ofAgent(session.agentId), session.sessionHash],
        ['PEXPIRE', this.ofAgent(session.agentId), AGENT_SESSION_TTL_MS],
      ],
    });
  }

  get(sessionHash: string): Promise<AgentSessionRecord | undefined> {
    return this.space.read(this.session(sessionHash));
  }

  async touch(sessionHash: string, now: number): Promise<void> {
    await this.space.update(this.session(sessionHash), { set: { lastSeenAt: now } });
  }

  async delete(sessionHash: string): Promise<void> {
    const current = await this.get(sessionHash);
    await this.space.take(this.session(sessionHash), {
      effects: current ? [['SREM', this.ofAgent(current.agentId), sessionHash]] : [],
    });
  }

  async deleteForAgent(agentId: string): Promise<void> {
    const hashes = await this.space.client.smembers(this.ofAgent(agentId));
    if (hashes.length > 0) await this.space.client.del(...hashes.map((hash) => this.session(hash)));
    await this.space.client.del(this.ofAgent(agentId));
  }
}

/**
 * The audit log as a sorted set by sequence number. Redis cannot refuse an
 * operator's DEL the way the SQLite triggers refuse an UPDATE; the service
 * itself only ever appends (see docs/deployment.md on ACLs).
 */
export class RedisAuditRepository implements AuditRepository {
  constructor(private readonly space: Keyspace) {}

  async append(entry: Omit<AuditRecord, 'seq'>): Promise<void> {
    await this.space.append(this.space.key('audit', 'seq'), this.space.key('audit'), entry);
  }

  async list(limit: number, beforeSeq = Number.MAX_SAFE_INTEGER): Promise<AuditRecord[]> {
    const raw = await this.space.client.zrevrangebyscore(
      this.space.key('audit'),
      `(${beforeSeq}`,
      '-inf',
      'LIMIT',
      0,
      limit,
    );
    return raw.map((entry) => JSON.parse(entry) as AuditRecord);
  }
}
