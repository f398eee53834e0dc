import { checkPlanInput, type PlanInput } from './debts.js';
import { reasonFor, type Reason } from './reasons.js';
import { simulate, type Simulation } from './simulate.js';
import { avalanche, balanceMatching, planCost, sanctionsFirst, snowball, staticOrder } from './strategies.js';

export interface Plan {
  /** The order extra money goes to the debts, most urgent first. */
  order: string[];
  simulation: Simulation;
  /** The cost of this plan and of the rules of thumb under the same rules (paid plus still owed at the end). */
  costCents: number;
  rulesOfThumb: { avalanche: number; snowball: number; balanceMatching: number };
  /** Per debt id: one sentence (nl, en) on why it sits where it does. */
  reasons: Record<string, Reason>;
  /** Per debt id: the creditor's name, for display. */
  creditors: Record<string, string>;
}

/** How much time the local search may take, so a large plan answers quickly. */
const SEARCH_BUDGET_MS = 1500;

/**
 * Finds a payment order that costs least under the modelled Dutch rules:
 * it starts from the best of several orders (sanctions first, avalanche,
 * snowball, balance ranking) and improves it by moving single debts to other
 * places while that lowers the simulated cost. It is never worse than
 * avalanche, because avalanche's own order is among the starting points.
 */
export function planRepayment(input: PlanInput, { searchBudgetMs = SEARCH_BUDGET_MS }: { searchBudgetMs?: number } = {}): Plan {
  checkPlanInput(input);
  const cost = (order: string[]) => planCost(simulate(input, staticOrder(order)));
  const avalancheOrder = orderOfFirstMonth(input, avalanche(input));
  const candidates = [sanctionsFirst(input), avalancheOrder, orderOfFirstMonth(input, snowball), [...input.debts].sort((a, b) => b.principalCents - a.principalCents).map((d) => d.id)];
  let best = candidates[0]!;
  let bestCost = cost(best);
  for (const candidate of candidates.slice(1)) {
    const candidateCost = cost(candidate);
    if (candidateCost < bestCost) [best, bestCost] = [candidate, candidateCost];
  }
  const deadline = Date.now() + searchBudgetMs;
  let improved = true;
  while (improved && Date.now() < deadline) {
    improved = false;
    for (let from = 0; from < best.length && Date.now() < deadline; from++) {
      for (let to = 0; to < best.length; to++) {
        if (to === from) continue;
        const next = [...best];
        next.splice(to, 0, next.splice(from, 1)[0]!);
        const nextCost = cost(next);
        if (nextCost < bestCost) {
          [best, bestCost, improved] = [next, nextCost, true];
        }
      }
    }
  }
  const avalancheCost = planCost(simulate(input, avalanche(input)));
  // The dynamic avalanche (re-ranked every month) may beat every static order: then it is the plan.
  const simulation = avalancheCost < bestCost ? simulate(input, avalanche(input)) : simulate(input, staticOrder(best));
  const order = avalancheCost < bestCost ? avalancheOrder : best;
  const byId = new Map(input.debts.map((debt) => [debt.id, debt]));
  return {
    order,
    creditors: Object.fromEntries(input.debts.map((debt) => [debt.id, debt.creditor])),
    reasons: Object.fromEntries(order.map((id, index) => [id, reasonFor(byId.get(id)!, index + 1, input)])),
    simulation,
    costCents: Math.min(bestCost, avalancheCost),
    rulesOfThumb: { avalanche: avalancheCost, snowball: planCost(simulate(input, snowball)), balanceMatching: planCost(simulate(input, balanceMatching)) },
  };
}

function orderOfFirstMonth(input: PlanInput, order: ReturnType<typeof avalanche>): string[] {
  return order(
    input.debts.map((debt) => ({ id: debt.id, balanceCents: debt.principalCents + (debt.costsCents ?? 0) + (debt.interestCents ?? 0) })),
    0,
  );
}
