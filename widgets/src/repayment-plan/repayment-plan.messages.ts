import type { Language } from '../shared/language.js';

export interface RepaymentPlanMessages {
  title: string;
  chartLabel: (creditors: number, months: number) => string;
  tableCaption: string;
  order: string;
  creditor: string;
  paidOff: string;
  totalPaid: string;
  why: string;
  notPaidOff: string;
  month: (index: number) => string;
  summary: (cost: string, saved: string) => string;
  monthsCaption: string;
  showMonths: string;
  noPlan: string;
}

const nl: RepaymentPlanMessages = {
  title: 'Aflosplan',
  chartLabel: (creditors, months) => `Grafiek: het saldo van ${creditors} schulden over ${months} maanden. Dezelfde gegevens staan in de tabellen hieronder.`,
  tableCaption: 'Volgorde van betalen',
  order: 'Plaats',
  creditor: 'Schuldeiser',
  paidOff: 'Afbetaald in',
  totalPaid: 'Totaal betaald',
  why: 'Waarom hier',
  notPaidOff: 'niet binnen het plan',
  month: (index) => `maand ${index + 1}`,
  summary: (cost, saved) => `Dit plan kost ${cost} in totaal, ${saved} minder dan de hoogste rente eerst betalen.`,
  monthsCaption: 'Saldo per maand',
  showMonths: 'Saldo per maand tonen',
  noPlan: 'Nog geen plan.',
};

const en: RepaymentPlanMessages = {
  title: 'Repayment plan',
  chartLabel: (creditors, months) => `Chart: the balance of ${creditors} debts over ${months} months. The tables below hold the same data.`,
  tableCaption: 'Order of payment',
  order: 'Place',
  creditor: 'Creditor',
  paidOff: 'Paid off in',
  totalPaid: 'Total paid',
  why: 'Why here',
  notPaidOff: 'not within the plan',
  month: (index) => `month ${index + 1}`,
  summary: (cost, saved) => `This plan costs ${cost} in total, ${saved} less than paying the highest rate first.`,
  monthsCaption: 'Balance per month',
  showMonths: 'Show the balance per month',
  noPlan: 'No plan yet.',
};

export const repaymentPlanMessages: Record<Language, RepaymentPlanMessages> = { nl, en };
