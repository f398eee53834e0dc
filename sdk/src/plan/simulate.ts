import { settlePayment, type DebtParts } from './allocation.js';
import { compilePlan, coversMonth, type PaymentOrder, type CompiledPlan } from './compiled-plan.js';
import type { PlanInput } from './debts.js';
import { monthOf } from './growth-rules.js';

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
  /** The debts in the order they first got money beyond their agreed minimum, when their turn in the order came (for a schedule: their first payment). */
  turns: string[];
}

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

/** What every debt owes, in its three parts (see allocation.ts), and the room left this month. */
class Ledger {
  readonly parts: DebtParts[];
  room = 0;

  constructor(private readonly plan: CompiledPlan) {
    const { costs, interest, principal } = plan.opening;
    this.parts = Array.from(costs, (_, i) => ({
      costsCents: costs[i]!,
      interestCents: interest[i]!,
      principalCents: principal[i]!,
    }));
  }

  balance(i: number): number {
    const parts = this.parts[i]!;
    return parts.costsCents + parts.interestCents + parts.principalCents;
  }

  /** One month of growth of debt i under the modelled rules (growth-rules.ts); returns what arose. */
  grow(i: number, m: number): number {
    const { plan } = this;
    const parts = this.parts[i]!;
    const at = i * plan.months + m;
    if (plan.capitalises[at]) {
      parts.principalCents += parts.interestCents;
      parts.interestCents = 0;
    }
    const balance = this.balance(i);
    if (balance <= 0) return 0;
    const surcharge = Math.round(balance * plan.surchargeShare[at]!);
    const interest = Math.round(parts.principalCents * plan.monthlyRate[at]!);
    const premium = m >= plan.cakFrom[i]! ? plan.cakCents[i]! : 0;
    parts.costsCents += surcharge + plan.charges[at]! + premium;
    parts.interestCents += interest;
    return surcharge + interest + plan.charges[at]! + premium;
  }

  /** Pays debt i up to `amount`, never more than it owes or the room left; returns what was paid. */
  pay(i: number, amount: number): number {
    const paid = Math.min(amount, this.balance(i), this.room);
    if (paid <= 0) return 0;
    this.room -= paid;
    settlePayment(this.parts[i]!, paid);
    return paid;
  }

  /**
   * What every plan pays before its order: fixed costs' minimums, then the
   * other agreed minimums, then rent arrears above the eviction limit down to it.
   */
  payCommitments(record?: (i: number, paid: number, beyondMinimum: boolean) => void): void {
    const { plan } = this;
    for (const i of plan.withMinimum) {
      if (this.balance(i) <= 0) continue;
      const paid = this.pay(i, plan.minimum[i]!);
      record?.(i, paid, false);
    }
    for (const i of plan.withLimit) {
      const above = this.balance(i) - plan.limit[i]!;
      if (above <= 0) continue;
      const paid = this.pay(i, above);
      record?.(i, paid, true);
    }
  }
}

/**
 * The growth an order of stretches causes, in cents: the cost the planner
 * compares orders by, since a plan costs the starting debts plus this growth.
 * It stops counting once the growth passes `stopAbove` (an order that is
 * already worse than the best one known).
 */
export function orderGrowth(
  plan: CompiledPlan,
  order: ArrayLike<number>,
  stopAbove = Number.POSITIVE_INFINITY,
): number {
  const { stretches } = plan;
  const ledger = new Ledger(plan);
  let growth = 0;
  for (let m = 0; m < plan.months; m++) {
    let open = 0;
    for (let i = 0; i < plan.debts; i++) {
      growth += ledger.grow(i, m);
      if (ledger.balance(i) > 0) open++;
    }
    if (growth > stopAbove || open === 0) break;
    ledger.room = plan.room;
    ledger.payCommitments();
    for (let k = 0; k < order.length && ledger.room > 0; k++) {
      const s = order[k]!;
      if (coversMonth(stretches, s, m)) ledger.pay(stretches.debt[s]!, ledger.room);
    }
  }
  return growth;
}

/**
 * Runs a plan month by month under the modelled rules: debts grow, then the
 * month's room is paid out. With an order, minimum payments (fixed costs
 * first) and rent above the eviction limit go first and the rest follows the
 * order; with a schedule, exactly the scheduled amounts are paid. Never pays more than the room, never more than
 * a debt's balance; every payment settles costs, then interest, then
 * principal (art. 6:44 BW).
 */
export function simulate(
  input: PlanInput,
  plan: PaymentOrder | PaymentSchedule,
  observe?: (debt: DebtMonth) => void,
  compiled = compilePlan(input),
): Simulation {
  const ledger = new Ledger(compiled);
  const { ids, debts: n } = compiled;
  const index = new Map(ids.map((id, i) => [id, i]));
  const paidTo = new Float64Array(n);
  const before = new Float64Array(n);
  const months: MonthRow[] = [];
  const paidOffIn: Record<string, number> = {};
  const turns: string[] = [];
  const turned = new Set<number>();
  const takeTurn = (i: number, paid: number) => {
    if (paid > 0 && !turned.has(i)) {
      turned.add(i);
      turns.push(ids[i]!);
    }
    paidTo[i]! += paid;
  };
  let totalPaid = 0;
  let totalGrowth = 0;

  for (let m = 0; m < compiled.months; m++) {
    let growth = 0;
    for (let i = 0; i < n; i++) {
      before[i] = ledger.balance(i);
      growth += ledger.grow(i, m);
    }
    ledger.room = input.monthlyRoomCents;
    paidTo.fill(0);
    if (typeof plan === 'function') {
      ledger.payCommitments((i, paid, beyondMinimum) => (beyondMinimum ? takeTurn(i, paid) : (paidTo[i]! += paid)));
      const open = ids.flatMap((id, i) => (ledger.balance(i) > 0 ? [{ id, balanceCents: ledger.balance(i) }] : []));
      for (const id of plan(open, m)) {
        const i = index.get(id);
        if (ledger.room <= 0) break;
        if (i !== undefined) takeTurn(i, ledger.pay(i, ledger.room));
      }
    } else {
      for (const [id, amount] of Object.entries(plan[m] ?? {})) {
        const i = index.get(id);
        if (i !== undefined) takeTurn(i, ledger.pay(i, amount));
      }
    }

    const payments: Record<string, number> = {};
    const balances: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      if (paidTo[i]! > 0) payments[id] = paidTo[i]!;
      balances[id] = ledger.balance(i);
      if (balances[id] === 0 && paidOffIn[id] === undefined) paidOffIn[id] = m;
      observe?.({ month: m, id, beforeCents: before[i]!, ...ledger.parts[i]!, paidCents: paidTo[i]! });
      totalPaid += paidTo[i]!;
    }
    totalGrowth += growth;
    months.push({ month: monthOf(input.startMonth, m), payments, balances, growthCents: growth });
  }
  let remaining = 0;
  for (let i = 0; i < n; i++) remaining += ledger.balance(i);
  return { months, totalPaidCents: totalPaid, remainingCents: remaining, growthCents: totalGrowth, paidOffIn, turns };
}
