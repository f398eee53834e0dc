import { wikCollectionCosts } from './collection-costs.js';
import type { DebtInput, PlanInput } from './debts.js';
import { CJIB_ESCALATION, HEALTH_PREMIUM, RENT_EVICTION_MONTHS } from './dutch-rules.js';
import { evictionLimitCents } from './eviction-limit.js';
import { annualRate, cjibStageOn, FIXED_COST_KINDS } from './growth-rules.js';

export interface Reason {
  nl: string;
  en: string;
}

const euros = (cents: number, language: 'nl' | 'en') => new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(cents / 100);
const percent = (rate: number, language: 'nl' | 'en') => new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', maximumFractionDigits: 2 }).format(rate);
const day = (iso: string, language: 'nl' | 'en') => new Date(`${iso}T00:00:00Z`).toLocaleDateString(language === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** One sentence per creditor, in Dutch and English, on why it sits where it does in the plan. */
export function reasonFor(debt: DebtInput, position: number, input: PlanInput): Reason {
  const at = { nl: `Plaats ${position}`, en: `Place ${position}` };
  const start = `${input.startMonth}-01`;
  const owed = debt.principalCents + (debt.costsCents ?? 0) + (debt.interestCents ?? 0);
  if (owed > evictionLimitCents(debt)) {
    const months = RENT_EVICTION_MONTHS.value;
    return {
      nl: `${at.nl}: de huurachterstand is ${months} maanden huur of meer; eerst daaronder, dan dreigt geen ontruiming meer.`,
      en: `${at.en}: the rent arrears are ${months} months' rent or more; they come down below that first, so the home is no longer at risk.`,
    };
  }
  if (FIXED_COST_KINDS.has(debt.kind) && (debt.minimumPaymentCents ?? 0) > 0) {
    return { nl: `${at.nl}: vaste lasten eerst, ${debt.creditor} blijft bij (${euros(debt.minimumPaymentCents!, 'nl')} per maand).`, en: `${at.en}: fixed costs first, ${debt.creditor} stays current (${euros(debt.minimumPaymentCents!, 'en')} a month).` };
  }
  if (debt.kind === 'cjib') {
    const raise = Math.round((CJIB_ESCALATION.value.firstFactor - 1) * 100);
    const stage = cjibStageOn(debt, start);
    const first = position === 1 ? { nl: `${debt.creditor} eerst, `, en: `${debt.creditor} first, ` } : { nl: '', en: '' };
    if (stage >= 2) return { nl: `${at.nl}: de boete van ${debt.creditor} is al verhoogd en stijgt niet meer.`, en: `${at.en}: the ${debt.creditor} fine has already been raised and rises no further.` };
    if (stage === 1) {
      // A reminder already sent: its deadline is the due date; otherwise the reminder's term follows the first deadline.
      const doublesAfter = (debt.reminderStage ?? 0) >= 1 ? debt.dueDate : new Date(Date.parse(`${debt.dueDate}T00:00:00Z`) + CJIB_ESCALATION.value.weeksBetween * 7 * 86_400_000).toISOString().slice(0, 10);
      return { nl: `${at.nl}: ${first.nl}de boete verdubbelt als hij na ${day(doublesAfter, 'nl')} nog openstaat.`, en: `${at.en}: ${first.en}the fine doubles if it is still unpaid after ${day(doublesAfter, 'en')}.` };
    }
    return {
      nl: `${at.nl}: ${first.nl}de boete stijgt met ${raise}% na ${day(debt.dueDate, 'nl')} en verdrievoudigt acht weken later.`,
      en: `${at.en}: ${first.en}the fine rises by ${raise}% after ${day(debt.dueDate, 'en')} and triples eight weeks later.`,
    };
  }
  if (debt.kind === 'health-insurer') {
    const months = HEALTH_PREMIUM.value.monthsBeforeCak;
    return { nl: `${at.nl}: na ${months} maanden achterstand int het CAK een hogere premie (${euros(HEALTH_PREMIUM.value.cakPremiumCents, 'nl')} per maand).`, en: `${at.en}: after ${months} months in arrears the CAK charges a higher premium (${euros(HEALTH_PREMIUM.value.cakPremiumCents, 'en')} a month).` };
  }
  const rate = annualRate(debt, start);
  if (debt.kind === 'tax') {
    const fees = debt.reminderStage === 2 ? { nl: '', en: '' } : { nl: ', en onbetaald volgen een aanmaning en een dwangbevel (kosten vanaf € 46)', en: ', and unpaid it is followed by a reminder and an enforcement order (costs from €46)' };
    return { nl: `${at.nl}: ${percent(rate, 'nl')} invorderingsrente per jaar${fees.nl}.`, en: `${at.en}: ${percent(rate, 'en')} collection interest a year${fees.en}.` };
  }
  if (debt.commercial && !(debt.costsCents ?? 0)) {
    const costs = wikCollectionCosts(debt.principalCents);
    return { nl: `${at.nl}: zakelijke schuld, ${percent(rate, 'nl')} handelsrente per jaar en ${euros(costs, 'nl')} incassokosten zodra hij vervallen is.`, en: `${at.en}: a business debt, ${percent(rate, 'en')} commercial interest a year and ${euros(costs, 'en')} collection costs once overdue.` };
  }
  if (debt.letterReceivedOn && !(debt.costsCents ?? 0)) {
    const costs = wikCollectionCosts(debt.principalCents);
    return { nl: `${at.nl}: na de 14-dagenbrief komen er ${euros(costs, 'nl')} incassokosten bij, plus ${percent(rate, 'nl')} rente per jaar.`, en: `${at.en}: after the 14-day letter, ${euros(costs, 'en')} collection costs are added, plus ${percent(rate, 'en')} interest a year.` };
  }
  if (rate > 0) return { nl: `${at.nl}: ${percent(rate, 'nl')} rente per jaar.`, en: `${at.en}: ${percent(rate, 'en')} interest a year.` };
  return { nl: `${at.nl}: deze schuld groeit niet en komt na de schulden die duurder worden.`, en: `${at.en}: this debt does not grow, so it comes after the ones that do.` };
}
