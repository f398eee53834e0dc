/** What a debt consists of, in cents: the parts a payment settles in its legal order. */
export interface DebtParts {
  costsCents: number;
  interestCents: number;
  principalCents: number;
}

/**
 * Settles a payment on a debt's parts, in place, the way the law allocates
 * it: first to costs, then to accrued interest, then to the principal
 * (art. 6:44 BW). Returns what remains of the payment. The simulation calls
 * this for every payment, so it allocates nothing.
 */
export function settlePayment(parts: DebtParts, paymentCents: number): number {
  let remaining = Math.max(0, paymentCents);
  const toCosts = Math.min(parts.costsCents, remaining);
  parts.costsCents -= toCosts;
  remaining -= toCosts;
  const toInterest = Math.min(parts.interestCents, remaining);
  parts.interestCents -= toInterest;
  remaining -= toInterest;
  const toPrincipal = Math.min(parts.principalCents, remaining);
  parts.principalCents -= toPrincipal;
  return remaining - toPrincipal;
}

/** The same allocation on a copy: the parts left and what remains of the payment. */
export function allocatePayment(parts: DebtParts, paymentCents: number): { left: DebtParts; unusedCents: number } {
  const left = { ...parts };
  return { left, unusedCents: settlePayment(left, paymentCents) };
}
