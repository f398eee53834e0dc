import type Database from 'better-sqlite3';
import type {
  AgentRecord,
  AgentRepository,
  AgentSessionRecord,
  AgentSessionRepository,
  AuditRecord,
  AuditRepository,
  NewAgentRecord,
} from '../staff-store.js';

interface AgentRow {
  agent_id: string;
  username: string;
  display_name: string;
  role: 'agent' | 'admin';
  password_hash: string;
  must_change_password: number;
  password_expires_at: number | null;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
}

const toAgent = (row: AgentRow): AgentRecord => ({
  agentId: row.agent_id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  passwordHash: row.password_hash,
  mustChangePassword: row.must_change_password === 1,
  passwordExpiresAt: row.password_expires_at,
  failedLogins: row.failed_logins,
  lockedUntil: row.locked_until,
  createdAt: row.created_at,
});

export class SqliteAgentRepository implements AgentRepository {
  constructor(private readonly db: Database.Database) {}

  async create(agent: NewAgentRecord): Promise<boolean> {
    const result = this.db
      .prepare(
        `INSERT INTO agents (agent_id, username, display_name, role, password_hash, must_change_password, password_expires_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`,
      )
      .run(
        agent.agentId,
        agent.username,
        agent.displayName,
        agent.role,
        agent.passwordHash,
        agent.mustChangePassword ? 1 : 0,
        agent.passwordExpiresAt,
        agent.createdAt,
      );
    return result.changes === 1;
  }

  async byId(agentId: string): Promise<AgentRecord | undefined> {
    const row = this.db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE agent_id = ?').get(agentId);
    return row && toAgent(row);
  }

  async byUsername(username: string): Promise<AgentRecord | undefined> {
    const row = this.db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE username = ?').get(username);
    return row && toAgent(row);
  }

  async list(): Promise<AgentRecord[]> {
    return this.db.prepare<[], AgentRow>('SELECT * FROM agents ORDER BY username').all().map(toAgent);
  }

  async delete(agentId: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM agents WHERE agent_id = ?').run(agentId).changes === 1;
  }

  async setPassword(
    agentId: string,
    passwordHash: string,
    mustChange: boolean,
    expiresAt: number | null,
  ): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE agents SET password_hash = ?, must_change_password = ?, password_expires_at = ?, failed_logins = 0, locked_until = NULL
           WHERE agent_id = ?`,
        )
        .run(passwordHash, mustChange ? 1 : 0, expiresAt, agentId).changes === 1
    );
  }

  async recordFailedLogin(agentId: string, now: number, lockAfter: number, lockMs: number): Promise<void> {
    this.db
      .prepare(
        `UPDATE agents SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
         WHERE agent_id = ?`,
      )
      .run(lockAfter, now + lockMs, agentId);
  }

  async recordSuccessfulLogin(agentId: string): Promise<void> {
    this.db.prepare('UPDATE agents SET failed_logins = 0, locked_until = NULL WHERE agent_id = ?').run(agentId);
  }
}

interface SessionRow {
  session_hash: string;
  agent_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
}

export class SqliteAgentSessionRepository implements AgentSessionRepository {
  constructor(private readonly db: Database.Database) {}

  async create(session: AgentSessionRecord): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO agent_sessions (session_hash, agent_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(session.sessionHash, session.agentId, session.csrfToken, session.createdAt, session.lastSeenAt);
  }

  async get(sessionHash: string): Promise<AgentSessionRecord | undefined> {
    const row = this.db
      .prepare<[string], SessionRow>('SELECT * FROM agent_sessions WHERE session_hash = ?')
      .get(sessionHash);
    return (
      row && {
        sessionHash: row.session_hash,
        agentId: row.agent_id,
        csrfToken: row.csrf_token,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
      }
    );
  }

  async touch(sessionHash: string, now: number): Promise<void> {
    this.db.prepare('UPDATE agent_sessions SET last_seen_at = ? WHERE session_hash = ?').run(now, sessionHash);
  }

  async delete(sessionHash: string): Promise<void> {
    this.db.prepare('DELETE FROM agent_sessions WHERE session_hash = ?').run(sessionHash);
  }

  async deleteForAgent(agentId: string): Promise<void> {
    this.db.prepare('DELETE FROM agent_sessions WHERE agent_id = ?').run(agentId);
  }
}

export class SqliteAuditRepository implements AuditRepository {
  constructor(private readonly db: Database.Database) {}

  async append(entry: Omit<AuditRecord, 'seq'>): Promise<void> {
    this.db
      .prepare('INSERT INTO audit_log (at, type, actor, subject, detail) VALUES (?, ?, ?, ?, ?)')
      .run(entry.at, entry.type, entry.actor, entry.subject, entry.detail);
  }

  async list(limit: number, beforeSeq = Number.MAX_SAFE_INTEGER): Promise<AuditRecord[]> {
    return this.db
      .prepare<[number, number], AuditRecord>('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
      .all(beforeSeq, limit);
  }
}
