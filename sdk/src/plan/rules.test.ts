import { describe, expect, it } from 'vitest';
import { allocatePayment } from './allocation.js';
import type { DebtInput } from './debts.js';
import { evictionLimitCents } from './eviction-limit.js';
import { simulate } from './simulate.js';
import { staticOrder } from './strategies.js';
import { collectionCostsOwed, wikCollectionCosts } from './collection-costs.js';
import { STATUTORY_INTEREST_CONSUMER, WIK_SCALE } from './dutch-rules.js';
import { cjibAmountDue } from './fines.js';
import { rateOn, statutoryInterest } from './statutory-interest.js';

const euro = (amount: number) => Math.round(amount * 100);

describe('WIK collection costs', () => {
  it('follow the scale at each band boundary', () => {
    expect(wikCollectionCosts(euro(2_500))).toBe(euro(375));
    expect(wikCollectionCosts(euro(5_000))).toBe(euro(625));
    expect(wikCollectionCosts(euro(10_000))).toBe(euro(875));
    expect(wikCollectionCosts(euro(200_000))).toBe(euro(2_775));
    // Just past a boundary, the next band's rate applies to the excess only.
    expect(wikCollectionCosts(euro(2_600))).toBe(euro(385));
    expect(wikCollectionCosts(euro(10_100))).toBe(euro(876));
  });

  it('are at least EUR 40 and at most EUR 6,775', () => {
    expect(wikCollectionCosts(euro(100))).toBe(euro(40));
    expect(wikCollectionCosts(euro(266.67))).toBe(euro(40));
    expect(wikCollectionCosts(euro(300))).toBe(euro(45));
    expect(wikCollectionCosts(euro(1_000_000))).toBe(euro(6_775));
    expect(wikCollectionCosts(euro(5_000_000))).toBe(euro(6_775));
    expect(WIK_SCALE.source).toContain('incassokosten');
  });

  it('are owed by a consumer only after the 14-day letter\u2019s term has passed', () => {
    expect(collectionCostsOwed(null, '2026-03-01')).toBe(false);
    // Received 1 March: 14 days from 2 March, so owed from 16 March.
    expect(collectionCostsOwed('2026-03-01', '2026-03-15')).toBe(false);
    expect(collectionCostsOwed('2026-03-01', '2026-03-16')).toBe(true);
  });
});

describe('payment allocation', () => {
  it('settles costs first, then interest, then principal', () => {
    expect(allocatePayment({ costsCents: 4_000, interestCents: 1_000, principalCents: 10_000 }, 4_500)).toEqual({
      left: { costsCents: 0, interestCents: 500, principalCents: 10_000 },
      unusedCents: 0,
    });
    expect(allocatePayment({ costsCents: 0, interestCents: 0, principalCents: 1_000 }, 1_500)).toEqual({
      left: { costsCents: 0, interestCents: 0, principalCents: 0 },
      unusedCents: 500,
    });
  });
});

describe('CJIB traffic fines', () => {
  it('rise by half after the payment deadline and to three times after the first reminder\u2019s eight weeks', () => {
    expect(cjibAmountDue(euro(100), '2026-04-01', '2026-04-01')).toBe(euro(100));
    expect(cjibAmountDue(euro(100), '2026-04-01', '2026-04-02')).toBe(euro(150));
    expect(cjibAmountDue(euro(100), '2026-04-01', '2026-05-27')).toBe(euro(150));
    expect(cjibAmountDue(euro(100), '2026-04-01', '2026-05-28')).toBe(euro(300));
  });
});

describe('statutory interest', () => {
  it('takes the rate in force on the day', () => {
    expect(rateOn(STATUTORY_INTEREST_CONSUMER.value, '2024-06-01')).toBe(0.07);
    expect(rateOn(STATUTORY_INTEREST_CONSUMER.value, '2025-01-01')).toBe(0.06);
  });

  it('compounds yearly: the second year earns interest on the first year\u2019s interest', () => {
    const flat = [{ from: '2000-01-01', rate: 0.12 }];
    expect(statutoryInterest(euro(1_000), flat, '2026-01-01', 12)).toEqual({
      capitalisedCents: euro(120),
      accruedCents: 0,
    });
    expect(statutoryInterest(euro(1_000), flat, '2026-01-01', 24)).toEqual({
      capitalisedCents: euro(120) + euro(134.4),
      accruedCents: 0,
    });
    expect(statutoryInterest(euro(1_000), flat, '2026-01-01', 13).accruedCents).toBe(euro(11.2));
  });
});

describe('the rules as the simulation applies them month by month', () => {
  const owedEachMonth = (debt: DebtInput, months = 4, startMonth = '2027-01') =>
    simulate({ debts: [debt], monthlyRoomCents: 1, startMonth, horizonMonths: months }, () => []).months.map(
      (month) => month.balances[debt.id]! + (month.payments[debt.id] ?? 0),
    );

  it('charges the tax office\u2019s reminder the month after the due date (EUR 8 below EUR 454, EUR 18 from it) and the enforcement order the month after', () => {
    const tax = (principal: number): DebtInput => ({
      id: 't',
      creditor: 'Belastingdienst',
      kind: 'tax',
      principalCents: euro(principal),
      dueDate: '2027-01-15',
    });
    const interest = (principal: number, months: number) => Math.round((euro(principal) * 0.043) / 12) * months;
    expect(owedEachMonth(tax(453.99), 3).map((owed, m) => owed - euro(453.99) - interest(453.99, m + 1))).toEqual([
      0,
      euro(8),
      euro(8) + euro(46),
    ]);
    expect(owedEachMonth(tax(454), 3).map((owed, m) => owed - euro(454) - interest(454, m + 1))).toEqual([
      0,
      euro(18),
      euro(18) + euro(46),
    ]);
    // A reminder already sent is not charged again; the order follows in the first month after the due date.
    expect(
      owedEachMonth({ ...tax(454), reminderStage: 1 }, 2).map((owed, m) => owed - euro(454) - interest(454, m + 1)),
    ).toEqual([0, euro(46)]);
  });

  it('lets interest join the principal at each full year from the due date, after which it earns interest too', () => {
    const loan: DebtInput = {
      id: 'l',
      creditor: 'Lener',
      kind: 'consumer-credit',
      principalCents: euro(1_000),
      interestCents: euro(50),
      dueDate: '2026-03-10',
    };
    const [january, february, march] = owedEachMonth(loan, 3);
    const monthly = (base: number) => Math.round((base * 0.04) / 12);
    expect(january).toBe(euro(1_050) + monthly(euro(1_000)));
    expect(february! - january!).toBe(monthly(euro(1_000)));
    // March 2027: a year after the due date, the interest so far joins the principal.
    expect(march! - february!).toBe(monthly(euro(1_050) + 2 * monthly(euro(1_000))));
  });

  it('gives a business debt the commercial rate, and collection costs once overdue without a 14-day letter', () => {
    const invoice: DebtInput = {
      id: 'b',
      creditor: 'Groothandel',
      kind: 'other',
      commercial: true,
      principalCents: euro(2_500),
      dueDate: '2027-01-20',
    };
    const [january, february] = owedEachMonth(invoice, 2);
    const monthly = Math.round((euro(2_500) * 0.1015) / 12);
    expect(january).toBe(euro(2_500) + monthly);
    expect(february).toBe(euro(2_500) + euro(375) + 2 * monthly);
    // The same debt from a consumer without a letter: consumer rate, no costs.
    expect(owedEachMonth({ ...invoice, commercial: false }, 2)[1]).toBe(
      euro(2_500) + 2 * Math.round((euro(2_500) * 0.04) / 12),
    );
  });

  it('raises a CJIB fine on what is still owed when its deadline passes', () => {
    const fine: DebtInput = {
      id: 'f',
      creditor: 'CJIB',
      kind: 'cjib',
      principalCents: euro(100),
      dueDate: '2027-01-15',
    };
    expect(owedEachMonth(fine, 4)).toEqual([euro(100), euro(150), euro(150), euro(300)]);
  });

  it('adds the CAK premium every month from the one in which health premium arrears reach six months, and none once they are paid', () => {
    const arrears: DebtInput = {
      id: 'z',
      creditor: 'Zilver',
      kind: 'health-insurer',
      principalCents: euro(600),
      monthsInArrears: 4,
      dueDate: '2026-09-01',
    };
    const premium = euro(175);
    // Four months behind at the start: the fifth and sixth month pass without the CAK, the premium follows from the third plan month.
    expect(owedEachMonth(arrears, 4)).toEqual([euro(600), euro(600), euro(600) + premium, euro(600) + 2 * premium]);
    expect(owedEachMonth({ ...arrears, monthsInArrears: 5 }, 2)).toEqual([euro(600), euro(600) + premium]);
    expect(owedEachMonth({ ...arrears, monthsInArrears: 6 }, 2)).toEqual([
      euro(600) + premium,
      euro(600) + 2 * premium,
    ]);
    // Paid in full in the first month, one month before the CAK would take over: nothing more is charged.
    const paid = simulate(
      {
        debts: [{ ...arrears, monthsInArrears: 5 }],
        monthlyRoomCents: euro(600),
        startMonth: '2027-01',
        horizonMonths: 4,
      },
      staticOrder(['z']),
    );
    expect([paid.totalPaidCents, paid.remainingCents, paid.paidOffIn.z]).toEqual([euro(600), 0, 0]);
  });
});

describe('rent arrears and the eviction limit', () => {
  const rent = (principal: number, monthsInArrears?: number): DebtInput => ({
    id: 'rent',
    creditor: 'Woonstichting',
    kind: 'rent',
    principalCents: euro(principal),
    dueDate: '2026-12-01',
    ...(monthsInArrears && { monthsInArrears }),
  });

  it('lies just under three months’ rent, the rent being the arrears divided by their months', () => {
    expect(evictionLimitCents(rent(2_400, 4))).toBe(euro(1_800) - 1);
    expect(evictionLimitCents(rent(1_200, 2))).toBe(euro(1_800) - 1);
    expect(evictionLimitCents(rent(1_800, 3))).toBe(euro(1_800) - 1);
    // Without the months the rent is unknown; other debts have no such limit.
    expect(evictionLimitCents(rent(2_400))).toBe(Number.POSITIVE_INFINITY);
    expect(evictionLimitCents({ ...rent(2_400, 4), kind: 'energy' })).toBe(Number.POSITIVE_INFINITY);
  });

  it('is paid down to first, right after the agreed minimums and before the order, even when a fine is about to rise', () => {
    const input = {
      startMonth: '2027-01',
      horizonMonths: 4,
      monthlyRoomCents: euro(300),
      debts: [
        { ...rent(2_400, 4), minimumPaymentCents: euro(50) },
        { id: 'fine', creditor: 'CJIB', kind: 'cjib' as const, principalCents: euro(200), dueDate: '2027-01-20' },
      ],
    };
    const { months } = simulate(input, staticOrder(['fine', 'rent']));
    const limit = evictionLimitCents(input.debts[0]!);
    // Four months' rent owed: January and February go to the rent alone, though the order puts the fine first.
    expect(months[0]!.payments).toEqual({ rent: euro(300) });
    expect(months[1]!.payments).toEqual({ rent: euro(300) });
    expect(months[1]!.balances.rent).toBeGreaterThan(limit);
    // In March the rent's own minimum brings it under the limit, and the rest of the room follows the order.
    expect(months[2]!.payments).toEqual({ rent: euro(50), fine: euro(250) });
    expect(months[2]!.balances.rent).toBeLessThanOrEqual(limit);
  });
});
