/** A staff account: an agent who works the console, or an administrator. */
export interface AgentRecord {
  agentId: string;
  username: string;
  displayName: string;
  role: 'agent' | 'admin';
  passwordHash: string;
  mustChangePassword: boolean;
  /** A temporary password stops working at this moment. */
  passwordExpiresAt: number | null;
  failedLogins: number;
  lockedUntil: number | null;
  createdAt: number;
}

export type NewAgentRecord = Omit<AgentRecord, 'failedLogins' | 'lockedUntil'>;

export interface AgentRepository {
  /** False when the username is taken. */
  create(agent: NewAgentRecord): Promise<boolean>;
  byId(agentId: string): Promise<AgentRecord | undefined>;
  byUsername(username: string): Promise<AgentRecord | undefined>;
  list(): Promise<AgentRecord[]>;
  /** Deletes the account and, with it, every open session of it. */
  delete(agentId: string): Promise<boolean>;
  setPassword(agentId: string, passwordHash: string, mustChange: boolean, expiresAt: number | null): Promise<boolean>;
  /** Counts a failed login and locks the account once `lockAfter` failures are reached. */
  recordFailedLogin(agentId: string, now: number, lockAfter: number, lockMs: number): Promise<void>;
  recordSuccessfulLogin(agentId: string): Promise<void>;
}

export interface AgentSessionRecord {
  sessionHash: string;
  agentId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface AgentSessionRepository {
  create(session: AgentSessionRecord): Promise<void>;
  get(sessionHash: string): Promise<AgentSessionRecord | undefined>;
  touch(sessionHash: string, now: number): Promise<void>;
  delete(sessionHash: string): Promise<void>;
  deleteForAgent(agentId: string): Promise<void>;
}

export interface AuditRecord {
  seq: number;
  at: number;
  type: string;
  actor: string | null;
  subject: string | null;
  detail: string | null;
}

/** Append-only: the engines refuse updates and deletes. */
export interface AuditRepository {
  append(entry: Omit<AuditRecord, 'seq'>): Promise<void>;
  /** Newest first; `beforeSeq` pages further back. */
  list(limit: number, beforeSeq?: number): Promise<AuditRecord[]>;
}
