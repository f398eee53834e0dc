import type { CallStatusName } from '@regiekit/sdk/protocol';

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
