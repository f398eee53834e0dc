import { FOURTEEN_DAY_LETTER, WIK_SCALE } from './dutch-rules.js';

/**
 * The extrajudicial collection costs (WIK scale) on a principal: a rate per
 * band, at least the minimum and at most the maximum. Rounded to whole cents.
 */
export function wikCollectionCosts(principalCents: number): number {
  if (!Number.isFinite(principalCents) || principalCents <= 0) return 0;
  const { bands, minimumCents, maximumCents } = WIK_SCALE.value;
  let costs = 0;
  for (const band of bands) {
    if (principalCents <= band.fromCents) break;
    costs += (Math.min(principalCents, band.toCents) - band.fromCents) * band.rate;
  }
  return Math.round(Math.min(maximumCents, Math.max(minimumCents, costs)));
}

/**
 * Whether a consumer owes collection costs on `date`: only once a 14-day
 * letter was received and its term (counted from the day after receipt)
 * has passed unpaid.
 */
export function collectionCostsOwed(letterReceivedOn: string | null | undefined, date: string): boolean {
  if (!letterReceivedOn) return false;
  const termEnds = new Date(`${letterReceivedOn}T00:00:00Z`);
  termEnds.setUTCDate(termEnds.getUTCDate() + 1 + FOURTEEN_DAY_LETTER.value.days);
  return new Date(`${date}T00:00:00Z`) >= termEnds;
}
