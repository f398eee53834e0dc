import { checkPlanInput, owedAtStart, type PlanInput } from './debts.js';
import { OrderSearch } from './order-search.js';
import { cliffOutcomes, reasonFor, type Reason } from './reasons.js';
import {
  compilePlan,
  stretchesOf,
  stretchPaymentOrder,
  type CompiledPlan,
  type PaymentOrder,
} from './compiled-plan.js';
import { simulate, type Simulation } from './simulate.js';
import { avalanche, balanceMatching, planCost, sanctionsFirst, snowball } from './strategies.js';

export interface Plan {
  /** The debts in the order they get their turn (the first month money beyond an agreed minimum goes to them); debts that never get one follow. */
  order: string[];
  simulation: Simulation;
  /** The cost of this plan and of the rules of thumb under the same rules (paid plus still owed at the end). */
  costCents: number;
  rulesOfThumb: { avalanche: number; snowball: number; balanceMatching: number };
  /** Per debt id: one sentence (nl, en) on why it sits where it does. */
  reasons: Record<string, Reason>;
  /** Per debt id: the creditor's name, for display. */
  creditors: Record<string, string>;
  /** How much the agreed minimum payments of the first month exceed the room (0 when they fit): the plan cannot keep every arrangement. */
  minimumsOverRoomCents: number;
}

export interface PlanOptions {
  /**
   * How many orders the search may try. The default plans 25 debts over 60
   * months in well under a second in Node; the same input and effort give the
   * same plan on every machine.
   */
  effort?: number;
  /** A stop on slow devices: the search ends after this many milliseconds even with effort left. */
  searchBudgetMs?: number;
}

const DEFAULT_EFFORT = 10_000;
const DEFAULT_SEARCH_BUDGET_MS = 1500;

/**
 * Finds a payment order that costs least under the modelled Dutch rules.
 * It orders stretches of debts between their cliffs (see `Stretches`), so a
 * fine can come first until its last rise and wait after it. It starts from
 * the best of several debt orders (sanctions first, avalanche, snowball,
 * largest first, each also with the stretches that no longer grow at the
 * back) and improves it by moving stretches to other places while the
 * simulated cost falls, shaking the best order now and then to leave a local
 * optimum. It is never worse than a rule of thumb: each is compared with the
 * plan at the end, month-by-month re-ranking and all.
 */
export function planRepayment(
  input: PlanInput,
  { effort = DEFAULT_EFFORT, searchBudgetMs = DEFAULT_SEARCH_BUDGET_MS }: PlanOptions = {},
): Plan {
  checkPlanInput(input);
  const compiled = compilePlan(input);
  const position = new Map(input.debts.map((debt, i) => [debt.id, i]));
  const debtOrders = [
    sanctionsFirst(input),
    orderOfFirstMonth(input, avalanche(input)),
    orderOfFirstMonth(input, snowball),
    [...input.debts].sort((a, b) => b.principalCents - a.principalCents).map((d) => d.id),
  ];
  const starts = debtOrders.flatMap((ids) => {
    const stretches = stretchesOf(
      compiled,
      Int32Array.from(ids, (id) => position.get(id)!),
    );
    return [stretches, dormantLast(compiled, stretches)];
  });
  const found = new OrderSearch(compiled, starts, { evaluations: effort, deadline: Date.now() + searchBudgetMs }).run();

  const planned = simulate(input, stretchPaymentOrder(compiled, found.order), undefined, compiled);
  const rulesOfThumb = { avalanche: avalanche(input), snowball, balanceMatching };
  const ofThumb = Object.fromEntries(
    Object.entries(rulesOfThumb).map(([name, order]) => [name, simulate(input, order, undefined, compiled)]),
  ) as Record<keyof typeof rulesOfThumb, Simulation>;
  // A rule of thumb re-ranks the debts every month, which no fixed order can copy: where one is cheaper, it is the plan.
  const simulation = [planned, ...Object.values(ofThumb)].sort((a, b) => planCost(a) - planCost(b))[0]!;
  // The order shown is the order in which the debts get their turn; debts that never get one follow in the plan's order.
  const waiting = Array.from(found.order, (s) => input.debts[compiled.stretches.debt[s]!]!.id).filter(
    (id) => !simulation.turns.includes(id),
  );
  const order = [...new Set([...simulation.turns, ...waiting])];
  const byId = new Map(input.debts.map((debt) => [debt.id, debt]));
  return {
    order,
    creditors: Object.fromEntries(input.debts.map((debt) => [debt.id, debt.creditor])),
    reasons: Object.fromEntries(
      order.map((id, index) => [
        id,
        reasonFor(byId.get(id)!, index + 1, input, cliffOutcomes(byId.get(id)!, input, simulation)),
      ]),
    ),
    simulation,
    costCents: planCost(simulation),
    minimumsOverRoomCents: Math.max(
      0,
      input.debts.reduce((sum, debt) => sum + Math.min(debt.minimumPaymentCents ?? 0, owedAtStart(debt)), 0) -
        input.monthlyRoomCents,
    ),
    rulesOfThumb: {
      avalanche: planCost(ofThumb.avalanche),
      snowball: planCost(ofThumb.snowball),
      balanceMatching: planCost(ofThumb.balanceMatching),
    },
  };
}

/** The same order with the stretches that can no longer grow moved to the back: money paid to them lowers no cost. */
function dormantLast(plan: CompiledPlan, order: Int32Array): Int32Array {
  const isDormant = (s: number) => plan.stretches.dormant[s] === 1;
  return Int32Array.from([...order.filter((s) => !isDormant(s)), ...order.filter(isDormant)]);
}

function orderOfFirstMonth(input: PlanInput, order: PaymentOrder): string[] {
  return order(
    input.debts.map((debt) => ({ id: debt.id, balanceCents: owedAtStart(debt) })),
    0,
  );
}
