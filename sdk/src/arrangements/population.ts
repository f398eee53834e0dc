import type { AcceptancePolicy } from '../protocol/arrangement-policy.js';

/**
 * A creditor policy drawn at random but shaped like Dutch practice: terms up
 * to 12 to 60 months, a minimum of EUR 0-50 or a share of the balance, and
 * the usual exclusions. For benchmarks and property tests.
 */
export function generatePolicy(random: () => number, providerId: string): AcceptancePolicy {
  const pick = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)]!;
  const maxMonths = pick([12, 18, 24, 36, 60]);
  const pauseAllowed = random() < 0.3;
  return {
    providerId,
    version: 1 + Math.floor(random() * 3),
    validFrom: '2026-01-01T00:00:00.000Z',
    term: { minMonths: pick([1, 1, 2, 3, 6]), maxMonths },
    minimumInstalment: {
      amountCents: pick([0, 1_000, 2_500, 5_000]),
      shareOfBalanceBasisPoints: pick([0, 0, 100, 200, 500]),
    },
    balance: { minCents: pick([0, 5_000, 22_500]), maxCents: pick([100_000, 250_000, 1_000_000, 10_000_000]) },
    whileKept: { interestStops: random() < 0.6, collectionCostsStop: random() < 0.6 },
    lapse: { missedInstalments: pick([1, 2, 3]), graceDays: pick([0, 14, 30]) },
    pause: { allowed: pauseAllowed, maxMonths: pauseAllowed ? pick([1, 3, 6]) : 0 },
    exclusions: { atBailiff: random() < 0.5, failedWithinMonths: pick([0, 0, 12]) },
    payTo: { iban: 'NL91ABNA0417164300', beneficiaryName: providerId },
  };
}
