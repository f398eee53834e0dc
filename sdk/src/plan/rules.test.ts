import { describe, expect, it } from 'vitest';
import { allocatePayment } from './allocation.js';
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
    expect(statutoryInterest(euro(1_000), flat, '2026-01-01', 12)).toEqual({ capitalisedCents: euro(120), accruedCents: 0 });
    expect(statutoryInterest(euro(1_000), flat, '2026-01-01', 24)).toEqual({ capitalisedCents: euro(120) + euro(134.4), accruedCents: 0 });
    expect(statutoryInterest(euro(1_000), flat, '2026-01-01', 13).accruedCents).toBe(euro(11.2));
  });
});
