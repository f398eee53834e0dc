import { describe, expect, it } from 'vitest';
import { PlanInputError, type PlanInput } from './debts.js';
import { planRepayment } from './planner.js';
import { generateHousehold, seeded } from './population.js';
import { evictionLimitCents } from './eviction-limit.js';
import { FIXED_COST_KINDS } from './growth-rules.js';
import { simulate } from './simulate.js';
import { avalanche, planCost, staticOrder } from './strategies.js';

const POPULATION = 200;
const random = seeded(20261125);
const households = Array.from({ length: POPULATION }, (_, index) => generateHousehold(random, index));

describe('the repayment planner on a generated population', () => {
  it(`is never worse than avalanche, snowball or balance matching on ${POPULATION} households, and never pays more than the room or lets a balance go negative`, () => {
    for (const household of households) {
      // By construction, whatever the effort: the rules of thumb are compared with the plan at the end.
      const plan = planRepayment(household, { effort: 500 });
      expect(plan.costCents).toBeLessThanOrEqual(
        Math.min(plan.rulesOfThumb.avalanche, plan.rulesOfThumb.snowball, plan.rulesOfThumb.balanceMatching),
      );
      for (const month of plan.simulation.months) {
        const paid = Object.values(month.payments).reduce((sum, amount) => sum + amount, 0);
        expect(paid).toBeLessThanOrEqual(household.monthlyRoomCents);
        for (const balance of Object.values(month.balances)) expect(balance).toBeGreaterThanOrEqual(0);
      }
    }
  }, 60_000);

  it('keeps fixed costs (rent, energy, water, health insurance) current whenever the room allows it', () => {
    let checked = 0;
    for (const household of households) {
      const fixed = household.debts.filter(
        (debt) => FIXED_COST_KINDS.has(debt.kind) && (debt.minimumPaymentCents ?? 0) > 0,
      );
      const needed = fixed.reduce((sum, debt) => sum + debt.minimumPaymentCents!, 0);
      if (fixed.length === 0 || needed > household.monthlyRoomCents) continue;
      const plan = planRepayment(household, { effort: 200 });
      plan.simulation.months.forEach((month, index) => {
        for (const debt of fixed) {
          const before = index === 0 ? debt.principalCents : plan.simulation.months[index - 1]!.balances[debt.id]!;
          if (before > 0)
            expect(month.payments[debt.id] ?? 0).toBeGreaterThanOrEqual(Math.min(debt.minimumPaymentCents!, before));
          checked++;
        }
      });
    }
    // Rent and energy arrangements both occur in the population, so this checks many months of each.
    expect(checked).toBeGreaterThan(1000);
  }, 30_000);

  it('keeps rent arrears under the eviction limit, and gives them the whole room until they are', () => {
    let limited = 0;
    for (const household of households) {
      const rent = household.debts.find((debt) => Number.isFinite(evictionLimitCents(debt)));
      if (!rent) continue;
      if (rent.principalCents > evictionLimitCents(rent)) limited++;
      const plan = planRepayment(household, { effort: 200 });
      for (const month of plan.simulation.months) {
        const paid = Object.values(month.payments).reduce((sum, amount) => sum + amount, 0);
        if (month.balances[rent.id]! > evictionLimitCents(rent)) expect(paid).toBe(household.monthlyRoomCents);
      }
    }
    // Households that start above the limit occur often enough for this to say something.
    expect(limited).toBeGreaterThan(10);
  }, 30_000);

  it('gives the same plan for the same input, however fast the machine', () => {
    const household = households.find((candidate) => candidate.debts.length >= 20)!;
    const first = planRepayment(household);
    const second = planRepayment(structuredClone(household));
    expect(second.order).toEqual(first.order);
    expect(second.costCents).toBe(first.costCents);
  });

  it('pays every debt off when the room allows it: twice the starting debts spread over half the horizon', () => {
    for (const household of households.slice(0, 40)) {
      const owed = household.debts.reduce((sum, debt) => sum + debt.principalCents, 0);
      const roomy = { ...household, monthlyRoomCents: Math.ceil((2 * owed) / (household.horizonMonths / 2)) };
      const plan = planRepayment(roomy, { effort: 200 });
      expect(plan.simulation.remainingCents).toBe(0);
      expect(Object.keys(plan.simulation.paidOffIn).sort()).toEqual(roomy.debts.map((debt) => debt.id).sort());
    }
  });

  // How fast it plans is measured in `npm run bench` (target: 25 debts x 60 months under 2 s); this checks the safety stop.
  it('ends its search at the time budget on a slow device, with a plan no worse than a rule of thumb', () => {
    const large = households.find((household) => household.debts.length === 25) ?? {
      ...households[0]!,
      debts: [...households[0]!.debts, ...households[1]!.debts].slice(0, 25),
    };
    const input = { ...large, horizonMonths: 60 };
    const plan = planRepayment(input, { effort: Number.MAX_SAFE_INTEGER, searchBudgetMs: 50 });
    expect(plan.costCents).toBeLessThanOrEqual(Math.min(...Object.values(plan.rulesOfThumb)));
    expect([...plan.order].sort()).toEqual(input.debts.map((debt) => debt.id).sort());
  });
});

describe('the planner\u2019s judgement on a small case', () => {
  it('pays a CJIB fine before its rise instead of the highest interest rate first, and saves money by it', () => {
    const input: PlanInput = {
      startMonth: '2027-01',
      horizonMonths: 36,
      monthlyRoomCents: 30_000,
      debts: [
        { id: 'fine', creditor: 'CJIB', kind: 'cjib', principalCents: 25_000, dueDate: '2027-02-15' },
        { id: 'loan', creditor: 'Krediet', kind: 'consumer-credit', principalCents: 400_000, dueDate: '2026-10-01' },
      ],
    };
    const plan = planRepayment(input);
    expect(plan.order[0]).toBe('fine');
    expect(plan.reasons.fine!.nl).toBe(
      'Plaats 1: CJIB eerst, de boete stijgt met 50% na 15 februari 2027 en verdrievoudigt acht weken later.',
    );
    expect(plan.reasons.fine!.en).toBe(
      'Place 1: CJIB first, the fine rises by 50% after 15 February 2027 and triples eight weeks later.',
    );
    expect(plan.simulation.paidOffIn.fine).toBe(0);
    expect(plan.costCents).toBeLessThan(plan.rulesOfThumb.avalanche);
    expect(simulate(input, avalanche(input)).paidOffIn.fine).toBeGreaterThan(0);
  });
});

describe('a fine that has risen for the last time', () => {
  it('waits behind a debt that still grows: the planner orders the months before and after a cliff apart', () => {
    const input: PlanInput = {
      startMonth: '2027-01',
      horizonMonths: 24,
      monthlyRoomCents: 5_000,
      debts: [
        // Too large to pay before it rises and doubles: after that it grows no more.
        { id: 'fine', creditor: 'CJIB', kind: 'cjib', principalCents: 40_000, dueDate: '2027-01-20' },
        {
          id: 'loan',
          creditor: 'Krediet',
          kind: 'consumer-credit',
          principalCents: 120_000,
          dueDate: '2026-06-01',
          costsCents: 18_000,
        },
      ],
    };
    const plan = planRepayment(input);
    const { months } = plan.simulation;
    // Before the doubling (end of March), every euro to the fine saves two; after it, the loan's interest is all that can still be saved.
    expect(months[0]!.payments.fine).toBe(5_000);
    expect(months[2]!.payments.fine).toBe(5_000);
    expect(months[3]!.payments.loan).toBe(5_000);
    expect(months[3]!.payments.fine).toBeUndefined();
    expect(plan.order).toEqual(['fine', 'loan']);
    // Cheaper than every rule of thumb, and than paying the fine off before turning to the loan.
    expect(plan.costCents).toBeLessThan(
      Math.min(plan.rulesOfThumb.avalanche, plan.rulesOfThumb.snowball, plan.rulesOfThumb.balanceMatching),
    );
    expect(plan.costCents).toBeLessThan(planCost(simulate(input, staticOrder(['fine', 'loan']))));
  });
});

describe('agreed minimum payments', () => {
  it('are reported when together they exceed the room, counting no more than a debt still owes', () => {
    const input: PlanInput = {
      startMonth: '2027-01',
      horizonMonths: 12,
      monthlyRoomCents: 25_000,
      debts: [
        {
          id: 'rent',
          creditor: 'Woonstichting',
          kind: 'rent',
          principalCents: 90_000,
          monthsInArrears: 1,
          minimumPaymentCents: 15_000,
          dueDate: '2026-12-01',
        },
        {
          id: 'loan',
          creditor: 'Krediet BV',
          kind: 'consumer-credit',
          principalCents: 300_000,
          minimumPaymentCents: 20_000,
          dueDate: '2026-06-01',
        },
        // An arrangement of EUR 100 a month on EUR 30 still owed asks EUR 30, not 100.
        {
          id: 'phone',
          creditor: 'Telefoon',
          kind: 'telecom',
          principalCents: 3_000,
          minimumPaymentCents: 10_000,
          dueDate: '2026-06-01',
        },
      ],
    };
    expect(planRepayment(input).minimumsOverRoomCents).toBe(15_000 + 20_000 + 3_000 - 25_000);
    expect(planRepayment({ ...input, monthlyRoomCents: 38_000 }).minimumsOverRoomCents).toBe(0);
  });
});

describe('bad input', () => {
  const base = households[0]!;
  it.each([
    ['a negative amount', { ...base, debts: [{ ...base.debts[0]!, principalCents: -1 }] }, /principalCents/],
    ['a room of zero', { ...base, monthlyRoomCents: 0 }, /monthlyRoomCents/],
    [
      '500 debts',
      { ...base, debts: Array.from({ length: 500 }, (_, i) => ({ ...base.debts[0]!, id: `d${i}` })) },
      /at most 60/,
    ],
    ['a horizon of 1,000 months', { ...base, horizonMonths: 1000 }, /horizonMonths/],
    [
      'a kind of creditor it does not know',
      { ...base, debts: [{ ...base.debts[0]!, kind: 'casino' }] },
      /debts\.0\.kind: one of cjib, tax/,
    ],
    ['a debt that is not an object', { ...base, debts: [null] }, /^debts\.0: an object/],
    ['no input at all', null, /^input:/],
    [
      'a due date that is not in the calendar',
      { ...base, debts: [{ ...base.debts[0]!, dueDate: '2026-02-30' }] },
      /debts\.0\.dueDate/,
    ],
    [
      'a 14-day letter on a day that is not in the calendar',
      { ...base, debts: [{ ...base.debts[0]!, letterReceivedOn: '2026-13-01' }] },
      /debts\.0\.letterReceivedOn/,
    ],
    ['a debt without an id', { ...base, debts: [{ ...base.debts[0]!, id: '' }] }, /debts\.0\.id/],
    [
      'a fourth CJIB stage',
      { ...base, debts: [{ ...base.debts[0]!, reminderStage: 3 }] },
      /debts\.0\.reminderStage: 0, 1 or 2/,
    ],
    [
      'a fractional number of months in arrears',
      { ...base, debts: [{ ...base.debts[0]!, monthsInArrears: 1.5 }] },
      /debts\.0\.monthsInArrears: whole months/,
    ],
    [
      'a second health insurer with premium arrears',
      { ...base, debts: [0, 1].map((i) => ({ ...base.debts[0]!, id: `premium-${i}`, kind: 'health-insurer' })) },
      /debts\.1\.kind: at most one health-insurer debt/,
    ],
  ])('refuses %s at once with a clear error', (_name, input, message) => {
    const started = performance.now();
    expect(() => planRepayment(input as PlanInput)).toThrow(PlanInputError);
    expect(() => planRepayment(input as PlanInput)).toThrow(message);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('reasons for the tax office and a business debt', () => {
  it('name the tax fees and the commercial rate', () => {
    const input: PlanInput = {
      startMonth: '2027-01',
      horizonMonths: 12,
      monthlyRoomCents: 20_000,
      debts: [
        { id: 'tax', creditor: 'Belastingdienst', kind: 'tax', principalCents: 80_000, dueDate: '2026-12-01' },
        {
          id: 'shop',
          creditor: 'Groothandel',
          kind: 'other',
          commercial: true,
          principalCents: 150_000,
          dueDate: '2026-12-15',
        },
      ],
    };
    const plan = planRepayment(input);
    expect(plan.reasons.tax!.nl).toMatch(
      /4,3% invorderingsrente per jaar, en onbetaald volgen een aanmaning en een dwangbevel/,
    );
    expect(plan.reasons.shop!.en).toMatch(
      /a business debt, 10\.15% commercial interest a year and €225 collection costs once overdue/,
    );
  });

  it('say what a CJIB fine will still do: double after its current deadline, or nothing once raised', () => {
    const fine = (reminderStage: 0 | 1 | 2, dueDate: string) => ({
      id: 'fine',
      creditor: 'CJIB',
      kind: 'cjib' as const,
      principalCents: 15_000,
      dueDate,
      reminderStage,
    });
    // Room enough to pay the fine in its first month, beside the rent's arrangement.
    const reasonOf = (debt: ReturnType<typeof fine>, monthlyRoomCents = 25_000) =>
      planRepayment({
        startMonth: '2027-01',
        horizonMonths: 12,
        monthlyRoomCents,
        debts: [
          {
            id: 'rent',
            creditor: 'Woning',
            kind: 'rent',
            principalCents: 50_000,
            dueDate: '2026-12-01',
            minimumPaymentCents: 5_000,
          },
          debt,
        ],
      }).reasons.fine!;
    expect(reasonOf(fine(1, '2027-02-10')).en).toMatch(
      /: (CJIB first, )?the fine doubles if it is still unpaid after 10 February 2027\.$/,
    );
    expect(reasonOf(fine(2, '2026-10-01')).nl).toMatch(/: de boete van CJIB is al verhoogd en stijgt niet meer\.$/);
    // Past its first deadline before the plan starts: it has risen by half, and doubles when the reminder's eight weeks have passed.
    expect(reasonOf(fine(0, '2026-12-20')).en).toMatch(
      /the fine rises by 50% after 20 December 2026; this plan pays it before it doubles after 14 February 2027\.$/,
    );
  });

  it('say whether collection costs and the CAK premium are already owed, avoided by the plan, or still to come', () => {
    const reasons = planRepayment({
      startMonth: '2027-01',
      horizonMonths: 12,
      monthlyRoomCents: 50_000,
      debts: [
        // The letter's term ran out in December: the costs are owed whatever is paid now.
        {
          id: 'old',
          creditor: 'Krediet',
          kind: 'consumer-credit',
          principalCents: 60_000,
          dueDate: '2026-09-01',
          letterReceivedOn: '2026-11-20',
        },
        // The term ends in February, and the room pays it off before.
        {
          id: 'phone',
          creditor: 'Belnet',
          kind: 'telecom',
          principalCents: 30_000,
          dueDate: '2026-12-01',
          letterReceivedOn: '2027-01-25',
        },
        // Four months in arrears: paid off before the sixth.
        {
          id: 'premium',
          creditor: 'Zorg',
          kind: 'health-insurer',
          principalCents: 50_000,
          dueDate: '2026-09-01',
          monthsInArrears: 4,
        },
      ],
    }).reasons;
    expect(reasons.old!.en).toMatch(
      /: the 14-day letter's term has passed, so €90 collection costs are already owed; besides, 4% interest a year\.$/,
    );
    expect(reasons.phone!.nl).toMatch(
      /: betaald voordat de termijn van de 14-dagenbrief afloopt, zodat er geen €\s45 incassokosten bijkomen\.$/,
    );
    expect(reasons.premium!.en).toMatch(
      /: paid before the arrears reach 6 months, so the CAK charges no higher premium \(€175 a month\)\.$/,
    );
  });

  it('say so when the plan lets a fine rise, instead of promising what it does not do', () => {
    const plan = (monthlyRoomCents: number, dueDate: string) =>
      planRepayment({
        startMonth: '2027-01',
        horizonMonths: 12,
        monthlyRoomCents,
        debts: [
          {
            id: 'rent',
            creditor: 'Woning',
            kind: 'rent',
            principalCents: 50_000,
            dueDate: '2026-12-01',
            minimumPaymentCents: 5_000,
          },
          { id: 'fine', creditor: 'CJIB', kind: 'cjib', principalCents: 40_000, dueDate },
        ],
      });
    // All the room goes to the rent's arrangement: the fine rises and then waits.
    const risen = plan(5_000, '2027-02-10');
    expect(risen.simulation.months[2]!.balances.fine).toBe(60_000);
    expect(risen.reasons.fine!.nl).toMatch(
      /: de boete stijgt na 10 februari 2027; eerder betalen past niet in dit plan of bespaart elders meer\. Daarna groeit hij niet meer/,
    );
    expect(risen.reasons.fine!.en).toMatch(
      /: the fine rises after 10 February 2027; paying it before then does not fit this plan or saves more elsewhere\./,
    );
    // Due before the plan starts, too large for one month but not for two: it rises once and is paid before it doubles.
    const once = plan(40_000, '2026-12-20');
    expect(once.reasons.fine!.en).toMatch(
      /: (CJIB first, )?the fine rises by 50% after 20 December 2026; this plan pays it before it doubles after 14 February 2027\.$/,
    );
  });
});
