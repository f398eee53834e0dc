import type { FetchFailure, FetchState } from '@regiekit/sdk/protocol';

/**
 * A fetch into an application (job 4): what a form asked of a source, where
 * it stands, and, between the source's answer and its delivery to the form,
 * the signed data (sealed). Short-lived: it is deleted at `expiresAt`, and
 * what was fetched is dropped as soon as it is delivered, declined or failed.
 */
export interface FetchRecord {
  fetchId: string;
  consumerId: string;
  providerId: string;
  serviceType: string;
  fields: string[];
  periodFrom: string;
  periodTo: string;
  /** The consumer's purpose as it asked (JSON): shown on the decision page and in the receipt. */
  purposeJson: string;
  /** SHA-256 of the form's application reference: the result goes to that application alone. */
  applicationRefHash: string;
  /** Hash of the token the form's page follows the fetch with. */
  statusTokenHash: string;
  /** Hash of the single-use token the source redeems; set when the applicant goes to the source. */
  sourceTokenHash: string | null;
  /** The regie account that asked at the source; only it sees and decides what was fetched. */
  userId: string | null;
  state: FetchState;
  failure: FetchFailure | null;
  /** The source's credential for this fetch, bound to the holder key, sealed as personal data. */
  credentialSealed: string | null;
  /** The holder key's private JWK, sealed: it signs the key-binding JWT at delivery. */
  holderKeySealed: string | null;
  consentId: string | null;
  referenceId: string | null;
  fetchedAt: number | null;
  expiresAt: number;
  createdAt: number;
}

/** The fields a state change may set. */
export type FetchChange = Partial<
  Pick<
    FetchRecord,
    | 'state'
    | 'failure'
    | 'sourceTokenHash'
    | 'userId'
    | 'credentialSealed'
    | 'holderKeySealed'
    | 'consentId'
    | 'referenceId'
    | 'fetchedAt'
  >
>;

export interface FetchRepository {
  insert(fetch: FetchRecord): Promise<void>;
  get(fetchId: string): Promise<FetchRecord | undefined>;
  /** The live fetch a source token was handed out for. */
  bySourceToken(tokenHash: string, now: number): Promise<FetchRecord | undefined>;
  /**
   * Changes a live fetch whose state is one of `from`, atomically: of two
   * requests at once one wins. Returns the record as it was before, or
   * undefined when it was in another state, gone or past its time.
   */
  transition(fetchId: string, from: FetchState[], change: FetchChange, now: number): Promise<FetchRecord | undefined>;
  delete(fetchId: string): Promise<void>;
  /** Fetches past their time; returns how many. */
  deleteExpired(now: number): Promise<number>;
}
