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
  createdAt: number;
  disclosedAt: number | null;
  calledAt: number | null;
  /** Backstop: the record is deleted at this moment whatever else happens. */
  deleteAt: number;
}

export type NewCallRecord = Pick<
  CallRecord,
  'callId' | 'purpose' | 'callTokenHash' | 'codeHash' | 'codeSealedForCitizen' | 'codeExpiresAt' | 'createdAt' | 'deleteAt'
>;

/** Call sessions of one tenant. The methods that change state are atomic in every engine. */
export interface CallRepository {
  /**
   * Inserts the call unless a live (unexpired, unspent) call already holds the
   * same code hash. Returns false on such a collision, so the caller draws a new code.
   */
  insertIfCodeFree(call: NewCallRecord, now: number): boolean;

  get(callId: string): CallRecord | undefined;

  attachIrmaSession(callId: string, irmaTokenSealed: string): boolean;

  /** Finds the live call holding one of `codeHashes` (one per readable key). */
  findByLiveCode(codeHashes: readonly string[], now: number): CallRecord | undefined;

  /** pending -> disclosed, storing the sealed attributes and dropping the IRMA token. */
  markDisclosed(callId: string, attributesSealed: string, now: number): boolean;

  /** pending -> cancelled | expired; voids the code and the IRMA token. */
  markEnded(callId: string, status: 'cancelled' | 'expired'): boolean;

  /**
   * Binds a disclosed call's code to one switchboard call, once. The winner
   * gets the record; every later claim of that code gets undefined.
   */
  claimCode(codeHashes: readonly string[], switchboardCallId: string, now: number): CallRecord | undefined;

  delete(callId: string): boolean;

  /** Deletes every record whose `deleteAt` has passed; returns their ids. */
  deleteExpired(now: number): string[];
}

export interface TenantStore {
  readonly tenantId: string;
  readonly calls: CallRepository;
}

/** Opens one isolated store per tenant: its own SQLite file, or its own Redis key prefix. */
export interface Store {
  forTenant(tenantId: string): TenantStore;
  close(): Promise<void>;
}
