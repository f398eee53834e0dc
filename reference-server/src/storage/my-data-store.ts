/**
 * What the store keeps for "my data": short-lived views a company opened for
 * its customer, the customer's correction requests and forwards. The
 * customer is known by the company's reference (sealed) and keyed hashes of
 * it; proposed values, reasons, answers and forwarded credentials are sealed
 * too, and a forward's credential is deleted once delivered or past its time.
 */

export interface MyDataViewRecord {
  viewId: string;
  providerId: string;
  /** The company's customer reference, sealed (personal data). */
  customerRefSealed: string;
  /** The view token the company minted: its hash, until the element opens the view with it. */
  tokenHash: string;
  tokenExpiresAt: number;
  /** Set when opened: the hash of the secret the element then holds, and the view's end. */
  secretHash: string | null;
  expiresAt: number;
  createdAt: number;
}

export interface MyDataViewRepository {
  insert(view: MyDataViewRecord): Promise<void>;
  /**
   * Opens the view its token names, once: only an unopened view whose token
   * has not expired; records the secret and the view's end. Undefined for a
   * token unknown, used or expired.
   */
  open(tokenHash: string, secretHash: string, expiresAt: number, now: number): Promise<MyDataViewRecord | undefined>;
  get(viewId: string): Promise<MyDataViewRecord | undefined>;
  /** Views whose token or whose time has run out. */
  deleteExpired(now: number): Promise<number>;
}

export type CorrectionRecordState = 'draft' | 'submitted' | 'extended' | 'accepted' | 'refused';

export interface CorrectionRecord {
  correctionId: string;
  providerId: string;
  /** A keyed hash of the customer reference, to list a customer's corrections. */
  subjectKey: string;
  customerRefSealed: string;
  serviceType: string;
  field: string;
  /** `{ proposedValue, reason }`, sealed. */
  proposalSealed: string;
  state: CorrectionRecordState;
  /** A draft lapses unconfirmed at this moment. */
  draftExpiresAt: number;
  /** The regie account that confirmed it with a passkey. */
  userId: string | null;
  submittedAt: number | null;
  /** One month after submission (art. 12(3)), or the extended date. */
  answerDueBy: number | null;
  answeredAt: number | null;
  /** The company's reasons (refusal or extension), sealed. */
  answerSealed: string | null;
}

export interface CorrectionRepository {
  insert(correction: CorrectionRecord): Promise<void>;
  get(correctionId: string): Promise<CorrectionRecord | undefined>;
  /** Deletes a draft the customer did not send; nothing once it was sent. */
  discardDraft(correctionId: string): Promise<void>;
  /** draft -> submitted by `userId`, once, while the draft is live. */
  submit(correctionId: string, userId: string, now: number, answerDueBy: number): Promise<boolean>;
  /** submitted -> extended with a new due date and the reasons, once. */
  extend(correctionId: string, answerDueBy: number, answerSealed: string): Promise<boolean>;
  /** submitted or extended -> accepted or refused, once. */
  answer(
    correctionId: string,
    state: 'accepted' | 'refused',
    answerSealed: string | null,
    now: number,
  ): Promise<boolean>;
  /** The customer's corrections at one company, newest first (drafts left out). */
  listForSubject(providerId: string, subjectKeys: readonly string[]): Promise<CorrectionRecord[]>;
  /** A company's corrections, oldest first (drafts left out). */
  listForProvider(providerId: string): Promise<CorrectionRecord[]>;
  /** Drafts past their time, and answered corrections answered before `answeredBefore`. */
  deleteExpired(now: number, answeredBefore: number): Promise<number>;
}

export type ForwardRecordState = 'draft' | 'awaiting-delivery';

export interface ForwardRecord {
  forwardId: string;
  providerId: string;
  recipientId: string;
  customerRefSealed: string;
  serviceType: string;
  fields: string[];
  /**
   * The credential the company signed for this forward, bound to the holder
   * key, sealed: every disclosure while a draft, only the chosen ones once
   * confirmed.
   */
  credentialSealed: string;
  /** The holder key's private JWK, sealed: it signs the key-binding JWT at delivery. */
  holderKeySealed: string;
  state: ForwardRecordState;
  /** A draft lapses unconfirmed at this moment; a confirmed forward is deleted undelivered at it. */
  expiresAt: number;
  consentId: string | null;
  referenceId: string | null;
  createdAt: number;
}

export interface ForwardRepository {
  insert(forward: ForwardRecord): Promise<void>;
  get(forwardId: string): Promise<ForwardRecord | undefined>;
  /** draft -> awaiting-delivery with the chosen disclosures only, once, while the draft is live. */
  confirm(
    forwardId: string,
    confirmed: { credentialSealed: string; consentId: string; referenceId: string; expiresAt: number },
    now: number,
  ): Promise<boolean>;
  /** Takes a confirmed forward for delivery and deletes it, once: two fetches cannot both get it. */
  takeForDelivery(referenceId: string, now: number): Promise<ForwardRecord | undefined>;
  /** Puts a taken forward back when its delivery failed on our side. */
  restore(forward: ForwardRecord): Promise<void>;
  /** Deletes a forward (refused, or its consent revoked). */
  delete(forwardId: string): Promise<void>;
  /** Drafts and undelivered forwards past their time; returns the consent ids of undelivered ones. */
  deleteExpired(now: number): Promise<string[]>;
}
