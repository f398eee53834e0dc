import { allocatePayment } from './allocation.js';
import type { PlanInput } from './debts.js';
import { FIXED_COST_KINDS, growthRules, monthOf, type GrowthRules } from './growth-rules.js';

interface DebtState {
  id: string;
  rules: GrowthRules;
  minimumCents: number;
  fixedCost: boolean;
  /** Costs (collection costs, surcharges, premiums): settled first. */
  costs: number;
  /** Interest accrued and not yet joined to the principal: settled next. */
  interest: number;
  /** The principal, with the interest capitalised into it: settled last, and what interest runs on. */
  principal: number;
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

/** Exact payments per month (index) and debt id, in cents: how a schedule from elsewhere (the exact model) is replayed. */
export type PaymentSchedule = readonly Readonly<Record<string, number>>[];

/** What one debt stood at in one month: before its growth, and its parts after the payment. */
export interface DebtMonth {
  month: number;
  id: string;
  /** Owed at the start of the month, before growth. */
  beforeCents: number;
  costsCents: number;
  interestCents: number;
  principalCents: number;
  paidCents: number;
}

const balanceOf = (state: DebtState) => state.costs + state.interest + state.principal;

/** One month of growth under the modelled rules (growth-rules.ts); returns what arose. */
function grow(state: DebtState, m: number): number {
  const { rules } = state;
  if (rules.capitalises[m]) {
    state.principal += state.interest;
    state.interest = 0;
  }
  if (balanceOf(state) <= 0) return 0;
  const surcharge = Math.round(balanceOf(state) * rules.surchargeShare[m]!);
  const interest = Math.round(state.principal * rules.monthlyRate[m]!);
  const charges = rules.charges.reduce((sum, charge) => sum + (charge.month === m ? charge.cents : 0), 0);
  const premium = rules.cakPremium && m >= rules.cakPremium.fromMonth ? rules.cakPremium.cents : 0;
  state.costs += surcharge + charges + premium;
  state.interest += interest;
  return surcharge + interest + charges + premium;
}

/**
 * Runs a plan month by month under the modelled rules: debts grow, then the
 * month's room is paid out. With an order, minimum payments and fixed costs
 * go first and the rest follows the order; with a schedule, exactly the
 * scheduled amounts are paid. Never pays more than the room, never more than
 * a debt's balance; every payment settles costs, then interest, then
 * principal (art. 6:44 BW).
 */
export function simulate(input: PlanInput, plan: PaymentOrder | PaymentSchedule, observe?: (debt: DebtMonth) => void): Simulation {
  const states: DebtState[] = input.debts.map((debt) => ({
    id: debt.id,
    rules: growthRules(debt, input),
    minimumCents: debt.minimumPaymentCents ?? 0,
    fixedCost: FIXED_COST_KINDS.has(debt.kind),
    costs: debt.costsCents ?? 0,
    interest: debt.interestCents ?? 0,
    principal: debt.principalCents,
  }));
  const byId = new Map(states.map((state) => [state.id, state]));
  const months: MonthRow[] = [];
  const paidOffIn: Record<string, number> = {};
  let totalPaid = 0;
  let totalGrowth = 0;

  for (let m = 0; m < input.horizonMonths; m++) {
    let growth = 0;
    const before = observe ? states.map(balanceOf) : [];
    for (const state of states) growth += grow(state, m);

    let room = input.monthlyRoomCents;
    const payments: Record<string, number> = {};
    const pay = (state: DebtState, amount: number) => {
      const paid = Math.min(amount, balanceOf(state), room);
      if (paid <= 0) return;
      const left = allocatePayment({ costsCents: state.costs, interestCents: state.interest, principalCents: state.principal }, paid).left;
      [state.costs, state.interest, state.principal] = [left.costsCents, left.interestCents, left.principalCents];
      payments[state.id] = (payments[state.id] ?? 0) + paid;
      room -= paid;
    };
    if (typeof plan === 'function') {
      // Fixed costs first, then the other agreed minimums, then the order.
      const withMinimum = states.filter((state) => state.minimumCents > 0 && balanceOf(state) > 0);
      for (const state of withMinimum.filter((s) => s.fixedCost)) pay(state, state.minimumCents);
      for (const state of withMinimum.filter((s) => !s.fixedCost)) pay(state, state.minimumCents);
      const open = states.filter((state) => balanceOf(state) > 0).map((state) => ({ id: state.id, balanceCents: balanceOf(state) }));
      for (const id of plan(open, m)) {
        if (room <= 0) break;
        const state = byId.get(id);
        if (state) pay(state, room);
      }
    } else {
      for (const [id, amount] of Object.entries(plan[m] ?? {})) {
        const state = byId.get(id);
        if (state) pay(state, amount);
      }
    }

    if (observe) states.forEach((state, i) => observe({ month: m, id: state.id, beforeCents: before[i]!, costsCents: state.costs, interestCents: state.interest, principalCents: state.principal, paidCents: payments[state.id] ?? 0 }));
    for (const state of states) if (balanceOf(state) === 0 && paidOffIn[state.id] === undefined) paidOffIn[state.id] = m;
    const paidThisMonth = Object.values(payments).reduce((sum, amount) => sum + amount, 0);
    totalPaid += paidThisMonth;
    totalGrowth += growth;
    months.push({ month: monthOf(input.startMonth, m), payments, balances: Object.fromEntries(states.map((state) => [state.id, balanceOf(state)])), growthCents: growth });
  }
  return { months, totalPaidCents: totalPaid, remainingCents: states.reduce((sum, state) => sum + balanceOf(state), 0), growthCents: totalGrowth, paidOffIn };
}
