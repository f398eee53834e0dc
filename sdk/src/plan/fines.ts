import { CJIB_ESCALATION } from './dutch-rules.js';

/**
 * The days after which a traffic fine (Wahv) rises, in order: its payment
 * deadline and then the reminder's deadline eight weeks later, or only the
 * latter once a reminder was sent (then `dueDate` is that reminder's deadline).
 */
export function cjibRiseDays(dueDate: string, reminderStage = 0): string[] {
  if (reminderStage >= 1) return [dueDate];
  const reminderDeadline = new Date(
    Date.parse(`${dueDate}T00:00:00Z`) + CJIB_ESCALATION.value.weeksBetween * 7 * 86_400_000,
  )
    .toISOString()
    .slice(0, 10);
  return [dueDate, reminderDeadline];
}

/** How many of `rises` have passed on `day`: a fine rises the day after a deadline. */
export const risesPassed = (rises: readonly string[], day: string): number => rises.filter((rise) => rise < day).length;

/**
 * The amount due on a traffic fine on `date`: the original until the payment
 * deadline, 1.5 times it after that, and 3 times it once the first
 * reminder's term (8 weeks) has passed too.
 */
export function cjibAmountDue(originalCents: number, paymentDeadline: string, date: string): number {
  const { firstFactor, secondFactor } = CJIB_ESCALATION.value;
  const passed = risesPassed(cjibRiseDays(paymentDeadline), date);
  if (passed === 0) return originalCents;
  if (passed === 1) return Math.round(originalCents * firstFactor);
  return Math.round(originalCents * firstFactor * secondFactor);
}
