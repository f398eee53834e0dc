/**
 * What the store keeps for payment arrangements. The amounts, the schedule,
 * the creditor's words and the receipt's facts are personal (a household's
 * debts), so they are sealed in `termsSealed`; what stays in clear is what
 * the server routes and counts by: ids, parties, the state, the policy hash
 * and one letter per instalment.
 */

export type ArrangementRecordState =
  'draft' | 'requested' | 'accepted' | 'countered' | 'refused' | 'active' | 'missed' | 'lapsed' | 'completed';

export interface ArrangementRecord {
  arrangementId: string;
  providerId: string;
  consumerId: string;
  /** The regie account of the debtor, and the consumer's pseudonym of it. */
  userId: string;
  sub: string;
  /** The connection's internal id: each party knows it only under its own pseudonym. */
  connectionId: string;
  state: ArrangementRecordState;
  /** Goes up with every change: a change names the version it read, so two deciders cannot both win. */
  version: number;
  /** The decision page waiting for the passkey (the request, or a counter-proposal), and until when. */
  flowId: string | null;
  flowStep: 'request' | 'counter-proposal' | null;
  flowExpiresAt: number | null;
  policyVersion: number;
  policyHash: string;
  outcome: 'accepted-in-advance' | 'needs-review';
  /** `{ proposal, counterProposal?, reasons, reason?, whileKept, payTo, lapse }` as JSON, sealed. */
  termsSealed: string;
  /** One letter per instalment once active: `d` due, `p` paid, `m` missed. */
  instalments: string;
  missedCount: number;
  /** The server's signed receipt of the debtor's confirmation, and the creditor's signed answer. */
  receipt: string | null;
  decision: string | null;
  createdAt: number;
  updatedAt: number;
  /** Deleted then: an unconfirmed draft at the end of its flow, any other a year after its last change. */
  deleteAt: number;
}

export type ArrangementPatch = Partial<
  Pick<
    ArrangementRecord,
    | 'state'
    | 'flowId'
    | 'flowStep'
    | 'flowExpiresAt'
    | 'termsSealed'
    | 'instalments'
    | 'missedCount'
    | 'receipt'
    | 'decision'
    | 'updatedAt'
    | 'deleteAt'
  >
>;

export interface ArrangementRepository {
  insert(record: ArrangementRecord): Promise<void>;
  get(arrangementId: string): Promise<ArrangementRecord | undefined>;
  /** The arrangement whose decision page has this flow id. */
  byFlow(flowId: string): Promise<ArrangementRecord | undefined>;
  listForProvider(providerId: string): Promise<ArrangementRecord[]>;
  listForUser(userId: string): Promise<ArrangementRecord[]>;
  /**
   * Applies the patch only if the record is still at `version` (and bumps
   * it); the record after, or undefined when another change came first.
   */
  update(arrangementId: string, version: number, patch: ArrangementPatch): Promise<ArrangementRecord | undefined>;
  /**
   * Marks the connection as having an open request (requested or
   * countered), once: false while another arrangement holds the mark.
   */
  claimOpen(connectionId: string, arrangementId: string): Promise<boolean>;
  /** Clears the mark, only if this arrangement holds it. */
  releaseOpen(connectionId: string, arrangementId: string): Promise<void>;
  /** The arrangement holding the connection's open mark, if any. */
  openFor(connectionId: string): Promise<string | undefined>;
  deleteExpired(now: number): Promise<number>;
}
