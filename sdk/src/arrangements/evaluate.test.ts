import { describe, expect, it } from 'vitest';
import {
  AcceptancePolicy,
  ArrangementProposal,
  type ArrangementProposal as Proposal,
  type ArrangementRule,
} from '../protocol/arrangement-policy.js';
import { acceptedMonthlyRange, evaluateArrangement, scheduleOf } from './evaluate.js';
import { policyInWords } from './texts.js';

const POLICY = AcceptancePolicy.parse({
  providerId: 'demo-energie',
  version: 3,
  validFrom: '2026-01-01T00:00:00Z',
  term: { minMonths: 3, maxMonths: 12 },
  minimumInstalment: { amountCents: 2_500, shareOfBalanceBasisPoints: 500 },
  balance: { minCents: 22_500, maxCents: 300_000 },
  whileKept: { interestStops: true, collectionCostsStop: true },
  lapse: { missedInstalments: 2, graceDays: 14 },
  pause: { allowed: true, maxMonths: 2 },
  exclusions: { atBailiff: true, failedWithinMonths: 12 },
  payTo: { iban: 'NL91 ABNA 0417 1643 00', beneficiaryName: 'Demo Energie' },
});

const proposal = (balanceCents: number, monthlyCents: number, changes: Partial<Proposal> = {}): Proposal => ({
  balanceCents,
  instalmentCents: scheduleOf(balanceCents, monthlyCents),
  startMonth: '2027-01',
  pauseMonths: 0,
  facts: { atBailiff: false, lastFailedArrangement: null },
  ...changes,
});

const rulesOf = (p: Proposal) => evaluateArrangement(POLICY, p).reasons.map((reason) => reason.rule);
const accepted = (p: Proposal) => evaluateArrangement(POLICY, p).outcome === 'accepted-in-advance';

describe('evaluateArrangement at the boundary of every rule', () => {
  it('accepts a proposal inside every rule, citing nothing, and gives it back as the nearest', () => {
    const inside = proposal(120_000, 12_000);
    expect(evaluateArrangement(POLICY, inside)).toEqual({
      outcome: 'accepted-in-advance',
      reasons: [],
      nearest: inside,
      policyVersion: 3,
    });
  });

  it.each<[string, number, boolean]>([
    ['one cent below the minimum balance', 22_499, false],
    ['the minimum balance', 22_500, true],
    ['the maximum balance', 300_000, true],
    ['one cent above the maximum balance', 300_001, false],
  ])('balance: %s', (_, balance, ok) => {
    const p = proposal(balance, Math.ceil(balance / 6));
    expect(accepted(p)).toBe(ok);
    if (!ok) {
      expect(rulesOf(p)).toEqual([balance < 22_500 ? 'balance-below-minimum' : 'balance-above-maximum']);
      // No amount or term mends the balance: staff decide.
      expect(evaluateArrangement(POLICY, p).nearest).toBeNull();
    }
  });

  it.each<[number, ArrangementRule | null]>([
    [2, 'term-too-short'],
    [3, null],
    [12, null],
    [13, 'term-too-long'],
  ])('term of %i months', (term, rule) => {
    const p = proposal(120_000, 120_000 / term);
    expect(p.instalmentCents).toHaveLength(term);
    expect(rulesOf(p)).toEqual(rule ? [rule] : []);
  });

  it('minimum instalment: the higher of EUR 25 and 5% of the balance, for every instalment but the last', () => {
    // 5% of EUR 1,200 is EUR 60: 20 months of EUR 60 is too long anyway, so take a policy with a long term.
    const long = { ...POLICY, term: { minMonths: 1, maxMonths: 60 } };
    const at = (monthly: number) =>
      evaluateArrangement(long, proposal(120_000, monthly)).reasons.map((reason) => reason.rule);
    expect(at(6_000)).toEqual([]);
    expect(at(5_999)).toEqual(['instalment-too-low']);
    // On a small balance the fixed EUR 25 counts: 5% of EUR 300 is EUR 15.
    const small = (monthly: number) =>
      evaluateArrangement(long, proposal(30_000, monthly)).reasons.map((reason) => reason.rule);
    expect(small(2_500)).toEqual([]);
    expect(small(2_499)).toEqual(['instalment-too-low']);
    // The last instalment is what remains, and may be lower.
    expect(proposal(30_000, 2_800).instalmentCents.at(-1)).toBe(2_000);
    expect(small(2_800)).toEqual([]);
  });

  it.each<[number, number, boolean, ArrangementRule | null]>([
    [0, 0, false, null],
    [1, 0, false, 'pause-not-allowed'],
    [2, 2, true, null],
    [3, 2, true, 'pause-too-long'],
  ])('a pause of %i months (max %i, allowed: %s)', (pauseMonths, maxMonths, allowed, rule) => {
    const policy = { ...POLICY, pause: { allowed, maxMonths } };
    const p = proposal(120_000, 12_000, { pauseMonths });
    expect(evaluateArrangement(policy, p).reasons.map((reason) => reason.rule)).toEqual(rule ? [rule] : []);
  });

  it('a debt at the bailiff is excluded when the policy says so, and only then', () => {
    const p = proposal(120_000, 12_000, { facts: { atBailiff: true, lastFailedArrangement: null } });
    expect(rulesOf(p)).toEqual(['at-bailiff']);
    expect(evaluateArrangement(POLICY, p).nearest).toBeNull();
    expect(accepted({ ...p, facts: { ...p.facts, atBailiff: false } })).toBe(true);
    const lenient = { ...POLICY, exclusions: { atBailiff: false, failedWithinMonths: 12 } };
    expect(evaluateArrangement(lenient, p).outcome).toBe('accepted-in-advance');
  });

  it.each<[string, boolean]>([
    ['2026-01', false],
    ['2026-02', true],
    ['2025-12', false],
    ['2027-01', true],
  ])('an arrangement that failed in %s (start 2027-01, the last 12 months excluded): excluded %s', (month, ok) => {
    const p = proposal(120_000, 12_000, { facts: { atBailiff: false, lastFailedArrangement: month } });
    // 2026-01 is exactly 12 months before the start: outside "the last 12 months".
    expect(accepted(p)).toBe(!ok);
    if (ok) expect(rulesOf(p)).toEqual(['failed-recently']);
  });

  it('names every broken rule at once, in Dutch and English', () => {
    const p = proposal(120_000, 1_000, { pauseMonths: 5 });
    const evaluation = evaluateArrangement(POLICY, p);
    expect(evaluation.reasons.map((reason) => reason.rule)).toEqual([
      'term-too-long',
      'instalment-too-low',
      'pause-too-long',
    ]);
    expect(evaluation.reasons[1]).toEqual({
      rule: 'instalment-too-low',
      nl: 'Een termijn is lager dan €\u00a025,00 of 5% van het saldo als dat meer is.',
      en: 'An instalment is below €25.00, or 5% of the balance if that is more.',
    });
  });
});

describe('the nearest proposal that would be accepted', () => {
  it('keeps the asked amount when only the pause is wrong, and shortens the pause', () => {
    const p = proposal(120_000, 12_000, { pauseMonths: 4 });
    expect(evaluateArrangement(POLICY, p).nearest).toEqual({ ...p, pauseMonths: 2 });
  });

  it('raises too low an amount to the least that fits the term and the minimum', () => {
    const nearest = evaluateArrangement(POLICY, proposal(120_000, 1_000)).nearest!;
    expect(nearest.instalmentCents).toEqual(Array(12).fill(10_000));
    expect(accepted(nearest)).toBe(true);
  });

  it('lowers too high an amount so the term is not too short', () => {
    const nearest = evaluateArrangement(POLICY, proposal(120_000, 120_000)).nearest!;
    expect(nearest.instalmentCents).toHaveLength(3);
    expect(accepted(nearest)).toBe(true);
  });

  it('is null when no term and amount meet both the minimum term and the minimum instalment', () => {
    const strict = { ...POLICY, term: { minMonths: 6, maxMonths: 12 }, balance: { minCents: 0, maxCents: 300_000 } };
    // EUR 100 in at least 6 instalments of at least EUR 25 (but the last): cannot be done.
    expect(acceptedMonthlyRange(strict, 10_000)).toBeNull();
    expect(evaluateArrangement(strict, proposal(10_000, 2_500)).nearest).toBeNull();
    // EUR 125.01 can: five of EUR 25 and one cent.
    expect(acceptedMonthlyRange(strict, 12_501)).toEqual([2_500, 2_500]);
  });

  it('is accepted for every amount asked, on a grid of balances', () => {
    for (let balance = 22_500; balance <= 300_000; balance += 9_973) {
      for (const monthly of [1, 999, 2_500, 10_000, 50_000, balance]) {
        const evaluation = evaluateArrangement(POLICY, proposal(balance, Math.min(monthly, balance)));
        expect(evaluation.nearest, `${balance} / ${monthly}`).not.toBeNull();
        expect(accepted(evaluation.nearest!), `${balance} / ${monthly}`).toBe(true);
      }
    }
  });
});

describe('the wire schemas', () => {
  it.each<[string, unknown]>([
    ['a term of 0 months', { instalmentCents: [] }],
    ['a term of 1,000 months', { balanceCents: 1_000_000, instalmentCents: Array(1000).fill(1_000) }],
    ['a negative amount', { balanceCents: 100, instalmentCents: [200, -100] }],
    ['a zero amount', { balanceCents: 100, instalmentCents: [100, 0] }],
    ['amounts that do not add up to the balance', { balanceCents: 100, instalmentCents: [50, 49] }],
    ['a balance of zero', { balanceCents: 0, instalmentCents: [0] }],
  ])('refuse a proposal with %s', (_, change) => {
    const base = proposal(120_000, 12_000);
    expect(ArrangementProposal.safeParse({ ...base, ...(change as object) }).success).toBe(false);
  });

  it('refuse a policy whose ranges are upside down or whose IBAN is wrong', () => {
    expect(AcceptancePolicy.safeParse({ ...POLICY, term: { minMonths: 13, maxMonths: 12 } }).success).toBe(false);
    expect(AcceptancePolicy.safeParse({ ...POLICY, balance: { minCents: 5, maxCents: 4 } }).success).toBe(false);
    expect(
      AcceptancePolicy.safeParse({ ...POLICY, payTo: { ...POLICY.payTo, iban: 'NL92ABNA0417164300' } }).success,
    ).toBe(false);
    expect(POLICY.payTo.iban).toBe('NL91ABNA0417164300');
  });
});

describe('the policy in plain language', () => {
  it('says every condition in both languages', () => {
    const words = policyInWords(POLICY);
    expect(words.nl).toHaveLength(8);
    expect(words.en).toHaveLength(8);
    expect(words.nl[0]).toBe('Vooraf akkoord voor een saldo van €\u00a0225,00 tot €\u00a03.000,00.');
    expect(words.en).toContain('While you keep the arrangement, interest and collection costs stop.');
    expect(words.en).toContain(
      'The arrangement lapses after 2 missed instalments, each unpaid 14 days after it fell due.',
    );
  });
});
