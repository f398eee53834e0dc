import { describe, expect, it } from 'vitest';
import { planRepayment } from '../plan/planner.js';
import { generateHousehold, seeded } from '../plan/population.js';
import type { PlanInput } from '../plan/debts.js';
import { ArrangementProposal, type AcceptancePolicy } from '../protocol/arrangement-policy.js';
import { evaluateArrangement, monthNumber } from './evaluate.js';
import { generatePolicy } from './population.js';
import { proposeArrangements, type ArrangementProposals } from './propose.js';

/** What all proposals together ask in each month (by month number). */
function askedPerMonth(result: ArrangementProposals): Map<number, number> {
  const asked = new Map<number, number>();
  for (const { proposal } of result.creditors) {
    if (!proposal) continue;
    const first = monthNumber(proposal.startMonth) + proposal.pauseMonths;
    proposal.instalmentCents.forEach((amount, k) => asked.set(first + k, (asked.get(first + k) ?? 0) + amount));
  }
  return asked;
}

const HOUSEHOLDS = 120;

describe('proposeArrangements on generated households and policies (seeded property test)', () => {
  const random = seeded(20261206);
  const cases = Array.from({ length: HOUSEHOLDS }, (_, index) => {
    const household = generateHousehold(random, index);
    const policies: Record<string, AcceptancePolicy> = {};
    const facts: Record<string, { atBailiff: boolean; lastFailedArrangement: string | null }> = {};
    for (const debt of household.debts) {
      if (random() < 0.85) policies[debt.creditor] = generatePolicy(random, `creditor-${index}`);
      facts[debt.creditor] = {
        atBailiff: random() < 0.1,
        lastFailedArrangement: random() < 0.1 ? '2026-06' : null,
      };
    }
    return { household, policies, facts };
  });

  it(`never asks more than the room in any month, and every proposal marked accepted is accepted, on ${HOUSEHOLDS} households`, () => {
    let acceptedCount = 0;
    for (const { household, policies, facts } of cases) {
      const plan = planRepayment(household, { effort: 100 });
      const result = proposeArrangements(plan, household, policies, { facts });
      for (const [month, asked] of askedPerMonth(result))
        expect(asked, `household ${household.debts[0]!.id} month ${month}`).toBeLessThanOrEqual(
          household.monthlyRoomCents,
        );
      expect(result.peakMonthlyCents).toBeLessThanOrEqual(household.monthlyRoomCents);
      for (const creditor of result.creditors) {
        if (creditor.proposal) {
          // Every proposal is well-formed on the wire: the instalments add up, the term is within limits.
          expect(ArrangementProposal.safeParse(creditor.proposal).success).toBe(true);
        }
        if (creditor.status === 'accepted-in-advance') {
          acceptedCount++;
          const policy = policies[creditor.creditor]!;
          expect(evaluateArrangement(policy, creditor.proposal!).outcome).toBe('accepted-in-advance');
        }
        if (creditor.status === 'not-within-room') {
          expect(creditor.proposal).toBeNull();
          expect(creditor.note?.nl).toMatch(/aflossingsruimte/);
        }
      }
      // One entry per creditor, in the plan's order.
      expect(result.creditors.map((c) => c.creditor)).toEqual([
        ...new Set(plan.order.map((id) => household.debts.find((debt) => debt.id === id)!.creditor)),
      ]);
    }
    expect(acceptedCount).toBeGreaterThan(0);
  }, 120_000);
});

describe('proposeArrangements on a small household', () => {
  const household: PlanInput = {
    startMonth: '2027-01',
    horizonMonths: 36,
    monthlyRoomCents: 20_000,
    debts: [
      { id: 'energy', creditor: 'Demo Energie', kind: 'energy', principalCents: 60_000, dueDate: '2026-11-01' },
      { id: 'health', creditor: 'Demo Zorgverzekeraar', kind: 'other', principalCents: 150_000, dueDate: '2026-10-01' },
    ],
  };
  const energy: AcceptancePolicy = {
    providerId: 'demo-energie',
    version: 1,
    validFrom: '2026-01-01T00:00:00Z',
    term: { minMonths: 1, maxMonths: 12 },
    minimumInstalment: { amountCents: 2_500, shareOfBalanceBasisPoints: 0 },
    balance: { minCents: 0, maxCents: 500_000 },
    whileKept: { interestStops: true, collectionCostsStop: true },
    lapse: { missedInstalments: 2, graceDays: 14 },
    pause: { allowed: false, maxMonths: 0 },
    exclusions: { atBailiff: true, failedWithinMonths: 12 },
    payTo: { iban: 'NL91ABNA0417164300', beneficiaryName: 'Demo Energie' },
  };
  const health: AcceptancePolicy = {
    ...energy,
    providerId: 'demo-zorgverzekeraar',
    balance: { minCents: 0, maxCents: 100_000 },
    term: { minMonths: 1, maxMonths: 24 },
  };

  it('accepts the energy debt in advance and sends the larger health debt to review, within EUR 200 a month', () => {
    const plan = planRepayment(household, { effort: 100 });
    const result = proposeArrangements(plan, household, { 'Demo Energie': energy, 'Demo Zorgverzekeraar': health });
    const byCreditor = Object.fromEntries(result.creditors.map((c) => [c.creditor, c]));
    expect(byCreditor['Demo Energie']!.status).toBe('accepted-in-advance');
    expect(byCreditor['Demo Energie']!.interestStops).toBe(true);
    expect(byCreditor['Demo Zorgverzekeraar']!.status).toBe('needs-review');
    expect(byCreditor['Demo Zorgverzekeraar']!.evaluation!.reasons.map((r) => r.rule)).toEqual([
      'balance-above-maximum',
    ]);
    expect(result.peakMonthlyCents).toBeLessThanOrEqual(20_000);
    for (const c of result.creditors) expect(c.totalCents).toBe(c.proposal!.balanceCents);
  });

  it('leaves the room that arrangements already running take', () => {
    const plan = planRepayment(household, { effort: 100 });
    const running = proposeArrangements(plan, household, { 'Demo Energie': energy }).creditors.find(
      (c) => c.creditor === 'Demo Energie',
    )!.proposal!;
    const rest = proposeArrangements(
      plan,
      household,
      { 'Demo Zorgverzekeraar': health },
      { booked: { 'Demo Energie': running } },
    );
    expect(rest.creditors.map((c) => c.creditor)).toEqual(['Demo Zorgverzekeraar']);
    const asked = askedPerMonth({ ...rest, creditors: [...rest.creditors, { proposal: running } as never] });
    for (const amount of asked.values()) expect(amount).toBeLessThanOrEqual(20_000);
    expect(rest.peakMonthlyCents).toBeLessThanOrEqual(20_000);
  });

  it('says so instead of proposing when the policy cannot be met within the room', () => {
    const tight = { ...household, monthlyRoomCents: 4_000 };
    const plan = planRepayment(tight, { effort: 100 });
    // EUR 600 in at most 12 months needs EUR 50 a month; the room is EUR 40.
    const result = proposeArrangements(plan, tight, { 'Demo Energie': energy });
    const energyProposal = result.creditors.find((c) => c.creditor === 'Demo Energie')!;
    expect(energyProposal.status).toBe('not-within-room');
    expect(energyProposal.proposal).toBeNull();
    expect(energyProposal.note!.en).toContain('€50.00');
  });
});
