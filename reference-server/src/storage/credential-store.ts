/**
 * What the store keeps of signed-data credentials: per issuing party, which
 * index of its Token Status List stands for which category of which
 * customer, and which indexes are revoked. No credential and no data: the
 * customer is known only by keyed hashes of the party's customer reference.
 */
export interface CredentialStatusRepository {
  /**
   * The index that stands for (`subjectKey`, `vct`) at `issuerId` now: the
   * existing one, or a new one from the issuer's counter (atomically, so two
   * requests at once get the same index).
   */
  indexFor(issuerId: string, subjectKey: string, vct: string): Promise<number>;
  /**
   * Revokes the indexes that stand for `vct` of any of `subjectKeys` (the
   * customer's keyed hashes under every readable key) and forgets them, so
   * the next credential gets a fresh index; returns the revoked indexes.
   */
  revokeCurrent(issuerId: string, subjectKeys: readonly string[], vct: string): Promise<number[]>;
  /** The issuer's list: how many indexes it has handed out, and which are revoked. */
  statusOf(issuerId: string): Promise<{ size: number; revoked: number[] }>;
}
