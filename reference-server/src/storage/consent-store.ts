import { z } from 'zod';
import { Purpose, type ConsentState } from '@regiekit/sdk/protocol';
import { jsonColumns } from './stored-json.js';

/**
 * What the store keeps of consents: the request as the consumer registered it,
 * the user's decision, the data references made from it and the use log.
 * Never a payload. Every method returns a Promise; state changes are atomic.
 */
export interface ConsentRecord {
  consentId: string;
  consumerId: string;
  userId: string;
  /** The consumer's pseudonym of the user (for its events). */
  sub: string;
  serviceType: string;
  purpose: Purpose;
  fields: string[];
  /** Provider ids, or "user-choice" (every connected provider of the service; the user picks). */
  providerChoice: string[] | 'user-choice';
  mode: 'one-off' | 'recurring';
  validUntil: number;
  state: ConsentState;
  statusTokenHash: string;
  returnUrl: string | null;
  /** The consumer's `state`, sealed. */
  stateSealed: string | null;
  createdAt: number;
  /** The request lapses unanswered at this moment. */
  requestExpiresAt: number;
  decidedAt: number | null;
  /** The signed consent receipt (compact JWS), once accepted. */
  receipt: string | null;
  endedBy: 'user' | 'consumer' | 'connection-ended' | null;
}

/** How the engines keep a consent's structured fields (JSON text, checked when read). */
export const storedConsent = jsonColumns<ConsentRecord>()({
  purpose: Purpose,
  fields: z.array(z.string()),
  providerChoice: z.union([z.array(z.string()), z.literal('user-choice')]),
});

export type StoredConsent = ReturnType<typeof storedConsent.encode<ConsentRecord>>;

export interface DataReferenceRecord {
  referenceId: string;
  consentId: string;
  connectionId: string;
  providerId: string;
  /** The provider's operation id, sealed. */
  operationSealed: string;
  createdAt: number;
  /** One-off consents: when this reference gave its data (each reference gives it once). */
  usedAt?: number | null;
}

export interface ConsentUseRecord {
  seq: number;
  consentId: string;
  referenceId: string;
  consumerId: string;
  providerId: string;
  at: number;
  outcome: 'ok' | 'refused' | 'provider-error';
}

export interface ConsentRepository {
  insert(consent: ConsentRecord): Promise<void>;
  get(consentId: string): Promise<ConsentRecord | undefined>;
  listForUser(userId: string): Promise<ConsentRecord[]>;
  /** requested -> accepted with its references and receipt, once; false if it was decided meanwhile. */
  accept(consentId: string, references: DataReferenceRecord[], receipt: string, now: number): Promise<boolean>;
  /** requested -> rejected, once. */
  reject(consentId: string, now: number): Promise<boolean>;
  /** accepted -> revoked, once. */
  revoke(consentId: string, by: 'user' | 'consumer' | 'connection-ended', now: number): Promise<boolean>;
  /** Accepted consents whose term has passed (for the sweeper). */
  acceptedPastTerm(now: number): Promise<ConsentRecord[]>;
  /** accepted -> expired, once. */
  expire(consentId: string, now: number): Promise<boolean>;
  /**
   * One-off: takes a reference of an accepted consent for its single use before
   * the call, so two reuses cannot both run; `releaseReference` undoes it when
   * the call failed.
   */
  claimReference(referenceId: string, now: number): Promise<boolean>;
  releaseReference(referenceId: string): Promise<void>;
  /** accepted -> used once every reference has given its data; false while some have not. */
  markUsedIfSpent(consentId: string): Promise<boolean>;
  /** Revokes every accepted consent with a reference on this connection; returns their ids. */
  revokeForConnection(connectionId: string, now: number): Promise<string[]>;
  reference(referenceId: string): Promise<DataReferenceRecord | undefined>;
  referencesOf(consentId: string): Promise<DataReferenceRecord[]>;
  appendUse(use: Omit<ConsentUseRecord, 'seq'>): Promise<void>;
  usesOf(consentId: string): Promise<ConsentUseRecord[]>;
  /** Requests never answered, past their request expiry: deleted (nothing was shared). */
  deleteLapsedRequests(now: number): Promise<number>;
}
