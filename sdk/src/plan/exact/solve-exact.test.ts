import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../debts.js';
import type { PaymentOrder } from '../compiled-plan.js';
import { simulate } from '../simulate.js';
import { planCost } from '../strategies.js';
import { planRepayment } from '../planner.js';
import { generateHousehold, seeded } from '../population.js';
import { roundingCents, solveExactly } from './solve-exact.js';

/** Every way to order the debts. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/**
 * The cheapest plan found by trying every order of the debts in every month
 * ((n!)^months plans), each run through the simulation.
 */
function bruteForce(input: PlanInput): number {
  const orders = permutations(input.debts.map((debt) => debt.id));
  const choice = new Array<number>(input.horizonMonths).fill(0);
  const plan: PaymentOrder = (_open, month) => orders[choice[month]!]!;
  let best = Number.POSITIVE_INFINITY;
  for (;;) {
    best = Math.min(best, planCost(simulate(input, plan)));
    let m = 0;
    while (m < choice.length && ++choice[m]! === orders.length) choice[m++] = 0;
    if (m === choice.length) return best;
  }
}

const cases: [string, PlanInput][] = [
  [
    'a CJIB fine before its deadline and a loan whose letter term ends in the plan',
    {
      startMonth: '2027-01',
      horizonMonths: 6,
      monthlyRoomCents: 25_000,
      debts: [
        { id: 'fine', creditor: 'CJIB', kind: 'cjib', principalCents: 30_000, dueDate: '2027-02-15' },
        {
          id: 'loan',
          creditor: 'Lender',
          kind: 'consumer-credit',
          principalCents: 200_000,
          dueDate: '2026-06-01',
          letterReceivedOn: '2027-01-20',
        },
        { id: 'study', creditor: 'DUO', kind: 'duo', principalCents: 50_000, dueDate: '2026-01-01' },
      ],
    },
  ],
  [
    'health premium arrears near the CAK, tax interest, and telecom costs with interest that capitalises in the plan',
    {
      startMonth: '2027-01',
      horizonMonths: 6,
      monthlyRoomCents: 30_000,
      debts: [
        {
          id: 'health',
          creditor: 'Zorgverzekeraar',
          kind: 'health-insurer',
          principalCents: 90_000,
          dueDate: '2026-08-01',
          monthsInArrears: 5,
        },
        { id: 'tax', creditor: 'Belastingdienst', kind: 'tax', principalCents: 150_000, dueDate: '2026-05-01' },
        {
          id: 'phone',
          creditor: 'Telecom',
          kind: 'telecom',
          principalCents: 40_000,
          costsCents: 10_000,
          interestCents: 2_000,
          dueDate: '2026-03-10',
        },
      ],
    },
  ],
  [
    'rent with a minimum payment, energy whose collection costs are due at once, and a fine past its deadline',
    {
      startMonth: '2027-01',
      horizonMonths: 6,
      monthlyRoomCents: 20_000,
      debts: [
        {
          id: 'rent',
          creditor: 'Woningcorporatie',
          kind: 'rent',
          principalCents: 60_000,
          dueDate: '2026-11-01',
          minimumPaymentCents: 10_000,
        },
        {
          id: 'energy',
          creditor: 'Energie',
          kind: 'energy',
          principalCents: 80_000,
          dueDate: '2026-10-01',
          letterReceivedOn: '2026-12-01',
        },
        { id: 'fine', creditor: 'CJIB', kind: 'cjib', principalCents: 15_000, dueDate: '2027-01-20', reminderStage: 1 },
      ],
    },
  ],
  [
    'rent arrears above the eviction limit that come down first, a fine that rises meanwhile, and a loan',
    {
      startMonth: '2027-01',
      horizonMonths: 6,
      monthlyRoomCents: 25_000,
      debts: [
        {
          id: 'rent',
          creditor: 'Woonstichting',
          kind: 'rent',
          principalCents: 120_000,
          dueDate: '2026-12-01',
          monthsInArrears: 4,
          minimumPaymentCents: 5_000,
        },
        { id: 'fine', creditor: 'CJIB', kind: 'cjib', principalCents: 30_000, dueDate: '2027-02-15' },
        {
          id: 'loan',
          creditor: 'Lender',
          kind: 'consumer-credit',
          principalCents: 100_000,
          dueDate: '2026-06-01',
          letterReceivedOn: '2027-02-01',
        },
      ],
    },
  ],
];

/**
 * The cheapest of every schedule that pays each debt a whole number of
 * steps (a fifth of the room) each month, within the room: splits included,
 * which no order of debts can express.
 */
function bruteForceSchedules(input: PlanInput, steps = 5): number {
  const step = input.monthlyRoomCents / steps;
  const splits: number[][] = [];
  const split = (left: number, prefix: number[]): void => {
    if (prefix.length === input.debts.length) return void splits.push(prefix);
    for (let units = 0; units <= left; units++) split(left - units, [...prefix, units]);
  };
  split(steps, []);
  const choice = new Array<number>(input.horizonMonths).fill(0);
  let best = Number.POSITIVE_INFINITY;
  for (;;) {
    const schedule = choice.map((c) =>
      Object.fromEntries(input.debts.map((debt, i) => [debt.id, splits[c]![i]! * step])),
    );
    best = Math.min(best, planCost(simulate(input, schedule)));
    let m = 0;
    while (m < choice.length && ++choice[m]! === splits.length) choice[m++] = 0;
    if (m === choice.length) return best;
  }
}

const worstOrder = (input: PlanInput) =>
  planCost(simulate(input, () => [...input.debts].reverse().map((debt) => debt.id)));

describe('the exact repayment model (HiGHS), checked by brute force on small cases', () => {
  it.each(cases)(
    'no order of debts in any month beats it, and its proven optimum is what its schedule costs in the simulation: %s',
    async (_name, input) => {
      const exact = await solveExactly(input, { absoluteGapCents: 1 });
      const best = bruteForce(input);
      // The model counts fractions of cents where the simulation rounds each month's growth to whole cents.
      const tolerance = roundingCents(input);
      expect(exact.status).toBe('optimal');
      expect(exact.costCents).toBe(planCost(simulate(input, exact.schedule)));
      expect(exact.lowerBoundCents).toBeLessThanOrEqual(exact.costCents);
      expect(exact.costCents - exact.lowerBoundCents).toBeLessThanOrEqual(tolerance);
      expect(exact.costCents).toBeLessThanOrEqual(best + tolerance);
      // A bound above a plan that exists would be no bound: the relaxation and the model both stay below every order.
      expect(exact.lowerBoundCents).toBeLessThanOrEqual(best + tolerance);
      // The cases are chosen so that the order matters.
      expect(worstOrder(input)).toBeGreaterThan(best + 100);
    },
    60_000,
  );

  it('equals the cheapest order when splitting a month’s room cannot help', async () => {
    const input = cases[1]![1];
    const exact = await solveExactly(input, { absoluteGapCents: 1 });
    expect(Math.abs(bruteForce(input) - exact.costCents)).toBeLessThanOrEqual(roundingCents(input));
  }, 60_000);

  it('equals the cheapest of all schedules on a grid when the optimum splits a month: part of the fine early, so the rest fits before its deadline', async () => {
    const input: PlanInput = { ...cases[0]![1], horizonMonths: 4, debts: cases[0]![1].debts.slice(0, 2) };
    const exact = await solveExactly(input, { absoluteGapCents: 1 });
    const best = bruteForceSchedules(input);
    expect(Math.abs(best - exact.costCents)).toBeLessThanOrEqual(roundingCents(input));
    expect(exact.schedule[0]).toEqual({ fine: 5_000, loan: 20_000 });
    expect(exact.costCents).toBeLessThan(bruteForce(input) - 10);
  }, 60_000);
});

describe('the exact solver on a household of the generated population', () => {
  const household = generateHousehold(seeded(20261125), 0);

  it('stopped by its time limit, still returns a schedule no worse than the plan it started from, and a bound below it', async () => {
    const plan = planRepayment(household);
    const exact = await solveExactly(household, {
      timeLimitSeconds: 1,
      start: plan.simulation.months.map((month) => month.payments),
    });
    expect(exact.costCents).toBe(planCost(simulate(household, exact.schedule)));
    expect(exact.costCents).toBeLessThanOrEqual(plan.costCents);
    expect(exact.lowerBoundCents).toBeLessThanOrEqual(exact.costCents);
    // The bound says something: it is above the starting debts, since these debts grow whatever is paid.
    expect(exact.lowerBoundCents).toBeGreaterThan(household.debts.reduce((sum, debt) => sum + debt.principalCents, 0));
    for (const month of exact.schedule)
      expect(Object.values(month).reduce((sum, cents) => sum + cents, 0)).toBeLessThanOrEqual(
        household.monthlyRoomCents,
      );
  }, 60_000);
});
