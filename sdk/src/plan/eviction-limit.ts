import type { DebtInput } from './debts.js';
import { RENT_EVICTION_MONTHS } from './dutch-rules.js';

/**
 * The most a rent debt may stand at without putting the home at risk: just
 * under three months' rent, the rent being its arrears divided by the months
 * they cover. A plan pays rent arrears above it before anything but the
 * agreed minimums, as a hard limit, not a cost weighed against others.
 * Without `monthsInArrears` the rent is unknown and there is no limit.
 */
export function evictionLimitCents(debt: DebtInput): number {
  const months = debt.monthsInArrears ?? 0;
  if (debt.kind !== 'rent' || months <= 0) return Number.POSITIVE_INFINITY;
  return Math.ceil((RENT_EVICTION_MONTHS.value * debt.principalCents) / months) - 1;
}
