import { describe, expect, it } from 'vitest';
import { PlanInputError, type PlanInput } from './debts.js';
import { planRepayment } from './planner.js';
import { generateHousehold, seeded } from './population.js';
import { simulate } from './simulate.js';
import { avalanche } from './strategies.js';

const POPULATION = 200;
const random = seeded(20261125);
const households = Array.from({ length: POPULATION }, (_, index) => generateHousehold(random, index));

describe('the repayment planner on a generated population', () => {
  it(`is never worse than avalanche on ${POPULATION} households, and never pays more than the room or lets a balance go negative`, () => {
    for (const household of households) {
      const plan = planRepayment(household, { searchBudgetMs: 20 });
      expect(plan.costCents).toBeLessThanOrEqual(plan.rulesOfThumb.avalanche);
      for (const month of plan.simulation.months) {
        const paid = Object.values(month.payments).reduce((sum, amount) => sum + amount, 0);
        expect(paid).toBeLessThanOrEqual(household.monthlyRoomCents);
        for (const balance of Object.values(month.balances)) expect(balance).toBeGreaterThanOrEqual(0);
      }
    }
  }, 60_000);

  it('keeps rent current whenever the room allows it', () => {
    for (const household of households) {
      const rents = household.debts.filter((debt) => debt.kind === 'rent');
      const needed = rents.reduce((sum, debt) => sum + (debt.minimumPaymentCents ?? 0), 0);
      if (rents.length === 0 || needed > household.monthlyRoomCents) continue;
      const plan = planRepayment(household, { searchBudgetMs: 5 });
      plan.simulation.months.forEach((month, index) => {
        for (const rent of rents) {
          const before = index === 0 ? rent.principalCents : plan.simulation.months[index - 1]!.balances[rent.id]!;
          if (before > 0) expect(month.payments[rent.id] ?? 0).toBeGreaterThanOrEqual(Math.min(rent.minimumPaymentCents!, before));
        }
      });
    }
  }, 30_000);

  it('pays every debt off when the room allows it', () => {
    const rich = { ...households[0]!, monthlyRoomCents: 10_000_000, horizonMonths: 36 };
    const plan = planRepayment(rich, { searchBudgetMs: 5 });
    expect(plan.simulation.remainingCents).toBe(0);
    expect(Object.keys(plan.simulation.paidOffIn).sort()).toEqual(rich.debts.map((debt) => debt.id).sort());
  });

  it('plans 25 debts over 60 months within two seconds', () => {
    const large = households.find((household) => household.debts.length === 25) ?? { ...households[0]!, debts: [...households[0]!.debts, ...households[1]!.debts].slice(0, 25) };
    const started = performance.now();
    planRepayment({ ...large, horizonMonths: 60 });
    expect(performance.now() - started).toBeLessThan(2000);
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
    const plan = planRepayment(input, { searchBudgetMs: 50 });
    expect(plan.order[0]).toBe('fine');
    expect(plan.reasons.fine!.nl).toBe('Plaats 1: CJIB eerst, de boete stijgt met 50% na 15 februari 2027 en verdrievoudigt acht weken later.');
    expect(plan.reasons.fine!.en).toBe('Place 1: CJIB first, the fine rises by 50% after 15 February 2027 and triples eight weeks later.');
    expect(plan.simulation.paidOffIn.fine).toBe(0);
    expect(plan.costCents).toBeLessThan(plan.rulesOfThumb.avalanche);
    expect(simulate(input, avalanche(input)).paidOffIn.fine).toBeGreaterThan(0);
  });
});

describe('bad input', () => {
  const base = households[0]!;
  it.each([
    ['a negative amount', { ...base, debts: [{ ...base.debts[0]!, principalCents: -1 }] }, /principalCents/],
    ['a room of zero', { ...base, monthlyRoomCents: 0 }, /monthlyRoomCents/],
    ['500 debts', { ...base, debts: Array.from({ length: 500 }, (_, i) => ({ ...base.debts[0]!, id: `d${i}` })) }, /at most 60/],
    ['a horizon of 1,000 months', { ...base, horizonMonths: 1000 }, /horizonMonths/],
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
        { id: 'shop', creditor: 'Groothandel', kind: 'other', commercial: true, principalCents: 150_000, dueDate: '2026-12-15' },
      ],
    };
    const plan = planRepayment(input, { searchBudgetMs: 20 });
    expect(plan.reasons.tax!.nl).toMatch(/4,3% invorderingsrente per jaar, en onbetaald volgen een aanmaning en een dwangbevel/);
    expect(plan.reasons.shop!.en).toMatch(/a business debt, 10\.15% commercial interest a year and €225 collection costs once overdue/);
  });

  it('say what a CJIB fine will still do: double after its current deadline, or nothing once raised', () => {
    const fine = (reminderStage: 0 | 1 | 2, dueDate: string) => ({ id: 'fine', creditor: 'CJIB', kind: 'cjib' as const, principalCents: 15_000, dueDate, reminderStage });
    const reasonOf = (debt: ReturnType<typeof fine>) =>
      planRepayment({ startMonth: '2027-01', horizonMonths: 12, monthlyRoomCents: 5_000, debts: [{ id: 'rent', creditor: 'Woning', kind: 'rent', principalCents: 50_000, dueDate: '2026-12-01', minimumPaymentCents: 5_000 }, debt] }, { searchBudgetMs: 10 }).reasons.fine!;
    expect(reasonOf(fine(1, '2027-02-10')).en).toMatch(/: (CJIB first, )?the fine doubles if it is still unpaid after 10 February 2027\.$/);
    expect(reasonOf(fine(2, '2026-10-01')).nl).toMatch(/: de boete van CJIB is al verhoogd en stijgt niet meer\.$/);
    // Past its first deadline before the plan starts: it doubles when the reminder's eight weeks have passed.
    expect(reasonOf(fine(0, '2026-12-20')).en).toMatch(/the fine doubles if it is still unpaid after 14 February 2027/);
  });
});
