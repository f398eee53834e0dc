import { fromRow, fromRows } from '../row-fields.js';
import type {
  AgentRecord,
  AgentRepository,
  AgentSessionRecord,
  AgentSessionRepository,
  AuditRecord,
  AuditRepository,
  NewAgentRecord,
} from '../staff-store.js';
import type { PgPool } from './pg-sql.js';

export class PgAgentRepository implements AgentRepository {
  constructor(private readonly db: PgPool) {}

  async create(agent: NewAgentRecord): Promise<boolean> {
    const created = await this.db.changes(
      `INSERT INTO agents (agent_id, username, display_name, role, password_hash, must_change_password, password_expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (username) DO NOTHING`,
      [
        agent.agentId,
        agent.username,
        agent.displayName,
        agent.role,
        agent.passwordHash,
        agent.mustChangePassword,
        agent.passwordExpiresAt,
        agent.createdAt,
      ],
    );
    return created === 1;
  }

  async byId(agentId: string): Promise<AgentRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM agents WHERE agent_id = $1', [agentId]));
  }

  async byUsername(username: string): Promise<AgentRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM agents WHERE username = $1', [username]));
  }

  async list(): Promise<AgentRecord[]> {
    return fromRows(await this.db.rows('SELECT * FROM agents ORDER BY username COLLATE "C"'));
  }

  async delete(agentId: string): Promise<boolean> {
    return (await this.db.changes('DELETE FROM agents WHERE agent_id = $1', [agentId])) === 1;
  }

  async setPassword(
    agentId: string,
    passwordHash: string,
    mustChange: boolean,
    expiresAt: number | null,
  ): Promise<boolean> {
    return (
      (await this.db.changes(
        `UPDATE agents SET password_hash = $1, must_change_password = $2, password_expires_at = $3, failed_logins = 0, locked_until = NULL
         WHERE agent_id = $4`,
        [passwordHash, mustChange, expiresAt, agentId],
      )) === 1
    );
  }

  async recordFailedLogin(agentId: string, now: number, lockAfter: number, lockMs: number): Promise<void> {
    await this.db.changes(
      `UPDATE agents SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END
       WHERE agent_id = $3`,
      [lockAfter, now + lockMs, agentId],
    );
  }

  async recordSuccessfulLogin(agentId: string): Promise<void> {
    await this.db.changes('UPDATE agents SET failed_logins = 0, locked_until = NULL WHERE agent_id = $1', [agentId]);
  }
}

export class PgAgentSessionRepository implements AgentSessionRepository {
  constructor(private readonly db: PgPool) {}

  async create(session: AgentSessionRecord): Promise<void> {
    await this.db.insert('agent_sessions', session);
  }

  async get(sessionHash: string): Promise<AgentSessionRecord | undefined> {
    return fromRow(await this.db.row('SELECT * FROM agent_sessions WHERE session_hash = $1', [sessionHash]));
  }

  async touch(sessionHash: string, now: number): Promise<void> {
    await this.db.changes('UPDATE agent_sessions SET last_seen_at = $1 WHERE session_hash = $2', [now, sessionHash]);
  }

  async delete(sessionHash: string): Promise<void> {
    await this.db.changes('DELETE FROM agent_sessions WHERE session_hash = $1', [sessionHash]);
  }

  async deleteForAgent(agentId: string): Promise<void> {
    await this.db.changes('DELETE FROM agent_sessions WHERE agent_id = $1', [agentId]);
  }
}

/** Appends only: the table's triggers refuse UPDATE, DELETE and TRUNCATE, also to someone with a database login. */
export class PgAuditRepository implements AuditRepository {
  constructor(private readonly db: PgPool) {}

  async append(entry: Omit<AuditRecord, 'seq'>): Promise<void> {
    await this.db.changes('INSERT INTO audit_log (at, type, actor, subject, detail) VALUES ($1, $2, $3, $4, $5)', [
      entry.at,
      entry.type,
      entry.actor,
      entry.subject,
      entry.detail,
    ]);
  }

  async list(limit: number, beforeSeq = Number.MAX_SAFE_INTEGER): Promise<AuditRecord[]> {
    return fromRows(
      await this.db.rows('SELECT * FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT $2', [beforeSeq, limit]),
    );
  }
}
