/**
 * What kind of creditor a debt is owed to: it decides how the debt grows.
 * `health-insurer` is the premium arrears with the current insurer, which
 * bring the CAK premium after six months (once per person); arrears with a
 * former insurer are `other`.
 */
export const CREDITOR_KINDS = ['cjib', 'tax', 'health-insurer', 'rent', 'energy', 'water', 'consumer-credit', 'telecom', 'duo', 'other'] as const;
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
export const owedAtStart = (debt: DebtInput): number => debt.principalCents + (debt.costsCents ?? 0) + (debt.interestCents ?? 0);

export const PLAN_LIMITS = { maxDebts: 60, maxHorizonMonths: 120, maxAmountCents: 100_000_000 } as const;

export function checkPlanInput(input: PlanInput): void {
  const fail = (message: string, rule?: PlanInputError['rule']) => {
    throw new PlanInputError(message, rule);
  };
  if (!Number.isInteger(input.monthlyRoomCents) || input.monthlyRoomCents <= 0) fail('monthlyRoomCents: the monthly room must be a positive number of cents');
  if (!Number.isInteger(input.horizonMonths) || input.horizonMonths < 1 || input.horizonMonths > PLAN_LIMITS.maxHorizonMonths) fail(`horizonMonths: between 1 and ${PLAN_LIMITS.maxHorizonMonths}`);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.startMonth)) fail('startMonth: YYYY-MM');
  if (!Array.isArray(input.debts) || input.debts.length === 0) fail('debts: at least one debt');
  if (input.debts.length > PLAN_LIMITS.maxDebts) fail(`debts: at most ${PLAN_LIMITS.maxDebts}`);
  const ids = new Set<string>();
  input.debts.forEach((debt, index) => {
    for (const field of ['principalCents', 'costsCents', 'interestCents', 'minimumPaymentCents', 'monthsInArrears'] as const) {
      const value = debt[field] ?? 0;
      if (!Number.isInteger(value) || value < 0 || value > PLAN_LIMITS.maxAmountCents) fail(`debts.${index}.${field}: a whole, non-negative number of cents (at most ${PLAN_LIMITS.maxAmountCents})`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(debt.dueDate)) fail(`debts.${index}.dueDate: YYYY-MM-DD`);
    if (ids.has(debt.id)) fail(`debts.${index}.id: duplicate id ${debt.id}`);
    ids.add(debt.id);
    if (!(CREDITOR_KINDS as readonly string[]).includes(debt.kind)) fail(`debts.${index}.kind: one of ${CREDITOR_KINDS.join(', ')}`);
    if (debt.kind === 'health-insurer' && input.debts.findIndex((other) => other.kind === 'health-insurer') < index) {
      fail(`debts.${index}.kind: at most one health-insurer debt, since the CAK premium is charged once per person; enter arrears with a former insurer as 'other'`, 'one-health-insurer');
    }
  });
}
