/** What a debt consists of, in cents: the parts a payment settles in its legal order. */
export interface DebtParts {
  costsCents: number;
  interestCents: number;
  principalCents: number;
}

/**
 * Applies a payment the way the law allocates it: first to costs, then to
 * accrued interest, then to the principal (art. 6:44 BW). Returns the parts
 * left and what remains of the payment.
 */
export function allocatePayment(parts: DebtParts, paymentCents: number): { left: DebtParts; unusedCents: number } {
  let remaining = Math.max(0, paymentCents);
  const take = (owed: number) => {
    const paid = Math.min(owed, remaining);
    remaining -= paid;
    return owed - paid;
  };
  const costsCents = take(parts.costsCents);
  const interestCents = take(parts.interestCents);
  const principalCents = take(parts.principalCents);
  return { left: { costsCents, interestCents, principalCents }, unusedCents: remaining };
}
