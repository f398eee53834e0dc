import type { CallStatusName } from '@regiekit/sdk/protocol';
import type { AccountRepository, OAuthRepository, UserSessionRepository } from './account-store.js';
import type { ConsentRepository } from './consent-store.js';
import type { SealedDataRepository } from './sealed-data.js';
import type {
  ConnectionRepository,
  ConnectRequestRepository,
  ConnectTokenRepository,
  PartyEventRepository,
  ServiceRepository,
} from './connect-store.js';

/**
 * One call session as the store keeps it. Everything personal or secret is
 * sealed (see crypto/tenant-crypto.ts) before it reaches this shape.
 */
export interface CallRecord {
  callId: string;
  purpose: string;
  status: CallStatusName;
  /** SHA-256 of the citizen's call token. */
  callTokenHash: string;
  /** Keyed hash of the DTMF code (`<keyId>.<hmac>`); null once the code is spent or void. */
  codeHash: string | null;
  /** The code sealed under a key derived from the call token: only the citizen can unseal it. */
  codeSealedForCitizen: string | null;
  codeExpiresAt: number;
  /** The IRMA requestor token, sealed; dropped as soon as the result is read. */
  irmaTokenSealed: string | null;
  /** Disclosed attributes, sealed as JSON `{attributeId: value}`. */
  attributesSealed: string | null;
  /** The switchboard's id of the phone call the code was bound to. */
  switchboardCallId: string | null;
  /** The number that phone call came from, sealed: shown to the agent as a signal, never as proof. */
  callerIdSealed: string | null;
  createdAt: number;
  disclosedAt: number | null;
  calledAt: number | null;
  /** The agent who took the call, and their display name (staff data, not the caller's). */
  takenBy: string | null;
  takenByName: string | null;
  takenAt: number | null;
  /** Backstop: the record is deleted at this moment whatever else happens. */
  deleteAt: number;
}

export type NewCallRecord = Pick<
  CallRecord,
  | 'callId'
  | 'purpose'
  | 'callTokenHash'
  | 'codeHash'
  | 'codeSealedForCitizen'
  | 'codeExpiresAt'
  | 'createdAt'
  | 'deleteAt'
>;

/** Call sessions of one tenant. The methods that change state are atomic in every engine; all return Promises, so networked engines fit. */
export interface CallRepository {
  /**
   * Inserts the call unless a live (unexpired, unspent) call already holds the
   * same code hash. Returns false on such a collision, so the caller draws a new code.
   */
  insertIfCodeFree(call: NewCallRecord, now: number): Promise<boolean>;

  get(callId: string): Promise<CallRecord | undefined>;

  attachIrmaSession(callId: string, irmaTokenSealed: string): Promise<boolean>;

  /** Finds the live call holding one of `codeHashes` (one per readable key). */
  findByLiveCode(codeHashes: readonly string[], now: number): Promise<CallRecord | undefined>;

  /** pending -> disclosed, storing the sealed attributes and dropping the IRMA token. */
  markDisclosed(callId: string, attributesSealed: string, now: number): Promise<boolean>;

  /** pending -> cancelled | expired; voids the code and the IRMA token. */
  markEnded(callId: string, status: 'cancelled' | 'expired'): Promise<boolean>;

  /**
   * Binds a disclosed call's code to one switchboard call, once. The winner
   * gets the record; every later claim of that code gets undefined.
   */
  claimCode(codeHashes: readonly string[], switchboardCallId: string, now: number): Promise<CallRecord | undefined>;

  /** Records, sealed, the number a called call came from (after the claim: the seal binds it to the call id). */
  attachCallerId(callId: string, callerIdSealed: string): Promise<boolean>;

  /** Calls whose code was resolved by a switchboard: what the agent console lists. */
  listCalled(): Promise<CallRecord[]>;

  /** Finds the call bound to a switchboard's phone call (for its end event). */
  findBySwitchboardCall(switchboardCallId: string): Promise<CallRecord | undefined>;

  /** Gives a called, untaken call to one agent; of concurrent takers exactly one gets the record. */
  takeCall(callId: string, agentId: string, agentName: string, now: number): Promise<CallRecord | undefined>;

  /** Undoes this agent's take (the switchboard could not put the call through). */
  releaseTake(callId: string, agentId: string): Promise<boolean>;

  delete(callId: string): Promise<boolean>;

  /**
   * Deletes every record whose `deleteAt` has passed, and every record whose
   * code expired without being called (its purpose is over); returns their ids.
   */
  deleteExpired(now: number): Promise<string[]>;
}

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

export interface TenantStore {
  readonly tenantId: string;
  readonly calls: CallRepository;
  readonly agents: AgentRepository;
  readonly sessions: AgentSessionRepository;
  readonly audit: AuditRepository;
  readonly accounts: AccountRepository;
  readonly userSessions: UserSessionRepository;
  readonly oauth: OAuthRepository;
  readonly connectTokens: ConnectTokenRepository;
  readonly connectRequests: ConnectRequestRepository;
  readonly connections: ConnectionRepository;
  readonly services: ServiceRepository;
  readonly partyEvents: PartyEventRepository;
  readonly consents: ConsentRepository;
  /** Long-lived sealed values, for re-encryption under the current key (rotate-keys). */
  readonly sealedData: SealedDataRepository;
}

/** Opens one isolated store per tenant: its own SQLite file, or its own Redis key prefix. */
export interface Store {
  forTenant(tenantId: string): TenantStore;
  /** Resolves when every tenant's storage answers; rejects otherwise (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
