import { generateHousehold, planCost, planRepayment, seeded, simulate, type PlanInput } from '@regiekit/sdk/plan';
import { solveExactly } from '@regiekit/sdk/plan/exact';
import { describeMachine, loadAverage } from './machine.js';
import { ms, percentile, printTable } from './stats.js';

/**
 * How close the repayment planner and the rules of thumb come to the proven
 * optimum of the same cost model, on a seeded population of households
 * shaped like the Dutch figures, and how long the planner takes.
 *
 * The optimum is the mixed-integer model solved by HiGHS, started from the
 * planner's plan and given a time limit per household. Where HiGHS stops at
 * the limit, the optimum lies between its proven lower bound and the best
 * plan known, so every method's distance is printed against both: "above the
 * best plan known" cannot overstate it, "above the proven bound" cannot
 * understate it.
 */
const HOUSEHOLDS = Number(process.env.REGIE_BENCH_HOUSEHOLDS ?? 200);
const EXACT_SECONDS = Number(process.env.REGIE_BENCH_EXACT_SECONDS ?? 10);
const SEED = 20261125;

const METHODS = ['planner', 'avalanche', 'snowball', 'balance matching'] as const;
type Method = (typeof METHODS)[number];

interface Household {
  input: PlanInput;
  costs: Record<Method, number>;
  best: number;
  bound: number;
  plannerMs: number;
  exactSeconds: number;
  proven: boolean;
}

async function measure(input: PlanInput): Promise<Household> {
  const started = performance.now();
  const plan = planRepayment(input);
  const plannerMs = performance.now() - started;
  const costs: Record<Method, number> = { planner: plan.costCents, avalanche: plan.rulesOfThumb.avalanche, snowball: plan.rulesOfThumb.snowball, 'balance matching': plan.rulesOfThumb.balanceMatching };
  const exact = await solveExactly(input, { timeLimitSeconds: EXACT_SECONDS, start: plan.simulation.months.map((month) => month.payments) });
  // The exact schedule as the simulation counts it (whole cents), beside the model's own figure.
  const exactInSimulation = planCost(simulate(input, exact.schedule));
  return {
    input,
    costs,
    best: Math.min(exactInSimulation, exact.costCents, ...Object.values(costs)),
    bound: Math.min(exact.lowerBoundCents, exact.costCents),
    plannerMs,
    exactSeconds: exact.seconds,
    proven: exact.status === 'optimal',
  };
}

const percent = (value: number) => `${(value * 100).toFixed(2)} %`;

async function main() {
  const random = seeded(SEED);
  const households: Household[] = [];
  for (let index = 0; index < HOUSEHOLDS; index++) {
    households.push(await measure(generateHousehold(random, index)));
    if ((index + 1) % 20 === 0) process.stderr.write(`repayment plans: ${index + 1}/${HOUSEHOLDS}\n`);
  }

  console.log(`\nRepayment plans: ${HOUSEHOLDS} generated households (seed ${SEED}), ${describeMachine()}, ${loadAverage()}`);
  const above = (method: Method, reference: (h: Household) => number) => households.map((h) => h.costs[method] / reference(h) - 1);
  printTable(
    'Cost above the optimum (cost = everything paid plus what is still owed at the end of the horizon)',
    ['method', 'median above best plan known', 'p95', 'worst', 'median above proven bound', 'p95', 'worst'],
    METHODS.map((method) => {
      const known = above(method, (h) => h.best);
      const proven = above(method, (h) => h.bound);
      return [method, percent(percentile(known, 50)), percent(percentile(known, 95)), percent(Math.max(...known)), percent(percentile(proven, 50)), percent(percentile(proven, 95)), percent(Math.max(...proven))];
    }),
  );

  // The same distances measured on the growth alone (costs, interest, surcharges), which the plan can change.
  const growth = (h: Household, cost: number) => cost - h.input.debts.reduce((sum, debt) => sum + debt.principalCents + (debt.costsCents ?? 0) + (debt.interestCents ?? 0), 0);
  printTable(
    'Growth above the optimum (only what arises on top of the starting debts)',
    ['method', 'median above best plan known', 'p95', 'median above proven bound', 'p95'],
    METHODS.map((method) => {
      const known = households.map((h) => growth(h, h.costs[method]) / Math.max(1, growth(h, h.best)) - 1);
      const proven = households.map((h) => growth(h, h.costs[method]) / Math.max(1, growth(h, h.bound)) - 1);
      return [method, percent(percentile(known, 50)), percent(percentile(known, 95)), percent(percentile(proven, 50)), percent(percentile(proven, 95))];
    }),
  );

  const times = households.map((h) => h.plannerMs);
  const largest = households.filter((h) => h.input.debts.length >= 24 && h.input.horizonMonths === 60).map((h) => h.plannerMs);
  const exactTimes = households.map((h) => h.exactSeconds * 1000);
  printTable(
    'Time',
    ['what', 'median', 'p95', 'max'],
    [
      ['planner, all households', ms(percentile(times, 50)), ms(percentile(times, 95)), ms(Math.max(...times))],
      [`planner, 24-25 debts x 60 months (${largest.length})`, largest.length ? ms(percentile(largest, 50)) : '-', largest.length ? ms(percentile(largest, 95)) : '-', largest.length ? ms(Math.max(...largest)) : '-'],
      [`HiGHS, limit ${EXACT_SECONDS} s (proven optimal: ${households.filter((h) => h.proven).length}/${HOUSEHOLDS})`, ms(percentile(exactTimes, 50)), ms(percentile(exactTimes, 95)), ms(Math.max(...exactTimes))],
    ],
  );
  const gaps = households.map((h) => h.best / h.bound - 1);
  console.log(`\nBest plan known vs proven bound: median ${percent(percentile(gaps, 50))}, p95 ${percent(percentile(gaps, 95))}, worst ${percent(Math.max(...gaps))}.`);
}

await main();
