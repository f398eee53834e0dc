import type { RatePeriod } from './dutch-rules.js';

/** The rate in force on `date` (ISO day) from a list of periods, oldest first. */
export function rateOn(periods: readonly RatePeriod[], date: string): number {
  let rate = 0;
  for (const period of periods) if (period.from <= date) rate = period.rate;
  return rate;
}

/**
 * Statutory interest over whole months, compounded yearly (art. 6:119 lid 2
 * BW): each month adds a twelfth of the year's rate on the principal plus
 * interest capitalised so far; at every full year the accrued interest joins
 * the base. Returns the interest accrued (not yet capitalised) and the
 * capitalised interest after `months` months. Cents, rounded per month.
 */
export function statutoryInterest(
  principalCents: number,
  periods: readonly RatePeriod[],
  startDate: string,
  months: number,
): { capitalisedCents: number; accruedCents: number } {
  let capitalised = 0;
  let accrued = 0;
  const start = new Date(`${startDate}T00:00:00Z`);
  for (let month = 0; month < months; month++) {
    const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + month, start.getUTCDate()))
      .toISOString()
      .slice(0, 10);
    accrued += Math.round(((principalCents + capitalised) * rateOn(periods, day)) / 12);
    if ((month + 1) % 12 === 0) {
      capitalised += accrued;
      accrued = 0;
    }
  }
  return { capitalisedCents: capitalised, accruedCents: accrued };
}
