import { collectionCostsOwed, wikCollectionCosts } from './collection-costs.js';
import type { DebtInput, PlanInput } from './debts.js';
import {
  CJIB_ESCALATION,
  HEALTH_PREMIUM,
  STATUTORY_INTEREST_COMMERCIAL,
  STATUTORY_INTEREST_CONSUMER,
  TAX_COLLECTION,
} from './dutch-rules.js';
import { cjibRiseDays, risesPassed } from './fines.js';
import { rateOn } from './statutory-interest.js';

/** Debts that keep a household housed and insured: kept current before anything else. */
export const FIXED_COST_KINDS = new Set(['rent', 'energy', 'water', 'health-insurer']);

/** Kinds on which the WIK costs and statutory interest apply (consumer rate, or commercial for a business debt). */
const CONSUMER_KINDS = new Set(['consumer-credit', 'telecom', 'energy', 'water', 'rent', 'other']);

/**
 * How one debt grows in each month of a plan, decided by the Dutch rules
 * before any payment is known. The simulation and the exact (MILP) model
 * both read this, so they cannot disagree about a rule; they only differ in
 * how they choose the payments.
 */
export interface GrowthRules {
  /** How the debt grows: CJIB surcharges, tax collection interest, statutory interest (with WIK costs), CAK premium, or not at all. */
  model: 'cjib' | 'tax' | 'statutory' | 'health' | 'none';
  /** Per month: the share of what is still owed that a CJIB surcharge adds this month (0.5, 1, or 2 when both stages pass at once). */
  surchargeShare: number[];
  /** Per month: the interest rate for this month (a twelfth of the yearly rate) on the interest-bearing principal. */
  monthlyRate: number[];
  /** Per month: whether last year's interest joins the principal at the start of this month (statutory interest, art. 6:119 lid 2 BW). */
  capitalises: boolean[];
  /** One-off costs and the month each is added if the debt is still open then: WIK collection costs, the tax office's reminder and enforcement order. */
  charges: { month: number; cents: number; what: 'collection-costs' | 'tax-reminder' | 'tax-enforcement-order' }[];
  /** The CAK premium per month, and the first month it is charged if the debt is still open. */
  cakPremium: { fromMonth: number; cents: number } | null;
}

export const monthOf = (startMonth: string, offset: number): string => {
  const [year, month] = startMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 + offset, 1)).toISOString().slice(0, 7);
};

const monthIndex = (isoDay: string) => Number(isoDay.slice(0, 4)) * 12 + Number(isoDay.slice(5, 7)) - 1;

/** The debt's yearly rate of growth by interest on `day`, for ordering (avalanche) and reasons. */
export function annualRate(debt: DebtInput, day: string): number {
  if (debt.kind === 'tax') return rateOn(TAX_COLLECTION.value.interest, day);
  if (CONSUMER_KINDS.has(debt.kind)) return rateOn(statutoryRates(debt), day);
  return 0;
}

const statutoryRates = (debt: DebtInput) =>
  debt.commercial ? STATUTORY_INTEREST_COMMERCIAL.value : STATUTORY_INTEREST_CONSUMER.value;

/**
 * The CJIB stage in force on `day`: the stage reached by reminders already
 * sent, one more once the current stage's deadline (`dueDate`) has passed,
 * and for a fine still at stage 0, the second once the reminder's eight
 * weeks have passed too.
 */
export function cjibStageOn(debt: DebtInput, day: string): number {
  const stage = debt.reminderStage ?? 0;
  return Math.min(2, stage + risesPassed(cjibRiseDays(debt.dueDate, stage), day));
}

/**
 * The months in which a debt still open meets a cliff: a CJIB rise, a
 * one-off cost (WIK collection costs, a tax fee) or the start of the CAK
 * premium. The planner cuts a debt's months there; the reasons say what the
 * plan did at each.
 */
export function cliffMonths(rules: GrowthRules): number[] {
  const months = new Set<number>([
    ...rules.surchargeShare.flatMap((share, m) => (share > 0 ? [m] : [])),
    ...rules.charges.map((charge) => charge.month),
    ...(rules.cakPremium ? [rules.cakPremium.fromMonth] : []),
  ]);
  return [...months].sort((a, b) => a - b);
}

export function growthRules(debt: DebtInput, input: PlanInput): GrowthRules {
  const months = Array.from({ length: input.horizonMonths }, (_, m) => `${monthOf(input.startMonth, m)}-01`);
  const none = months.map(() => 0);
  const rules: GrowthRules = {
    model: 'none',
    surchargeShare: none,
    monthlyRate: none,
    capitalises: months.map(() => false),
    charges: [],
    cakPremium: null,
  };

  if (debt.kind === 'cjib') {
    const { firstFactor, secondFactor } = CJIB_ESCALATION.value;
    const factors = [firstFactor, secondFactor];
    let stage = debt.reminderStage ?? 0;
    const surchargeShare = months.map((day) => {
      // Each stage passed while the fine is unpaid multiplies what is owed: x1.5, then x2 of that.
      let multiplier = 1;
      for (const next = cjibStageOn(debt, day); stage < next; stage++) multiplier *= factors[stage]!;
      return multiplier - 1;
    });
    return { ...rules, model: 'cjib', surchargeShare };
  }
  if (debt.kind === 'tax') {
    // Unpaid after the due date: a reminder (aanmaning) the month after, an enforcement order (dwangbevel) the month after that.
    const { reminderBelowCents, reminderFromCents, reminderThresholdCents, enforcementOrderMinimumCents } =
      TAX_COLLECTION.value;
    const afterDue = months.findIndex((day) => day > debt.dueDate);
    const stage = debt.reminderStage ?? 0;
    const charges: GrowthRules['charges'] = [];
    if (afterDue >= 0 && stage < 1)
      charges.push({
        month: afterDue,
        cents: debt.principalCents < reminderThresholdCents ? reminderBelowCents : reminderFromCents,
        what: 'tax-reminder',
      });
    const orderMonth = afterDue < 0 ? -1 : stage >= 1 ? afterDue : afterDue + 1;
    if (orderMonth >= 0 && orderMonth < months.length && stage < 2)
      charges.push({ month: orderMonth, cents: enforcementOrderMinimumCents, what: 'tax-enforcement-order' });
    return {
      ...rules,
      model: 'tax',
      monthlyRate: months.map((day) => rateOn(TAX_COLLECTION.value.interest, day) / 12),
      charges,
    };
  }
  if (debt.kind === 'health-insurer') {
    // The premium is charged from the month the arrears pass six months.
    const fromMonth = Math.max(0, HEALTH_PREMIUM.value.monthsBeforeCak - (debt.monthsInArrears ?? 0));
    return {
      ...rules,
      model: 'health',
      cakPremium: fromMonth < input.horizonMonths ? { fromMonth, cents: HEALTH_PREMIUM.value.cakPremiumCents } : null,
    };
  }
  if (CONSUMER_KINDS.has(debt.kind)) {
    // Costs already on the debt mean the creditor charged them; otherwise they come when the letter's term
    // ends unpaid, or for a business debt once it is overdue (the letter protects consumers only).
    const owedOn = (day: string) =>
      debt.commercial ? day > debt.dueDate : collectionCostsOwed(debt.letterReceivedOn, day);
    const costsDue = (debt.costsCents ?? 0) === 0 ? months.findIndex(owedOn) : -1;
    const cents = wikCollectionCosts(debt.principalCents);
    const dueAnniversary = monthIndex(debt.dueDate) % 12;
    return {
      ...rules,
      model: 'statutory',
      monthlyRate: months.map((day) => rateOn(statutoryRates(debt), day) / 12),
      // Interest joins the principal each full year counted from the day the debt fell due.
      capitalises: months.map(
        (day) => monthIndex(day) % 12 === dueAnniversary && monthIndex(day) > monthIndex(debt.dueDate),
      ),
      charges: costsDue >= 0 && cents > 0 ? [{ month: costsDue, cents, what: 'collection-costs' }] : [],
    };
  }
  return rules;
}
