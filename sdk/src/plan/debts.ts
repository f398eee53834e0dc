/**
 * What kind of creditor a debt is owed to: it decides how the debt grows.
 * `health-insurer` is the premium arrears with the current insurer, which
 * bring the CAK premium after six months (once per person); arrears with a
 * former insurer are `other`.
 */
export const CREDITOR_KINDS = [
  'cjib',
  'tax',
  'health-insurer',
  'rent',
  'energy',
  'water',
  'consumer-credit',
  'telecom',
  'duo',
  'other',
] as const;
export type CreditorKind = (typeof CREDITOR_KINDS)[number];

export interface DebtInput {
  id: string;
  creditor: string;
  kind: CreditorKind;
  /** Outstanding principal, in cents. */
  principalCents: number;
  /** Costs and interest already owed, in cents. */
  costsCents?: number;
  interestCents?: number;
  /** For CJIB: the payment deadline of the current stage; for others, when the debt fell due. ISO day. */
  dueDate: string;
  /** CJIB: reminders already sent (0, 1 or 2). */
  reminderStage?: 0 | 1 | 2;
  /** The day the 14-day letter was received, if one was sent (consumer debts: collection costs only after it). */
  letterReceivedOn?: string | null;
  /** The least the creditor accepts each month (a payment arrangement, or the current rent), in cents. */
  minimumPaymentCents?: number;
  /** The debt arose in the debtor's business (art. 6:119a BW): commercial statutory interest, and collection costs from the due date without a 14-day letter. */
  commercial?: boolean;
  /**
   * Months already unpaid. Health premium: the CAK premium follows after six.
   * Rent: the arrears divided by these months is the rent, and arrears of
   * three months' rent or more are paid down below that before anything but
   * the agreed minimums (the eviction limit).
   */
  monthsInArrears?: number;
}

export interface PlanInput {
  debts: DebtInput[];
  /** What the household can pay towards debts each month, in cents. */
  monthlyRoomCents: number;
  /** First month of the plan, `YYYY-MM`. */
  startMonth: string;
  /** 36 or 60 months, usually. */
  horizonMonths: number;
}

/**
 * A clear, early refusal of input the planner cannot plan with. The message
 * starts with the path of the field (`debts.2.dueDate: ...`); `rule` names a
 * refusal that is about the debts together rather than one field's form.
 */
export class PlanInputError extends Error {
  override name = 'PlanInputError';

  constructor(
    message: string,
    readonly rule?: 'one-health-insurer',
  ) {
    super(message);
  }
}

/** What a debt stands at when the plan starts: principal, costs and interest together. */
export const owedAtStart = (debt: DebtInput): number =>
  debt.principalCents + (debt.costsCents ?? 0) + (debt.interestCents ?? 0);

export const PLAN_LIMITS = {
  maxDebts: 60,
  maxHorizonMonths: 120,
  maxAmountCents: 100_000_000,
  maxMonthsInArrears: 1200,
} as const;

/** A day that exists in the calendar, written `YYYY-MM-DD` (2026-02-30 is not one). */
function isCalendarDay(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

const isWholeInRange = (value: unknown, max: number) =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= max;

/**
 * Refuses, early and by name, input the planner cannot plan with. Written by
 * hand rather than with a schema library: it runs in the browser bundle of
 * <regie-repayment-plan>, which has no room for one.
 */
export function checkPlanInput(input: PlanInput): void {
  const fail = (message: string, rule?: PlanInputError['rule']) => {
    throw new PlanInputError(message, rule);
  };
  if (typeof input !== 'object' || input === null) fail('input: a PlanInput object');
  if (!Number.isInteger(input.monthlyRoomCents) || input.monthlyRoomCents <= 0)
    fail('monthlyRoomCents: a positive whole number of cents');
  if (
    !Number.isInteger(input.horizonMonths) ||
    input.horizonMonths < 1 ||
    input.horizonMonths > PLAN_LIMITS.maxHorizonMonths
  )
    fail(`horizonMonths: between 1 and ${PLAN_LIMITS.maxHorizonMonths}`);
  if (typeof input.startMonth !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(input.startMonth))
    fail('startMonth: YYYY-MM');
  if (!Array.isArray(input.debts) || input.debts.length === 0) fail('debts: at least one debt');
  if (input.debts.length > PLAN_LIMITS.maxDebts) fail(`debts: at most ${PLAN_LIMITS.maxDebts}`);
  const ids = new Set<string>();
  input.debts.forEach((debt, index) => {
    if (typeof debt !== 'object' || debt === null) fail(`debts.${index}: an object`);
    if (typeof debt.id !== 'string' || debt.id === '') fail(`debts.${index}.id: a non-empty string`);
    if (typeof debt.creditor !== 'string') fail(`debts.${index}.creditor: a string`);
    for (const field of ['principalCents', 'costsCents', 'interestCents', 'minimumPaymentCents'] as const) {
      if (!isWholeInRange(debt[field] ?? 0, PLAN_LIMITS.maxAmountCents))
        fail(`debts.${index}.${field}: whole cents, 0 to ${PLAN_LIMITS.maxAmountCents}`);
    }
    if (!isWholeInRange(debt.monthsInArrears ?? 0, PLAN_LIMITS.maxMonthsInArrears))
      fail(`debts.${index}.monthsInArrears: whole months, 0 to ${PLAN_LIMITS.maxMonthsInArrears}`);
    if (!isCalendarDay(debt.dueDate)) fail(`debts.${index}.dueDate: YYYY-MM-DD, a real day`);
    if (debt.letterReceivedOn != null && !isCalendarDay(debt.letterReceivedOn))
      fail(`debts.${index}.letterReceivedOn: YYYY-MM-DD, a real day, or null`);
    if (debt.reminderStage !== undefined && ![0, 1, 2].includes(debt.reminderStage))
      fail(`debts.${index}.reminderStage: 0, 1 or 2`);
    if (debt.commercial !== undefined && typeof debt.commercial !== 'boolean')
      fail(`debts.${index}.commercial: a boolean`);
    if (ids.has(debt.id)) fail(`debts.${index}.id: duplicate id ${debt.id}`);
    ids.add(debt.id);
    if (!(CREDITOR_KINDS as readonly string[]).includes(debt.kind))
      fail(`debts.${index}.kind: one of ${CREDITOR_KINDS.join(', ')}`);
    if (debt.kind === 'health-insurer' && input.debts.findIndex((other) => other.kind === 'health-insurer') < index) {
      fail(
        `debts.${index}.kind: at most one health-insurer debt, as the CAK premium is per person; a former insurer is 'other'`,
        'one-health-insurer',
      );
    }
  });
}
