import { PLAN_LIMITS, PlanInputError, type PlanInput } from '@regiekit/sdk/plan';

/** A field of one debt that the planner refused. */
export type DebtField =
  | 'principalCents'
  | 'costsCents'
  | 'interestCents'
  | 'minimumPaymentCents'
  | 'monthsInArrears'
  | 'dueDate'
  | 'letterReceivedOn'
  | 'id'
  | 'kind';

/**
 * Why no plan could be made, in terms a message can name: which part of the
 * input, and for a debt its place in the list (from 1) and creditor, so the
 * person can find the line to correct.
 */
export type PlanProblem =
  | { kind: 'monthlyRoom' }
  | { kind: 'horizon'; maxMonths: number }
  | { kind: 'startMonth' }
  | { kind: 'noDebts' }
  | { kind: 'tooManyDebts'; maxDebts: number }
  | { kind: 'debt'; field: DebtField; place: number; creditor: string }
  /** Two health-insurer debts (places from 1): the CAK premium is charged once per person, so only one can be the current insurer. */
  | {
      kind: 'secondHealthInsurer';
      first: { place: number; creditor: string };
      second: { place: number; creditor: string };
    }
  /** A refusal this element does not know yet: the planner's own (English) words. */
  | { kind: 'other'; detail: string }
  /** Not a plan input at all (null, or debts that are not objects). */
  | { kind: 'unreadable' };

const DEBT_FIELDS = new Set<string>([
  'principalCents',
  'costsCents',
  'interestCents',
  'minimumPaymentCents',
  'monthsInArrears',
  'dueDate',
  'letterReceivedOn',
  'id',
  'kind',
]);

/**
 * Reads a PlanInputError. Its message starts with the path of the refused
 * field (`debts.2.dueDate: YYYY-MM-DD`); that path, not the English text
 * after it, decides the problem, and the input supplies the creditor's name.
 */
export function planProblem(error: unknown, input: PlanInput): PlanProblem {
  if (!(error instanceof PlanInputError)) return { kind: 'unreadable' };
  // The input as a whole, or a debt that is not an object: nothing a person typed can be pointed at.
  if (/^(input|debts\.\d+):/.test(error.message)) return { kind: 'unreadable' };
  const [, index, field] = /^(?:debts\.(\d+)\.)?(\w+):/.exec(error.message) ?? [];
  if (index !== undefined && field && DEBT_FIELDS.has(field)) {
    const named = (at: number) => {
      const name = input.debts?.[at]?.creditor;
      return { place: at + 1, creditor: typeof name === 'string' ? name.trim() : '' };
    };
    if (error.rule === 'one-health-insurer') {
      // Either of the two may be the one to change: the person knows which insurer is the current one.
      return {
        kind: 'secondHealthInsurer',
        first: named(input.debts.findIndex((debt) => debt?.kind === 'health-insurer')),
        second: named(Number(index)),
      };
    }
    // An id that is missing or not a text comes from the program that built the input; only a duplicate is the person's to fix.
    if (field === 'id' && !error.message.includes('duplicate')) return { kind: 'unreadable' };
    return { kind: 'debt', field: field as DebtField, ...named(Number(index)) };
  }
  switch (field) {
    case 'monthlyRoomCents':
      return { kind: 'monthlyRoom' };
    case 'horizonMonths':
      return { kind: 'horizon', maxMonths: PLAN_LIMITS.maxHorizonMonths };
    case 'startMonth':
      return { kind: 'startMonth' };
    case 'debts':
      return Array.isArray(input.debts) && input.debts.length > 0
        ? { kind: 'tooManyDebts', maxDebts: PLAN_LIMITS.maxDebts }
        : { kind: 'noDebts' };
    default:
      return { kind: 'other', detail: error.message };
  }
}
