/**
 * The Dutch numbers the repayment planner's cost model uses, each with its
 * source and the date it was checked. Update them here once a year (see
 * docs/repayment-planner.md); nothing else in the planner holds a number.
 * Amounts are in euro cents, rates as fractions per year.
 */

export interface Sourced<T> {
  value: T;
  source: string;
  /** When the value was last checked against the source. */
  checked: string;
  /** True when the value could not be checked against an official text. */
  unverified?: boolean;
}

/** One band of the WIK scale: `rate` applies to the part of the principal between `from` and `to`. */
export interface WikBand {
  fromCents: number;
  toCents: number;
  rate: number;
}

export const WIK_SCALE: Sourced<{ bands: WikBand[]; minimumCents: number; maximumCents: number }> = {
  value: {
    bands: [
      { fromCents: 0, toCents: 250_000, rate: 0.15 },
      { fromCents: 250_000, toCents: 500_000, rate: 0.1 },
      { fromCents: 500_000, toCents: 1_000_000, rate: 0.05 },
      { fromCents: 1_000_000, toCents: 20_000_000, rate: 0.01 },
      { fromCents: 20_000_000, toCents: Number.POSITIVE_INFINITY, rate: 0.005 },
    ],
    minimumCents: 4_000,
    maximumCents: 677_500,
  },
  source: 'Besluit vergoeding voor buitengerechtelijke incassokosten, art. 2',
  checked: '2026-11-25',
};

/** Consumers owe collection costs only after a letter giving 14 days, counted from the day after receipt. */
export const FOURTEEN_DAY_LETTER: Sourced<{ days: number }> = {
  value: { days: 14 },
  source: 'Burgerlijk Wetboek art. 6:96 lid 6',
  checked: '2026-11-25',
};

/** Statutory interest rates per year, from the date given. */
export interface RatePeriod {
  from: string;
  rate: number;
}

export const STATUTORY_INTEREST_CONSUMER: Sourced<RatePeriod[]> = {
  value: [
    { from: '2024-01-01', rate: 0.07 },
    { from: '2025-01-01', rate: 0.06 },
    { from: '2026-01-01', rate: 0.04 },
  ],
  source: 'Burgerlijk Wetboek art. 6:119 (rate set by the Besluit wettelijke rente); 2026 not checked',
  checked: '2026-11-25',
  unverified: true,
};

export const STATUTORY_INTEREST_COMMERCIAL: Sourced<RatePeriod[]> = {
  value: [
    { from: '2024-01-01', rate: 0.125 },
    { from: '2024-07-01', rate: 0.1225 },
    { from: '2025-01-01', rate: 0.1115 },
    { from: '2025-07-01', rate: 0.1015 },
  ],
  source: 'Burgerlijk Wetboek art. 6:119a; from the second half of 2025 onwards not checked',
  checked: '2026-11-25',
  unverified: true,
};

/**
 * Traffic fines (Wahv): unpaid at the payment deadline, the amount rises by
 * 50 %; unpaid at the first reminder's deadline (8 weeks later), the amount
 * due is doubled: three times the original fine in total.
 */
export const CJIB_ESCALATION: Sourced<{ firstFactor: number; secondFactor: number; weeksBetween: number }> = {
  value: { firstFactor: 1.5, secondFactor: 2, weeksBetween: 8 },
  source: 'Wet administratiefrechtelijke handhaving verkeersvoorschriften (Wahv) art. 23 and 27',
  checked: '2026-11-25',
};

/**
 * Tax collection: interest on the unpaid tax, a reminder (aanmaning) once the
 * payment term has passed (EUR 8, or EUR 18 from EUR 454), and an enforcement
 * order (dwangbevel) of at least EUR 46 when the reminder goes unanswered. The
 * order's scale above the minimum is not modelled: the minimum is a lower bound.
 */
export const TAX_COLLECTION: Sourced<{
  interest: RatePeriod[];
  reminderBelowCents: number;
  reminderFromCents: number;
  reminderThresholdCents: number;
  enforcementOrderMinimumCents: number;
}> = {
  value: {
    interest: [
      { from: '2024-01-01', rate: 0.04 },
      { from: '2026-01-01', rate: 0.043 },
    ],
    reminderBelowCents: 800,
    reminderFromCents: 1_800,
    reminderThresholdCents: 45_400,
    enforcementOrderMinimumCents: 4_600,
  },
  source: 'Invorderingswet 1990 art. 28 (invorderingsrente) and the Kostenbesluit invordering rijksbelastingen',
  checked: '2026-11-25',
  unverified: true,
};

/** After six unpaid monthly health premiums the CAK charges a higher administrative premium on top of the arrears. */
export const HEALTH_PREMIUM: Sourced<{ monthsBeforeCak: number; cakPremiumCents: number }> = {
  value: { monthsBeforeCak: 6, cakPremiumCents: 17_500 },
  source: 'Zorgverzekeringswet art. 18d-18e (bestuursrechtelijke premie via het CAK)',
  checked: '2026-11-25',
  unverified: true,
};

/** Rent arrears of about three months put the home at risk: the planner keeps them below that as a hard limit (eviction-limit.ts). */
export const RENT_EVICTION_MONTHS: Sourced<number> = {
  value: 3,
  source: 'practice of Dutch district courts and housing corporations (no statutory number)',
  checked: '2026-11-25',
  unverified: true,
};
