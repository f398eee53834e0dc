/**
 * Long-lived values sealed under the master key: what `rotate-keys` re-encrypts
 * so an old key can be retired. Short-lived sealed data (calls, tokens,
 * pending requests) is gone within the retention time and needs no rotation.
 */
export const LONG_LIVED_SEALED = {
  /** The provider's customer reference of a connection; sealed as personal data, bound to the connection id. */
  'connection.customerRef': { purpose: 'personal-data' },
  /** The consumer's `state` of a consent; a secret bound to the consent id. */
  'consent.state': { purpose: 'secrets' },
  /** The provider's operation id behind an opaque data reference; a secret bound to the reference id. */
  'dataReference.operation': { purpose: 'secrets' },
  /** A passkey's credential id and public key; personal data bound to the passkey id. */
  'passkey.credential': { purpose: 'personal-data' },
  /** A correction's customer reference, proposal and answer: personal data bound to the correction id, kept for months. */
  'correction.customerRef': { purpose: 'personal-data' },
  'correction.proposal': { purpose: 'personal-data' },
  'correction.answer': { purpose: 'personal-data' },
  /** A payment arrangement's amounts, schedule and the creditor's words: personal data bound to the arrangement id, kept a year. */
  'arrangement.terms': { purpose: 'personal-data' },
} as const;

export type SealedKind = keyof typeof LONG_LIVED_SEALED;

export interface SealedValue {
  recordId: string;
  sealed: string;
}

export interface SealedDataRepository {
  /** Every stored value of this kind (empty and null ones left out). */
  list(kind: SealedKind): Promise<SealedValue[]>;
  /** Replaces the value while it is still `expected`, so a concurrent change is never overwritten. */
  replace(kind: SealedKind, recordId: string, expected: string, replacement: string): Promise<boolean>;
}
