import {
  PartyEvent,
  ServiceDescriptionInput,
  type PartyEventType,
  type ServiceDescription,
} from '@regiekit/sdk/protocol';
import { jsonColumns } from './stored-json.js';

/**
 * What the store keeps for creditor connect: tokens, connect requests,
 * connections, service descriptions and the parties' event feeds. Customer
 * references and consumer states arrive sealed. Every method returns a Promise;
 * the state changes are atomic in every engine.
 */

export type ConnectTokenState = 'waiting' | 'scanned' | 'redeemed' | 'connected' | 'expired' | 'failed';

export interface ConnectTokenRecord {
  tokenId: string;
  /** SHA-256 of the 128-bit token: the token itself is never stored. */
  secretHash: string;
  providerId: string;
  flow: 'qr' | 'link';
  /** Sealed; for a link token it arrives when the provider redeems. */
  customerRefSealed: string | null;
  /** SHA-256 of the portal's status token (QR flow). */
  statusTokenHash: string | null;
  /** The connect request a link token belongs to. */
  requestId: string | null;
  state: ConnectTokenState;
  /** Who scanned it (QR flow), in which browser session, and the code the phone shows (keyed hash). */
  userId: string | null;
  scanSessionHash: string | null;
  confirmationCodeHash: string | null;
  confirmationAttemptsLeft: number;
  /** Use budget: how many more times the token may be presented at all. */
  usesLeft: number;
  createdAt: number;
  expiresAt: number;
}

export interface ConnectTokenRepository {
  insert(token: ConnectTokenRecord): Promise<void>;
  get(tokenId: string): Promise<ConnectTokenRecord | undefined>;
  bySecretHash(secretHash: string): Promise<ConnectTokenRecord | undefined>;
  /** Spends one use of the budget; returns the uses left, or -1 when none was left. */
  spendUse(tokenId: string): Promise<number>;
  /** waiting -> scanned, once, before expiry: the first account wins. */
  markScanned(
    tokenId: string,
    userId: string,
    scanSessionHash: string,
    confirmationCodeHash: string,
    now: number,
  ): Promise<boolean>;
  /** Counts a wrong confirmation code; at zero attempts left the token fails. Returns attempts left. */
  recordWrongConfirmation(tokenId: string): Promise<number>;
  /** waiting -> redeemed (link flow), once, before expiry, storing the customer reference. */
  markRedeemed(tokenId: string, customerRefSealed: string, now: number): Promise<boolean>;
  /** `from` -> connected, once; the token's copy of the customer reference goes (the connection has its own). */
  markConnected(tokenId: string, from: 'scanned' | 'redeemed', now: number): Promise<boolean>;
  markFailed(tokenId: string): Promise<void>;
  /** Deletes tokens expired for longer than `graceMs` (the portal may still ask their status meanwhile). */
  deleteExpired(now: number, graceMs: number): Promise<number>;
}

export type ConnectRequestState = 'created' | 'started' | 'redeemed' | 'connected' | 'refused';

export interface ConnectRequestRecord {
  requestId: string;
  consumerId: string;
  providerId: string;
  /** The user the consumer named (by its pseudonym): only they can start and finish. */
  userId: string;
  returnUrl: string;
  stateSealed: string;
  state: ConnectRequestState;
  /** The browser session and passkey that started the flow: the same must finish it. */
  sessionHash: string | null;
  passkeyId: string | null;
  tokenId: string | null;
  connectionId: string | null;
  createdAt: number;
  redeemedAt: number | null;
  /**
   * SHA-256 of the secret that travels back with the user's browser from the
   * provider (in the return URL's fragment): finishing needs it, so whoever
   * started the flow cannot finish it with somebody else's creditor login.
   */
  returnSecretHash: string | null;
  expiresAt: number;
}

export interface ConnectRequestRepository {
  insert(request: ConnectRequestRecord): Promise<void>;
  get(requestId: string): Promise<ConnectRequestRecord | undefined>;
  /** created -> started, once, binding session, passkey and token. */
  start(requestId: string, sessionHash: string, passkeyId: string, tokenId: string, now: number): Promise<boolean>;
  /** started -> redeemed, once, storing the hash of the return secret. */
  markRedeemed(requestId: string, returnSecretHash: string, now: number): Promise<boolean>;
  /** redeemed -> connected, once. */
  markConnected(requestId: string, connectionId: string): Promise<boolean>;
  /** created | started | redeemed -> refused. */
  refuse(requestId: string): Promise<boolean>;
  deleteExpired(now: number): Promise<number>;
}

export interface ConnectionRecord {
  connectionId: string;
  userId: string;
  providerId: string;
  /** The provider's pseudonym of this connection (it addresses the connection by it). */
  providerPseudonym: string;
  /** Sealed; empty once the connection has ended. */
  customerRefSealed: string;
  status: 'active' | 'ended';
  createdAt: number;
  endedAt: number | null;
  endedBy: 'user' | 'provider' | 'consumer' | null;
}

export interface ConnectionRepository {
  insert(connection: ConnectionRecord): Promise<void>;
  get(connectionId: string): Promise<ConnectionRecord | undefined>;
  byProviderPseudonym(providerId: string, pseudonym: string): Promise<ConnectionRecord | undefined>;
  listForUser(userId: string): Promise<ConnectionRecord[]>;
  listForProvider(providerId: string): Promise<ConnectionRecord[]>;
  /** active -> ended, once; the customer reference is deleted with it (its purpose is over). */
  end(connectionId: string, endedBy: 'user' | 'provider' | 'consumer', now: number): Promise<boolean>;
}

export interface ServiceRecord {
  providerId: string;
  serviceType: string;
  version: number;
  description: ServiceDescriptionInput;
  registeredAt: number;
}

/** A stored service as the API shows it: the description with who registered which version, when. */
export function serviceDescriptionOf(record: ServiceRecord): ServiceDescription {
  return {
    ...record.description,
    providerId: record.providerId,
    version: record.version,
    registeredAt: new Date(record.registeredAt).toISOString(),
  };
}

/** How the engines keep a service description (JSON text, checked when read). */
export const storedService = jsonColumns<ServiceRecord>()({ description: ServiceDescriptionInput });
export type StoredService = ReturnType<typeof storedService.encode<ServiceRecord>>;

export interface ServiceRepository {
  /** Stores a new version (previous + 1, or 1) unless it equals the latest; returns the version in force. */
  register(
    providerId: string,
    serviceType: string,
    description: ServiceDescriptionInput,
    now: number,
  ): Promise<ServiceRecord>;
  /** The latest version of every service, of one provider or of all. */
  latest(providerId?: string): Promise<ServiceRecord[]>;
  /** The latest version of one provider's service: one keyed read, whatever else is registered (reuse asks it every call). */
  latestOf(providerId: string, serviceType: string): Promise<ServiceRecord | undefined>;
  version(providerId: string, serviceType: string, version: number): Promise<ServiceRecord | undefined>;
}

export interface PartyEventRecord {
  seq: number;
  partyId: string;
  type: PartyEventType;
  /** The event's data, in the party's own pseudonyms. */
  data: PartyEvent['data'];
  at: number;
}

/** How the engines keep an event's data (JSON text, checked when read). */
export const storedPartyEvent = jsonColumns<PartyEventRecord>()({ data: PartyEvent.shape.data });
export type StoredPartyEvent = ReturnType<typeof storedPartyEvent.encode<PartyEventRecord>>;

export interface PartyEventRepository {
  append(event: Omit<PartyEventRecord, 'seq'>): Promise<number>;
  list(partyId: string, afterSeq: number, limit: number): Promise<PartyEventRecord[]>;
}
