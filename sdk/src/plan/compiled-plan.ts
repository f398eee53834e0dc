import type { PlanInput } from './debts.js';
import { evictionLimitCents } from './eviction-limit.js';
import { cliffMonths, FIXED_COST_KINDS, growthRules } from './growth-rules.js';

/** The order in which extra money goes to debts this month (ids), given what they stand at. */
export type PaymentOrder = (states: readonly { id: string; balanceCents: number }[], month: number) => string[];

/**
 * A plan's debts and their growth rules laid out in flat arrays, once per
 * input, so that the planner can simulate thousands of orders without
 * building objects month by month. Index `i * months + m` is debt i in month m.
 */
export interface CompiledPlan {
  input: PlanInput;
  ids: string[];
  debts: number;
  months: number;
  room: number;
  /** Debts with a minimum payment, in the order they are served: fixed costs first. */
  withMinimum: Int32Array;
  minimum: Float64Array;
  /** Debts with a hard limit (rent arrears below eviction), and the most each may stand at. */
  withLimit: Int32Array;
  limit: Float64Array;
  surchargeShare: Float64Array;
  monthlyRate: Float64Array;
  capitalises: Uint8Array;
  /** One-off costs charged in a month if the debt is still open then. */
  charges: Float64Array;
  cakFrom: Int32Array;
  cakCents: Float64Array;
  opening: { costs: Float64Array; interest: Float64Array; principal: Float64Array };
  stretches: Stretches;
}

/**
 * The months of each debt cut at its cliffs: a CJIB rise, collection costs
 * or a tax fee falling due, the CAK premium starting. Before a cliff a debt
 * may deserve the first euro, after it much less (a fine that has risen for
 * the last time no longer grows at all), so the planner orders stretches, not
 * debts. Stretch s covers months `from[s]` to `to[s] - 1` of debt `debt[s]`;
 * a debt's stretches are numbered one after the other.
 */
export interface Stretches {
  count: number;
  debt: Int32Array;
  from: Int32Array;
  to: Int32Array;
  /** The stretch cannot make its debt grow: nothing paid to it then lowers any cost. */
  dormant: Uint8Array;
  /** Per debt: its first stretch. */
  firstOf: Int32Array;
}

export function compilePlan(input: PlanInput): CompiledPlan {
  const n = input.debts.length;
  const T = input.horizonMonths;
  const plan: Omit<CompiledPlan, 'stretches'> = {
    input,
    ids: input.debts.map((debt) => debt.id),
    debts: n,
    months: T,
    room: input.monthlyRoomCents,
    withMinimum: Int32Array.from(
      [...input.debts.keys()]
        .filter((i) => (input.debts[i]!.minimumPaymentCents ?? 0) > 0)
        .sort(
          (a, b) =>
            Number(!FIXED_COST_KINDS.has(input.debts[a]!.kind)) - Number(!FIXED_COST_KINDS.has(input.debts[b]!.kind)),
        ),
    ),
    minimum: Float64Array.from(input.debts, (debt) => debt.minimumPaymentCents ?? 0),
    withLimit: Int32Array.from(
      [...input.debts.keys()].filter((i) => Number.isFinite(evictionLimitCents(input.debts[i]!))),
    ),
    limit: Float64Array.from(input.debts, evictionLimitCents),
    surchargeShare: new Float64Array(n * T),
    monthlyRate: new Float64Array(n * T),
    capitalises: new Uint8Array(n * T),
    charges: new Float64Array(n * T),
    cakFrom: new Int32Array(n).fill(T),
    cakCents: new Float64Array(n),
    opening: {
      costs: Float64Array.from(input.debts, (debt) => debt.costsCents ?? 0),
      interest: Float64Array.from(input.debts, (debt) => debt.interestCents ?? 0),
      principal: Float64Array.from(input.debts, (debt) => debt.principalCents),
    },
  };
  const cliffs: number[][] = [];
  input.debts.forEach((debt, i) => {
    const rules = growthRules(debt, input);
    cliffs.push(cliffMonths(rules));
    for (let m = 0; m < T; m++) {
      plan.surchargeShare[i * T + m] = rules.surchargeShare[m]!;
      plan.monthlyRate[i * T + m] = rules.monthlyRate[m]!;
      plan.capitalises[i * T + m] = rules.capitalises[m] ? 1 : 0;
    }
    for (const charge of rules.charges) plan.charges[i * T + charge.month]! += charge.cents;
    if (rules.cakPremium) [plan.cakFrom[i], plan.cakCents[i]] = [rules.cakPremium.fromMonth, rules.cakPremium.cents];
  });
  return { ...plan, stretches: cutAtCliffs(plan, cliffs) };
}

function cutAtCliffs(plan: Omit<CompiledPlan, 'stretches'>, cliffs: number[][]): Stretches {
  const T = plan.months;
  const debt: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const dormant: number[] = [];
  const firstOf = new Int32Array(plan.debts);
  for (let i = 0; i < plan.debts; i++) {
    const at = (m: number) => i * T + m;
    // A cliff in the first month cuts nothing off: the debt's first stretch starts there anyway.
    const edges = [0, ...cliffs[i]!.filter((m) => m > 0), T];
    firstOf[i] = debt.length;
    for (let k = 0; k + 1 < edges.length; k++) {
      const [start, end] = [edges[k]!, edges[k + 1]!];
      // What is paid in month m can only prevent growth from month m + 1 on; and a later cliff still
      // threatens a debt that does not grow now, so only the stretch after a debt's last cliff can be dormant.
      let grows = k + 2 < edges.length || (plan.cakFrom[i]! < end - 1 && plan.cakCents[i]! > 0);
      for (let m = start + 1; m < end && !grows; m++)
        grows = plan.surchargeShare[at(m)]! > 0 || plan.charges[at(m)]! > 0 || plan.monthlyRate[at(m)]! > 0;
      debt.push(i);
      from.push(start);
      to.push(end);
      dormant.push(grows ? 0 : 1);
    }
  }
  return {
    count: debt.length,
    debt: Int32Array.from(debt),
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    dormant: Uint8Array.from(dormant),
    firstOf,
  };
}

/** Whether stretch s covers month m: its debt is paid in that month at the stretch's place in the order. */
export const coversMonth = (stretches: Stretches, s: number, m: number): boolean =>
  stretches.from[s]! <= m && m < stretches.to[s]!;

/** A debt order as stretches: each debt's stretches together, in its place. Paid in this order, the stretches pay the debts in the debts' order. */
export function stretchesOf(plan: CompiledPlan, debtOrder: ArrayLike<number>): Int32Array {
  const { stretches } = plan;
  const order: number[] = [];
  for (let k = 0; k < debtOrder.length; k++) {
    const i = debtOrder[k]!;
    const end = i + 1 < plan.debts ? stretches.firstOf[i + 1]! : stretches.count;
    for (let s = stretches.firstOf[i]!; s < end; s++) order.push(s);
  }
  return Int32Array.from(order);
}

/** A stretch order as a payment order: each month, the debts whose stretch covers that month, in the stretches' order. */
export function stretchPaymentOrder(plan: CompiledPlan, order: ArrayLike<number>): PaymentOrder {
  const { stretches } = plan;
  return (_open, m) => {
    const ids: string[] = [];
    for (let k = 0; k < order.length; k++) {
      const s = order[k]!;
      if (coversMonth(stretches, s, m)) ids.push(plan.ids[stretches.debt[s]!]!);
    }
    return ids;
  };
}
