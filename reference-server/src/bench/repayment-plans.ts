import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { generateHousehold, owedAtStart, planRepayment, seeded, type Plan, type PlanInput } from '@regiekit/sdk/plan';
import { describeMachine, loadAverage } from './machine.js';
import type { ExactAnswer, ExactTask } from './repayment-exact-worker.js';
import { ms, percentile, printTable } from './stats.js';

/**
 * How close the repayment planner and the rules of thumb come to the proven
 * optimum of the same cost model, on a seeded population of households
 * shaped like the Dutch figures, and how long the planner takes.
 *
 * The planner runs first, one household after the other, so its times are
 * its own. Then every household's exact model (HiGHS, a relaxation for the
 * bound and the real model started from the planner's plan) is solved with a
 * time limit, one worker per core. Where HiGHS stops at the limit, the
 * optimum lies between its proven lower bound and the best plan known, so
 * every method's distance is printed against both: "above the best plan
 * known" cannot overstate it, "above the proven bound" cannot understate it.
 */
const HOUSEHOLDS = Number(process.env.REGIE_BENCH_HOUSEHOLDS ?? 200);
const EXACT_SECONDS = Number(process.env.REGIE_BENCH_EXACT_SECONDS ?? 20);
const WORKERS = Math.max(1, Math.min(availableParallelism(), HOUSEHOLDS));
const SEED = 20261125;
/** The targets for the planner, on the cost above the optimum. */
const TARGET = { median: 0.01, p95: 0.05 };

const METHODS = ['planner', 'avalanche', 'snowball', 'balance matching'] as const;
type Method = (typeof METHODS)[number];

interface Household {
  input: PlanInput;
  opening: number;
  costs: Record<Method, number>;
  plannerMs: number;
  exact?: ExactAnswer;
}

function plan(input: PlanInput): Household & { plan: Plan } {
  const started = performance.now();
  const plan = planRepayment(input);
  const plannerMs = performance.now() - started;
  const opening = input.debts.reduce((sum, debt) => sum + owedAtStart(debt), 0);
  return {
    input,
    opening,
    plan,
    plannerMs,
    costs: {
      planner: plan.costCents,
      avalanche: plan.rulesOfThumb.avalanche,
      snowball: plan.rulesOfThumb.snowball,
      'balance matching': plan.rulesOfThumb.balanceMatching,
    },
  };
}

/** Solves every household exactly, `WORKERS` at a time. */
async function solveAll(tasks: ExactTask[]): Promise<ExactAnswer[]> {
  const answers: ExactAnswer[] = [];
  const queue = [...tasks];
  const workers = Array.from(
    { length: WORKERS },
    () => new Worker(new URL('./repayment-exact-worker.js', import.meta.url)),
  );
  try {
    await Promise.all(
      workers.map(async (worker) => {
        for (let task = queue.shift(); task; task = queue.shift()) {
          const answer = await new Promise<ExactAnswer>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage(task);
          });
          worker.removeAllListeners('error');
          answers.push(answer);
          if (answers.length % 20 === 0)
            process.stderr.write(`repayment plans, exact: ${answers.length}/${tasks.length}\n`);
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return answers;
}

const percent = (value: number) => `${(value * 100).toFixed(2)} %`;

async function main() {
  const random = seeded(SEED);
  const households = Array.from({ length: HOUSEHOLDS }, (_, index) => plan(generateHousehold(random, index)));
  const answers = await solveAll(
    households.map(({ input, plan }, index) => ({
      index,
      input,
      start: plan.simulation.months.map((month) => month.payments),
      timeLimitSeconds: EXACT_SECONDS,
    })),
  );
  for (const answer of answers) households[answer.index]!.exact = answer;

  const best = (h: Household) => Math.min(h.exact!.costCents, ...Object.values(h.costs));
  const bound = (h: Household) => Math.min(h.exact!.lowerBoundCents, best(h));
  const above = (method: Method, reference: (h: Household) => number) =>
    households.map((h) => h.costs[method] / reference(h) - 1);

  console.log(
    `\nRepayment plans: ${HOUSEHOLDS} generated households (seed ${SEED}), ${describeMachine()}, ${loadAverage()}`,
  );
  printTable(
    'Cost above the optimum (cost = everything paid plus what is still owed at the end of the horizon)',
    ['method', 'median above best plan known', 'p95', 'worst', 'median above proven bound', 'p95', 'worst'],
    METHODS.map((method) => {
      const known = above(method, best);
      const proven = above(method, bound);
      return [
        method,
        percent(percentile(known, 50)),
        percent(percentile(known, 95)),
        percent(Math.max(...known)),
        percent(percentile(proven, 50)),
        percent(percentile(proven, 95)),
        percent(Math.max(...proven)),
      ];
    }),
  );

  // The same distances on the growth alone (costs, interest, surcharges): the part a plan can change.
  const growth = (h: Household, cost: number) => Math.max(1, cost - h.opening);
  printTable(
    'Growth above the optimum (only what arises on top of the starting debts)',
    ['method', 'median above best plan known', 'p95', 'median above proven bound', 'p95'],
    METHODS.map((method) => {
      const known = households.map((h) => growth(h, h.costs[method]) / growth(h, best(h)) - 1);
      const proven = households.map((h) => growth(h, h.costs[method]) / growth(h, bound(h)) - 1);
      return [
        method,
        percent(percentile(known, 50)),
        percent(percentile(known, 95)),
        percent(percentile(proven, 50)),
        percent(percentile(proven, 95)),
      ];
    }),
  );

  const times = households.map((h) => h.plannerMs);
  const largest = households
    .filter((h) => h.input.debts.length >= 24 && h.input.horizonMonths === 60)
    .map((h) => h.plannerMs);
  const exactTimes = households.map((h) => h.exact!.seconds * 1000);
  const proven = households.filter((h) => h.exact!.proven).length;
  printTable(
    'Time',
    ['what', 'median', 'p95', 'max'],
    [
      ['planner, all households', ms(percentile(times, 50)), ms(percentile(times, 95)), ms(Math.max(...times))],
      [
        `planner, 24-25 debts x 60 months (${largest.length})`,
        ...(largest.length
          ? [ms(percentile(largest, 50)), ms(percentile(largest, 95)), ms(Math.max(...largest))]
          : ['-', '-', '-']),
      ],
      [
        `HiGHS, limit ${EXACT_SECONDS} s, ${WORKERS} at a time (proven optimal: ${proven}/${HOUSEHOLDS})`,
        ms(percentile(exactTimes, 50)),
        ms(percentile(exactTimes, 95)),
        ms(Math.max(...exactTimes)),
      ],
    ],
  );
  const gaps = households.map((h) => best(h) / bound(h) - 1);
  console.log(
    `\nBest plan known vs proven bound: median ${percent(percentile(gaps, 50))}, p95 ${percent(percentile(gaps, 95))}, worst ${percent(Math.max(...gaps))}.`,
  );
  // Where the planner is furthest from the optimum: the households to study when improving it (generateHousehold(seeded(SEED), index)).
  const furthest = households
    .map((h, index) => ({ index, above: h.costs.planner / best(h) - 1, h }))
    .sort((a, b) => b.above - a.above)
    .slice(0, 5);
  console.log(
    `Planner furthest above the best plan known: ${furthest.map(({ index, above, h }) => `#${index} (${h.input.debts.length} debts, ${h.input.horizonMonths} months) ${percent(above)}`).join(', ')}.`,
  );
  const planner = above('planner', bound);
  const verdict = (value: number, target: number) =>
    `${percent(value)} (target ${percent(target)}: ${value <= target ? 'met' : 'MISSED'})`;
  console.log(
    `Planner above the proven bound: median ${verdict(percentile(planner, 50), TARGET.median)}, p95 ${verdict(percentile(planner, 95), TARGET.p95)}; slowest plan ${ms(Math.max(...times))} (target 2000 ms: ${Math.max(...times) < 2000 ? 'met' : 'MISSED'}).`,
  );
}

await main();
