import { wikCollectionCosts } from './collection-costs.js';
import { owedAtStart, type DebtInput, type PlanInput } from './debts.js';
import { CJIB_ESCALATION, HEALTH_PREMIUM, RENT_EVICTION_MONTHS } from './dutch-rules.js';
import { evictionLimitCents } from './eviction-limit.js';
import { cjibRiseDays } from './fines.js';
import { annualRate, cjibStageOn, cliffMonths, FIXED_COST_KINDS, growthRules } from './growth-rules.js';
import type { Simulation } from './simulate.js';

export interface Reason {
  nl: string;
  en: string;
}

const euros = (cents: number, language: 'nl' | 'en') =>
  new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  }).format(cents / 100);
const percent = (rate: number, language: 'nl' | 'en') =>
  new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', maximumFractionDigits: 2 }).format(
    rate,
  );
const day = (iso: string, language: 'nl' | 'en') =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString(language === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/**
 * What a plan does at a debt's cliffs: for each month in which a cost or rise
 * falls due if the debt is still open, whether it did fall due. A reason that
 * knows this says what the plan does (pays before the rise, or lets the fine
 * rise and pays it later), not only what the rules threaten.
 */
export interface CliffOutcome {
  month: number;
  happened: boolean;
}

/**
 * One sentence per creditor, in Dutch and English, on why it sits where it
 * does in the plan. Without `cliffs` it says what the rules threaten; with
 * them (as `planRepayment` gives) it follows what the plan does.
 */
export function reasonFor(
  debt: DebtInput,
  position: number,
  input: PlanInput,
  cliffs?: readonly CliffOutcome[],
): Reason {
  const at = { nl: `Plaats ${position}`, en: `Place ${position}` };
  const firstHappened = cliffs?.find((cliff) => cliff.happened);
  const start = `${input.startMonth}-01`;
  if (owedAtStart(debt) > evictionLimitCents(debt)) {
    const months = RENT_EVICTION_MONTHS.value;
    return {
      nl: `${at.nl}: de huurachterstand is ${months} maanden huur of meer, en dan kan de verhuurder de rechter om ontruiming vragen. Dit plan brengt de achterstand eerst onder die grens.`,
      en: `${at.en}: the rent arrears are ${months} months' rent or more, when a landlord may ask the court to evict. This plan first brings them below that.`,
    };
  }
  if (FIXED_COST_KINDS.has(debt.kind) && (debt.minimumPaymentCents ?? 0) > 0) {
    return {
      nl: `${at.nl}: vaste lasten eerst, ${debt.creditor} blijft bij (${euros(debt.minimumPaymentCents!, 'nl')} per maand).`,
      en: `${at.en}: fixed costs first, ${debt.creditor} stays current (${euros(debt.minimumPaymentCents!, 'en')} a month).`,
    };
  }
  if (debt.kind === 'cjib') {
    const raise = Math.round((CJIB_ESCALATION.value.firstFactor - 1) * 100);
    const stage = cjibStageOn(debt, start);
    const first =
      position === 1 ? { nl: `${debt.creditor} eerst, `, en: `${debt.creditor} first, ` } : { nl: '', en: '' };
    if (stage >= 2)
      return {
        nl: `${at.nl}: de boete van ${debt.creditor} is al verhoogd en stijgt niet meer.`,
        en: `${at.en}: the ${debt.creditor} fine has already been raised and rises no further.`,
      };
    if (cliffs && firstHappened) {
      // The plan lets it rise: too little room to pay it in time, or the money saves more elsewhere first. Say so, and what follows.
      const rises = cjibRiseDays(debt.dueDate, debt.reminderStage);
      const rose = rises[cliffs.indexOf(firstHappened)] ?? rises[0]!;
      const avoided = cliffs.length === rises.length ? cliffs.findIndex((cliff) => !cliff.happened) : -1;
      if (avoided > 0) {
        return {
          nl: `${at.nl}: de boete stijgt na ${day(rose, 'nl')} met ${raise}%; dit plan betaalt hem voordat hij na ${day(rises[avoided]!, 'nl')} verdubbelt.`,
          en: `${at.en}: the fine rises by ${raise}% after ${day(rose, 'en')}; this plan pays it before it doubles after ${day(rises[avoided]!, 'en')}.`,
        };
      }
      return {
        nl: `${at.nl}: de boete stijgt na ${day(rose, 'nl')}; eerder betalen past niet in dit plan of bespaart elders meer. Daarna groeit hij niet meer en wacht hij op zijn beurt.`,
        en: `${at.en}: the fine rises after ${day(rose, 'en')}; paying it before then does not fit this plan or saves more elsewhere. After that it no longer grows and waits its turn.`,
      };
    }
    if (stage === 1) {
      const doublesAfter = cjibRiseDays(debt.dueDate, debt.reminderStage).at(-1)!;
      return {
        nl: `${at.nl}: ${first.nl}de boete verdubbelt als hij na ${day(doublesAfter, 'nl')} nog openstaat.`,
        en: `${at.en}: ${first.en}the fine doubles if it is still unpaid after ${day(doublesAfter, 'en')}.`,
      };
    }
    return {
      nl: `${at.nl}: ${first.nl}de boete stijgt met ${raise}% na ${day(debt.dueDate, 'nl')} en verdrievoudigt acht weken later.`,
      en: `${at.en}: ${first.en}the fine rises by ${raise}% after ${day(debt.dueDate, 'en')} and triples eight weeks later.`,
    };
  }
  if (debt.kind === 'health-insurer') {
    const months = HEALTH_PREMIUM.value.monthsBeforeCak;
    const premium = {
      nl: euros(HEALTH_PREMIUM.value.cakPremiumCents, 'nl'),
      en: euros(HEALTH_PREMIUM.value.cakPremiumCents, 'en'),
    };
    if (cliffs && !firstHappened) {
      return {
        nl: `${at.nl}: betaald voordat de achterstand ${months} maanden is, zodat het CAK geen hogere premie (${premium.nl} per maand) int.`,
        en: `${at.en}: paid before the arrears reach ${months} months, so the CAK charges no higher premium (${premium.en} a month).`,
      };
    }
    return {
      nl: `${at.nl}: na ${months} maanden achterstand int het CAK een hogere premie (${premium.nl} per maand).`,
      en: `${at.en}: after ${months} months in arrears the CAK charges a higher premium (${premium.en} a month).`,
    };
  }
  const rate = annualRate(debt, start);
  if (debt.kind === 'tax') {
    const fees =
      debt.reminderStage === 2
        ? { nl: '', en: '' }
        : {
            nl: ', en onbetaald volgen een aanmaning en een dwangbevel (kosten vanaf € 46)',
            en: ', and unpaid it is followed by a reminder and an enforcement order (costs from €46)',
          };
    return {
      nl: `${at.nl}: ${percent(rate, 'nl')} invorderingsrente per jaar${fees.nl}.`,
      en: `${at.en}: ${percent(rate, 'en')} collection interest a year${fees.en}.`,
    };
  }
  if (debt.commercial && !(debt.costsCents ?? 0)) {
    const costs = wikCollectionCosts(debt.principalCents);
    return {
      nl: `${at.nl}: zakelijke schuld, ${percent(rate, 'nl')} handelsrente per jaar en ${euros(costs, 'nl')} incassokosten zodra hij vervallen is.`,
      en: `${at.en}: a business debt, ${percent(rate, 'en')} commercial interest a year and ${euros(costs, 'en')} collection costs once overdue.`,
    };
  }
  if (debt.letterReceivedOn && !(debt.costsCents ?? 0)) {
    const costs = wikCollectionCosts(debt.principalCents);
    if (firstHappened?.month === 0) {
      return {
        nl: `${at.nl}: de termijn van de 14-dagenbrief is voorbij, dus ${euros(costs, 'nl')} incassokosten zijn al verschuldigd; verder ${percent(rate, 'nl')} rente per jaar.`,
        en: `${at.en}: the 14-day letter's term has passed, so ${euros(costs, 'en')} collection costs are already owed; besides, ${percent(rate, 'en')} interest a year.`,
      };
    }
    if (cliffs && cliffs.length > 0 && !firstHappened) {
      return {
        nl: `${at.nl}: betaald voordat de termijn van de 14-dagenbrief afloopt, zodat er geen ${euros(costs, 'nl')} incassokosten bijkomen.`,
        en: `${at.en}: paid before the 14-day letter's term ends, so no ${euros(costs, 'en')} collection costs are added.`,
      };
    }
    return {
      nl: `${at.nl}: na de 14-dagenbrief komen er ${euros(costs, 'nl')} incassokosten bij, plus ${percent(rate, 'nl')} rente per jaar.`,
      en: `${at.en}: after the 14-day letter, ${euros(costs, 'en')} collection costs are added, plus ${percent(rate, 'en')} interest a year.`,
    };
  }
  if (rate > 0)
    return {
      nl: `${at.nl}: ${percent(rate, 'nl')} rente per jaar.`,
      en: `${at.en}: ${percent(rate, 'en')} interest a year.`,
    };
  return {
    nl: `${at.nl}: deze schuld groeit niet en komt na de schulden die duurder worden.`,
    en: `${at.en}: this debt does not grow, so it comes after the ones that do.`,
  };
}

/**
 * The cliffs of a debt in a simulated plan: each month in which a CJIB rise,
 * a one-off cost or the CAK premium falls due if the debt is still open, and
 * whether it was open then.
 */
export function cliffOutcomes(debt: DebtInput, input: PlanInput, simulation: Simulation): CliffOutcome[] {
  const openBefore = (m: number) => (m === 0 ? owedAtStart(debt) : simulation.months[m - 1]!.balances[debt.id]!) > 0;
  return cliffMonths(growthRules(debt, input)).map((month) => ({ month, happened: openBefore(month) }));
}
