import { PLAN_LIMITS } from '@regiekit/sdk/plan';
import type { Language } from '../shared/language.js';
import type { DebtField, PlanProblem } from './plan-problem.js';

export interface RepaymentPlanMessages {
  title: string;
  chartLabel: (creditors: number, months: number) => string;
  chartBalance: string;
  /** In the chart's legend: the short upright line where a debt is paid off. */
  paidOffMark: string;
  tableCaption: string;
  order: string;
  creditor: string;
  paidOff: string;
  totalPaid: string;
  why: string;
  notPaidOff: string;
  month: (index: number) => string;
  /**
   * What the plan costs, how much less than each rule of thumb that costs more
   * (none: the order makes no difference), and what is still owed at the end
   * if anything (amounts already formatted).
   */
  summary: (
    cost: string,
    saved: Partial<Record<RuleOfThumb, string>>,
    left?: { amount: string; months: number },
  ) => string;
  /** The agreed minimum payments exceed the room by `amount` a month. */
  minimumsOverRoom: (amount: string) => string;
  monthsCaption: string;
  showMonths: string;
  noPlan: string;
  /** The first words of the alert when the input cannot be planned. */
  noPlanPossible: string;
  problem: (problem: PlanProblem) => string;
}

export type RuleOfThumb = 'avalanche' | 'snowball' | 'balanceMatching';

/** The rules of thumb that cost more, in one list: "A, B en C". */
const savings = (
  language: Language,
  saved: Partial<Record<RuleOfThumb, string>>,
  phrase: Record<RuleOfThumb, (amount: string) => string>,
) =>
  new Intl.ListFormat(language, { type: 'conjunction' }).format(
    (Object.keys(phrase) as RuleOfThumb[]).filter((rule) => saved[rule]).map((rule) => phrase[rule](saved[rule]!)),
  );

const euros = (locale: string, cents: number) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(cents / 100);

const nlField: Record<
  Exclude<DebtField, 'dueDate' | 'letterReceivedOn' | 'id' | 'monthsInArrears' | 'kind'>,
  string
> = {
  principalCents: 'het openstaande bedrag',
  costsCents: 'de kosten',
  interestCents: 'de rente',
  minimumPaymentCents: 'het minimale bedrag per maand',
};

const enField: Record<
  Exclude<DebtField, 'dueDate' | 'letterReceivedOn' | 'id' | 'monthsInArrears' | 'kind'>,
  string
> = {
  principalCents: 'the amount owed',
  costsCents: 'the costs',
  interestCents: 'the interest',
  minimumPaymentCents: 'the minimum monthly payment',
};

const nl: RepaymentPlanMessages = {
  title: 'Aflosplan',
  chartBalance: 'Saldo in euro',
  paidOffMark: 'afbetaald',
  chartLabel: (creditors, months) =>
    `Grafiek: het saldo van ${creditors} schulden over ${months} maanden. Dezelfde gegevens staan in de tabellen hieronder.`,
  tableCaption: 'Volgorde van betalen',
  order: 'Plaats',
  creditor: 'Schuldeiser',
  paidOff: 'Afbetaald in',
  totalPaid: 'Totaal betaald',
  why: 'Waarom hier',
  notPaidOff: 'niet binnen het plan',
  month: (index) => `maand ${index + 1}`,
  summary: (cost, saved, left) => {
    const thumbs = savings('nl', saved, {
      avalanche: (amount) => `${amount} minder dan de hoogste rente eerst betalen`,
      snowball: (amount) => `${amount} minder dan de kleinste schuld eerst`,
      balanceMatching: (amount) => `${amount} minder dan iedere schuldeiser naar verhouding betalen`,
    });
    const comparison = thumbs ? `: ${thumbs}.` : '. Een andere volgorde van betalen maakt hier niets uit.';
    return `Dit plan kost ${cost} in totaal${comparison}${left ? ` Na ${left.months} maanden staat er nog ${left.amount} open.` : ''}`;
  },
  minimumsOverRoom: (amount) => `De afgesproken vaste bedragen zijn ${amount} per maand meer dan u kunt aflossen.`,
  monthsCaption: 'Saldo per maand',
  showMonths: 'Saldo per maand tonen',
  noPlan: 'Nog geen plan.',
  noPlanPossible: 'Er kan geen plan worden gemaakt.',
  problem: (problem) => {
    switch (problem.kind) {
      case 'monthlyRoom':
        return 'Het bedrag dat u per maand kunt aflossen moet groter zijn dan € 0.';
      case 'horizon':
        return `De looptijd van het plan moet tussen 1 en ${problem.maxMonths} maanden liggen.`;
      case 'startMonth':
        return 'De eerste maand van het plan is geen geldige maand.';
      case 'noDebts':
        return 'Er staat geen schuld in de lijst. Vul ten minste één schuld in.';
      case 'tooManyDebts':
        return `Een plan kan ten hoogste ${problem.maxDebts} schulden bevatten.`;
      case 'unreadable':
        return 'De gegevens voor het plan zijn onvolledig of hebben niet de juiste vorm.';
      case 'other':
        return `De gegevens voor het plan kloppen niet. De planner meldt: ${problem.detail}`;
      case 'secondHealthInsurer': {
        const name = ({ place, creditor }: { place: number; creditor: string }) =>
          creditor ? `schuld ${place} (${creditor})` : `schuld ${place}`;
        return `Zowel ${name(problem.first)} als ${name(problem.second)} staat als huidige zorgverzekeraar in de lijst. Dat kan er maar één zijn, want het CAK rekent de hogere premie één keer per persoon. Vul een achterstand bij een vorige zorgverzekeraar in als een andere soort schuld.`;
      }
      case 'debt': {
        const debt = problem.creditor ? `Schuld ${problem.place} (${problem.creditor})` : `Schuld ${problem.place}`;
        if (problem.field === 'dueDate') return `${debt}: de vervaldatum ontbreekt of is geen geldige datum.`;
        if (problem.field === 'letterReceivedOn')
          return `${debt}: de datum van de 14-dagenbrief is geen geldige datum.`;
        if (problem.field === 'id')
          return `${debt} heeft dezelfde id als een schuld erboven. Elke schuld heeft een eigen id nodig.`;
        if (problem.field === 'monthsInArrears')
          return `${debt}: het aantal maanden achterstand moet een heel getal zijn van 0 tot en met ${PLAN_LIMITS.maxMonthsInArrears}.`;
        if (problem.field === 'kind') return `${debt}: kies een soort schuldeiser uit de lijst.`;
        return `${debt}: ${nlField[problem.field]} moet een bedrag zijn van € 0 tot ${euros('nl-NL', PLAN_LIMITS.maxAmountCents)}.`;
      }
    }
  },
};

const en: RepaymentPlanMessages = {
  title: 'Repayment plan',
  chartBalance: 'Balance in euros',
  paidOffMark: 'paid off',
  chartLabel: (creditors, months) =>
    `Chart: the balance of ${creditors} debts over ${months} months. The tables below hold the same data.`,
  tableCaption: 'Order of payment',
  order: 'Place',
  creditor: 'Creditor',
  paidOff: 'Paid off in',
  totalPaid: 'Total paid',
  why: 'Why here',
  notPaidOff: 'not within the plan',
  month: (index) => `month ${index + 1}`,
  summary: (cost, saved, left) => {
    const thumbs = savings('en', saved, {
      avalanche: (amount) => `${amount} less than paying the highest rate first`,
      snowball: (amount) => `${amount} less than the smallest debt first`,
      balanceMatching: (amount) => `${amount} less than paying every creditor a share`,
    });
    const comparison = thumbs ? `: ${thumbs}.` : '. Another order of payment makes no difference here.';
    return `This plan costs ${cost} in total${comparison}${left ? ` After ${left.months} months, ${left.amount} is still owed.` : ''}`;
  },
  minimumsOverRoom: (amount) => `The agreed minimum payments are ${amount} a month more than you can pay.`,
  monthsCaption: 'Balance per month',
  showMonths: 'Show the balance per month',
  noPlan: 'No plan yet.',
  noPlanPossible: 'No plan can be made.',
  problem: (problem) => {
    switch (problem.kind) {
      case 'monthlyRoom':
        return 'The amount you can pay each month must be more than €0.';
      case 'horizon':
        return `The plan must run for 1 to ${problem.maxMonths} months.`;
      case 'startMonth':
        return 'The first month of the plan is not a valid month.';
      case 'noDebts':
        return 'The list holds no debt. Fill in at least one debt.';
      case 'tooManyDebts':
        return `A plan can hold at most ${problem.maxDebts} debts.`;
      case 'unreadable':
        return 'The data for the plan is incomplete or not in the right form.';
      case 'other':
        return `The data for the plan is not right. The planner says: ${problem.detail}`;
      case 'secondHealthInsurer': {
        const name = ({ place, creditor }: { place: number; creditor: string }) =>
          creditor ? `debt ${place} (${creditor})` : `debt ${place}`;
        return `Both ${name(problem.first)} and ${name(problem.second)} are listed as the current health insurer. Only one can be, because the CAK charges its higher premium once per person. Enter arrears with a former insurer as another kind of debt.`;
      }
      case 'debt': {
        const debt = problem.creditor ? `Debt ${problem.place} (${problem.creditor})` : `Debt ${problem.place}`;
        if (problem.field === 'dueDate') return `${debt}: the due date is missing or not a valid date.`;
        if (problem.field === 'letterReceivedOn') return `${debt}: the date of the 14-day letter is not a valid date.`;
        if (problem.field === 'id')
          return `${debt} has the same id as a debt above it. Each debt needs an id of its own.`;
        if (problem.field === 'monthsInArrears')
          return `${debt}: the number of months in arrears must be a whole number from 0 to ${PLAN_LIMITS.maxMonthsInArrears}.`;
        if (problem.field === 'kind') return `${debt}: choose a kind of creditor from the list.`;
        return `${debt}: ${enField[problem.field]} must be an amount from €0 to ${euros('en-GB', PLAN_LIMITS.maxAmountCents)}.`;
      }
    }
  },
};

export const repaymentPlanMessages: Record<Language, RepaymentPlanMessages> = { nl, en };
