import { generatePolicy, proposeArrangements, type ArrangementProposals } from '@regiekit/sdk/arrangements';
import { generateHousehold, planRepayment, seeded, simulate, type PlanInput } from '@regiekit/sdk/plan';
import type { AcceptancePolicy } from '@regiekit/sdk/protocol';
import { describeMachine, loadAverage } from './machine.js';
import { ms, percentile, printTable } from './stats.js';

/**
 * Payment arrangements on the benchmark population: the 200 households of the
 * repayment benchmark (same seed), each creditor with a policy drawn by
 * `generatePolicy` (terms of 12 to 60 months, minimums, balance ranges,
 * exclusions). How many creditors accept in advance, how many leave it to
 * their staff, and where no arrangement fits the household's room; and what
 * the arrangements cost against the planner's unconstrained plan: the price
 * of the policies.
 *
 * The cost of an arrangement: its balance where the policy stops interest and
 * costs while it is kept (nothing is added); otherwise what the household pays
 * it over the horizon plus what is still owed at the end, replaying the
 * instalments under the planner's growth rules. A creditor without an
 * arrangement that fits gets nothing and grows as the rules say.
 */
const HOUSEHOLDS = Number(process.env.REGIE_BENCH_HOUSEHOLDS ?? 200);
const SEED = 20261125;
const POLICY_SEED = 20261206;

type Status = 'accepted-in-advance' | 'needs-review' | 'not-within-room';

function arrangementCost(
  input: PlanInput,
  result: ArrangementProposals,
  policies: Record<string, AcceptancePolicy>,
  honourStops = true,
) {
  const start = Number(input.startMonth.slice(0, 4)) * 12 + Number(input.startMonth.slice(5, 7)) - 1;
  const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - start;
  const schedule: Record<string, number>[] = Array.from({ length: input.horizonMonths }, () => ({}));
  for (const creditor of result.creditors) {
    if (!creditor.proposal) continue;
    const first = monthIndex(creditor.proposal.startMonth) + creditor.proposal.pauseMonths;
    creditor.proposal.instalmentCents.forEach((amount, k) => {
      const row = schedule[first + k];
      // The creditor's first debt takes the instalment; the replay caps it at what the debt owes.
      if (row) row[creditor.debtIds[0]!] = (row[creditor.debtIds[0]!] ?? 0) + amount;
    });
  }
  const replay = simulate(input, schedule);
  const last = replay.months.at(-1)!;
  let total = 0;
  for (const creditor of result.creditors) {
    const policy = policies[creditor.creditor];
    const stops =
      honourStops && creditor.proposal && policy?.whileKept.interestStops && policy.whileKept.collectionCostsStop;
    if (stops) {
      total += creditor.totalCents;
      continue;
    }
    for (const id of creditor.debtIds) {
      const paid = replay.months.reduce((sum, row) => sum + (row.payments[id] ?? 0), 0);
      total += paid + (last.balances[id] ?? 0);
    }
  }
  return total;
}

function main(): void {
  console.log(`\n# Payment arrangements on ${HOUSEHOLDS} households with generated policies\n`);
  console.log(`${describeMachine()}; ${loadAverage()}`);
  const random = seeded(SEED);
  const policyRandom = seeded(POLICY_SEED);
  const counts: Record<Status, number> = { 'accepted-in-advance': 0, 'needs-review': 0, 'not-within-room': 0 };
  const prices: number[] = [];
  const times: number[] = [];
  let planned = 0;
  let arranged = 0;
  let constrained = 0;
  let peakOverRoom = 0;
  for (let index = 0; index < HOUSEHOLDS; index++) {
    const input = generateHousehold(random, index);
    const policies: Record<string, AcceptancePolicy> = {};
    for (const debt of input.debts) policies[debt.creditor] = generatePolicy(policyRandom, `creditor-${index}`);
    const plan = planRepayment(input, { effort: 2_000 });
    const started = performance.now();
    const result = proposeArrangements(plan, input, policies);
    times.push(performance.now() - started);
    if (result.peakMonthlyCents > input.monthlyRoomCents) peakOverRoom++;
    for (const creditor of result.creditors) counts[creditor.status]++;
    const cost = arrangementCost(input, result, policies);
    planned += plan.costCents;
    arranged += cost;
    // The constraint alone: the same schedules if interest and costs ran on as the rules say.
    constrained += arrangementCost(input, result, policies, false);
    prices.push(cost / plan.costCents - 1);
  }
  const creditors = Object.values(counts).reduce((a, b) => a + b, 0);
  const share = (n: number) => `${n} (${((n / creditors) * 100).toFixed(1)}%)`;
  printTable(
    'Creditors',
    ['outcome', 'creditors'],
    [
      ['accepted in advance', share(counts['accepted-in-advance'])],
      ['needs review (outside the policy, or excluded)', share(counts['needs-review'])],
      ['no arrangement fits the room (said so, nothing proposed)', share(counts['not-within-room'])],
      ['all', String(creditors)],
    ],
  );
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  printTable(
    'Cost of the arrangements against the planner’s plan (paid plus still owed after the horizon)',
    ['what', 'value'],
    [
      ['planner, all households', `EUR ${(planned / 100).toFixed(0)}`],
      ['arrangements, all households', `EUR ${(arranged / 100).toFixed(0)}`],
      ['difference, all households', percent(arranged / planned - 1)],
      ['the same schedules if nothing stopped (the price of the terms alone)', percent(constrained / planned - 1)],
      ['difference per household, median', percent(percentile(prices, 50))],
      ['difference per household, p95', percent(percentile(prices, 95))],
      ['households where the proposals ask more than the room in some month', String(peakOverRoom)],
    ],
  );
  printTable(
    'Time of proposeArrangements',
    ['median', 'p95', 'max'],
    [[ms(percentile(times, 50)), ms(percentile(times, 95)), ms(Math.max(...times))]],
  );
}

main();
