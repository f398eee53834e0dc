import { allocatePayment } from './allocation.js';
import { collectionCostsOwed, wikCollectionCosts } from './collection-costs.js';
import type { DebtInput, PlanInput } from './debts.js';
import { CJIB_ESCALATION, HEALTH_PREMIUM, STATUTORY_INTEREST_CONSUMER, TAX_COLLECTION } from './dutch-rules.js';
import { rateOn } from './statutory-interest.js';

/** Debts that keep a household housed and insured: kept current before anything else. */
export const FIXED_COST_KINDS = new Set(['rent', 'energy', 'water', 'health-insurer']);

/** Kinds on which the WIK costs and statutory interest of consumer debts apply. */
const CONSUMER_KINDS = new Set(['consumer-credit', 'telecom', 'energy', 'water', 'rent', 'other']);

interface DebtState {
  debt: DebtInput;
  costs: number;
  interest: number;
  principal: number;
  /** Statutory interest accrued this year, capitalised at each full year (art. 6:119 lid 2 BW). */
  yearInterest: number;
  wikCharged: boolean;
  cjibStage: number;
  arrearsMonths: number;
}

export interface MonthRow {
  month: string;
  /** Paid to each debt this month, in cents. */
  payments: Record<string, number>;
  /** What each debt stands at after this month's growth and payment. */
  balances: Record<string, number>;
  /** Costs, interest and surcharges that arose this month. */
  growthCents: number;
}

export interface Simulation {
  months: MonthRow[];
  totalPaidCents: number;
  /** What is still owed at the end of the horizon. */
  remainingCents: number;
  /** Everything that arose on top of the starting debts: the cost a plan should keep low. */
  growthCents: number;
  /** Month (index) each debt was paid off, if it was. */
  paidOffIn: Record<string, number>;
}

/** The order in which extra money goes to debts this month (ids), given what they stand at. */
export type PaymentOrder = (states: readonly { id: string; balanceCents: number }[], month: number) => string[];

const balanceOf = (state: DebtState) => state.costs + state.interest + state.principal + state.yearInterest;

export const monthOf = (startMonth: string, offset: number): string => {
  const [year, month] = startMonth.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, month - 1 + offset, 1));
  return date.toISOString().slice(0, 7);
};

/** The debt's yearly rate of growth by interest, for ordering (avalanche). */
export function annualRate(debt: DebtInput, day: string): number {
  if (debt.kind === 'tax') return rateOn(TAX_COLLECTION.value.interest, day);
  if (CONSUMER_KINDS.has(debt.kind)) return rateOn(STATUTORY_INTEREST_CONSUMER.value, day);
  return 0;
}

/** One month of growth under the modelled rules; returns what arose. */
function grow(state: DebtState, day: string): number {
  const { debt } = state;
  if (balanceOf(state) <= 0) return 0;
  let added = 0;
  if (debt.kind === 'cjib') {
    const { firstFactor, secondFactor, weeksBetween } = CJIB_ESCALATION.value;
    const deadline = Date.parse(`${debt.dueDate}T00:00:00Z`);
    const stageOnDay = Date.parse(`${day}T00:00:00Z`) <= deadline ? 0 : Date.parse(`${day}T00:00:00Z`) <= deadline + weeksBetween * 7 * 86_400_000 ? 1 : 2;
    // Each stage raises the amount due while the fine is unpaid: x1.5, then x2 of that.
    while (state.cjibStage < stageOnDay) {
      const factor = state.cjibStage === 0 ? firstFactor : secondFactor;
      const rise = Math.round(balanceOf(state) * (factor - 1));
      state.costs += rise;
      added += rise;
      state.cjibStage += 1;
    }
    return added;
  }
  if (debt.kind === 'tax') {
    const interest = Math.round((state.principal * rateOn(TAX_COLLECTION.value.interest, day)) / 12);
    state.interest += interest;
    return interest;
  }
  if (debt.kind === 'health-insurer') {
    state.arrearsMonths += 1;
    if (state.arrearsMonths > HEALTH_PREMIUM.value.monthsBeforeCak) {
      state.costs += HEALTH_PREMIUM.value.cakPremiumCents;
      added += HEALTH_PREMIUM.value.cakPremiumCents;
    }
    return added;
  }
  if (CONSUMER_KINDS.has(debt.kind)) {
    if (!state.wikCharged && collectionCostsOwed(debt.letterReceivedOn, day)) {
      const costs = wikCollectionCosts(state.principal);
      state.costs += costs;
      added += costs;
      state.wikCharged = true;
    }
    // Interest capitalised at earlier year ends (kept in `interest`) earns interest too.
    const interest = Math.round(((state.principal + state.interest) * rateOn(STATUTORY_INTEREST_CONSUMER.value, day)) / 12);
    state.yearInterest += interest;
    added += interest;
  }
  return added;
}

/**
 * Runs a plan month by month under the modelled rules: debts grow, then the
 * month's room is paid out, minimum payments and fixed costs first, the rest
 * in `order`. Never pays more than the room, never more than a debt's balance.
 */
export function simulate(input: PlanInput, order: PaymentOrder): Simulation {
  const states: DebtState[] = input.debts.map((debt) => ({
    debt,
    costs: debt.costsCents ?? 0,
    interest: debt.interestCents ?? 0,
    principal: debt.principalCents,
    yearInterest: 0,
    wikCharged: (debt.costsCents ?? 0) > 0,
    cjibStage: debt.reminderStage ?? 0,
    arrearsMonths: debt.monthsInArrears ?? 0,
  }));
  const byId = new Map(states.map((state) => [state.debt.id, state]));
  const months: MonthRow[] = [];
  const paidOffIn: Record<string, number> = {};
  let totalPaid = 0;
  let totalGrowth = 0;

  for (let m = 0; m < input.horizonMonths; m++) {
    const month = monthOf(input.startMonth, m);
    const day = `${month}-01`;
    let growth = 0;
    for (const state of states) growth += grow(state, day);
    if (m > 0 && m % 12 === 0) for (const state of states) (state.interest += state.yearInterest), (state.yearInterest = 0);

    let room = input.monthlyRoomCents;
    const payments: Record<string, number> = {};
    const pay = (state: DebtState, amount: number) => {
      const owed = balanceOf(state);
      const paid = Math.min(amount, owed, room);
      if (paid <= 0) return;
      // Interest of the running year is owed interest too: it is settled with the accrued interest.
      const parts = allocatePayment({ costsCents: state.costs, interestCents: state.interest + state.yearInterest, principalCents: state.principal }, paid);
      state.costs = parts.left.costsCents;
      const interestLeft = parts.left.interestCents;
      state.yearInterest = Math.min(state.yearInterest, interestLeft);
      state.interest = interestLeft - state.yearInterest;
      state.principal = parts.left.principalCents;
      if (state.debt.kind === 'health-insurer' && balanceOf(state) === 0) state.arrearsMonths = 0;
      payments[state.debt.id] = (payments[state.debt.id] ?? 0) + paid;
      room -= paid;
    };
    // Fixed costs first, then the other agreed minimums.
    const withMinimum = states.filter((state) => (state.debt.minimumPaymentCents ?? 0) > 0 && balanceOf(state) > 0);
    for (const state of withMinimum.filter((s) => FIXED_COST_KINDS.has(s.debt.kind))) pay(state, state.debt.minimumPaymentCents!);
    for (const state of withMinimum.filter((s) => !FIXED_COST_KINDS.has(s.debt.kind))) pay(state, state.debt.minimumPaymentCents!);
    const open = states.filter((state) => balanceOf(state) > 0).map((state) => ({ id: state.debt.id, balanceCents: balanceOf(state) }));
    for (const id of order(open, m)) {
      if (room <= 0) break;
      const state = byId.get(id);
      if (state) pay(state, room);
    }

    for (const state of states) if (balanceOf(state) === 0 && paidOffIn[state.debt.id] === undefined) paidOffIn[state.debt.id] = m;
    const paidThisMonth = Object.values(payments).reduce((sum, amount) => sum + amount, 0);
    totalPaid += paidThisMonth;
    totalGrowth += growth;
    months.push({ month, payments, balances: Object.fromEntries(states.map((state) => [state.debt.id, balanceOf(state)])), growthCents: growth });
  }
  return { months, totalPaidCents: totalPaid, remainingCents: states.reduce((sum, state) => sum + balanceOf(state), 0), growthCents: totalGrowth, paidOffIn };
}
