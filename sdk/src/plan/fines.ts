import { CJIB_ESCALATION } from './dutch-rules.js';

/**
 * The amount due on a traffic fine (Wahv) on `date`: the original until the
 * payment deadline, 1.5 times it after that, and 3 times it once the first
 * reminder's term (8 weeks) has passed too.
 */
export function cjibAmountDue(originalCents: number, paymentDeadline: string, date: string): number {
  const { firstFactor, secondFactor, weeksBetween } = CJIB_ESCALATION.value;
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  const firstRise = day(paymentDeadline);
  const secondRise = firstRise + weeksBetween * 7 * 86_400_000;
  const now = day(date);
  if (now <= firstRise) return originalCents;
  if (now <= secondRise) return Math.round(originalCents * firstFactor);
  return Math.round(originalCents * firstFactor * secondFactor);
}
