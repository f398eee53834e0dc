import type { PlanInput } from './debts.js';
import { annualRate, FIXED_COST_KINDS } from './growth-rules.js';
import type { PaymentOrder } from './compiled-plan.js';
import type { Simulation } from './simulate.js';

/** A fixed order of debt ids: each month the extra money goes to the first open debt, then the next. */
export const staticOrder =
  (ids: readonly string[]): PaymentOrder =>
  (open) => {
    const isOpen = new Set(open.map((debt) => debt.id));
    return ids.filter((id) => isOpen.has(id));
  };

/** Highest interest rate first (ties: smallest balance). */
export function avalanche(input: PlanInput): PaymentOrder {
  const day = `${input.startMonth}-01`;
  const rate = new Map(input.debts.map((debt) => [debt.id, annualRate(debt, day)]));
  return (open) =>
    [...open]
      .sort((a, b) => rate.get(b.id)! - rate.get(a.id)! || a.balanceCents - b.balanceCents)
      .map((debt) => debt.id);
}

/** Smallest balance first. */
export const snowball: PaymentOrder = (open) =>
  [...open].sort((a, b) => a.balanceCents - b.balanceCents).map((debt) => debt.id);

/**
 * Balance matching, what people do by habit: every creditor a share in
 * proportion to what they are owed. As an order it rotates, so over a few
 * months each debt gets its turn in proportion.
 */
export const balanceMatching: PaymentOrder = (open, month) => {
  const total = open.reduce((sum, debt) => sum + debt.balanceCents, 0);
  const weighted = open.map((debt) => ({
    id: debt.id,
    key: ((month * 0.618 * total) % (debt.balanceCents + 1)) / (debt.balanceCents + 1),
  }));
  return weighted.sort((a, b) => a.key - b.key).map((debt) => debt.id);
};

/** The cost of a simulated plan: what it pays plus what is still owed at the end. */
export const planCost = (simulation: Simulation) => simulation.totalPaidCents + simulation.remainingCents;

export const RULES_OF_THUMB = {
  avalanche: (input: PlanInput) => avalanche(input),
  snowball: () => snowball,
  'balance matching': () => balanceMatching,
} as const;

/** Fixed costs first, then debts whose sanctions rise soonest or steepest (CJIB, CAK, tax), then by rate. */
export function sanctionsFirst(input: PlanInput): string[] {
  const weight = (kind: string) =>
    FIXED_COST_KINDS.has(kind) ? 0 : kind === 'cjib' ? 1 : kind === 'health-insurer' ? 2 : kind === 'tax' ? 3 : 4;
  const day = `${input.startMonth}-01`;
  return [...input.debts]
    .sort(
      (a, b) =>
        weight(a.kind) - weight(b.kind) ||
        annualRate(b, day) - annualRate(a, day) ||
        a.principalCents - b.principalCents,
    )
    .map((debt) => debt.id);
}
