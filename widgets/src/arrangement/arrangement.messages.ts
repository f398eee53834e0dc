import type { ArrangementState } from '@regiekit/sdk/protocol';
import type { CreditorArrangementStatus } from '@regiekit/sdk/arrangements';
import type { Language } from '../shared/language.js';

export interface ArrangementMessages {
  proposalsTitle: string;
  monthly: string;
  term: string;
  months: (count: number) => string;
  total: string;
  startsIn: string;
  stops: string;
  interestStops: string;
  costsStop: string;
  nothingStops: string;
  outcome: Record<CreditorArrangementStatus, string>;
  request: (creditor: string) => string;
  statusTitle: (creditor: string) => string;
  state: Record<ArrangementState, string>;
  graceLeft: (misses: number, days: number) => string;
  lapsedHelp: string;
  replan: string;
  counterOffered: string;
  reviewCounter: string;
  creditorSays: string;
  scheduleCaption: string;
  number: string;
  month: string;
  amount: string;
  status: string;
  instalmentState: Record<'due' | 'paid' | 'missed', string>;
  payWithQr: string;
  qrLabel: (amount: string, month: string) => string;
  payTo: (name: string, iban: string, amount: string, reference: string) => string;
  balanceTitle: string;
  balanceLabel: (start: string, now: string) => string;
  nothing: string;
}

export const arrangementMessages: Record<Language, ArrangementMessages> = {
  nl: {
    proposalsTitle: 'Regeling aanvragen',
    monthly: 'Per maand',
    term: 'Looptijd',
    months: (count) => `${count} ${count === 1 ? 'maand' : 'maanden'}`,
    total: 'Totaal',
    startsIn: 'Eerste termijn',
    stops: 'Wat stopt',
    interestStops: 'rente',
    costsStop: 'incassokosten',
    nothingStops: 'niets',
    outcome: {
      'accepted-in-advance': 'Wordt meteen geaccepteerd',
      'needs-review': 'Een medewerker beoordeelt het',
      'not-within-room': 'Past niet in uw aflossingsruimte',
    },
    request: (creditor) => `Regeling aanvragen bij ${creditor}`,
    statusTitle: (creditor) => `Regeling met ${creditor}`,
    state: {
      requested: 'Aangevraagd, wacht op antwoord',
      accepted: 'Geaccepteerd',
      countered: 'Tegenvoorstel ontvangen',
      refused: 'Afgewezen',
      active: 'Loopt',
      missed: 'Termijn gemist',
      lapsed: 'Vervallen',
      completed: 'Afgerond',
    },
    graceLeft: (misses, days) =>
      misses === 0
        ? 'Bij nog een gemiste termijn vervalt de regeling.'
        : `Er mag nog ${misses === 1 ? 'één termijn' : `${misses} termijnen`} uitblijven; betaal binnen ${days} dagen na de vervaldag.`,
    lapsedHelp: 'De regeling is vervallen. Maak een nieuw plan met wat u nu kunt betalen.',
    replan: 'Opnieuw plannen',
    counterOffered: 'De schuldeiser stelt andere voorwaarden voor.',
    reviewCounter: 'Tegenvoorstel bekijken',
    creditorSays: 'Toelichting van de schuldeiser',
    scheduleCaption: 'Termijnen',
    number: 'Termijn',
    month: 'Maand',
    amount: 'Bedrag',
    status: 'Stand',
    instalmentState: { due: 'Te betalen', paid: 'Betaald', missed: 'Gemist' },
    payWithQr: 'Betalen met QR-code',
    qrLabel: (amount, month) => `QR-code voor de betaling van ${amount} (${month})`,
    payTo: (name, iban, amount, reference) =>
      `Of maak ${amount} over aan ${name}, ${iban}, met omschrijving "${reference}".`,
    balanceTitle: 'Uw schuld neemt af',
    balanceLabel: (start, now) => `Saldo: van ${start} naar ${now}`,
    nothing: 'Nog geen regeling of voorstel.',
  },
  en: {
    proposalsTitle: 'Ask for an arrangement',
    monthly: 'Each month',
    term: 'Term',
    months: (count) => `${count} ${count === 1 ? 'month' : 'months'}`,
    total: 'Total',
    startsIn: 'First instalment',
    stops: 'What stops',
    interestStops: 'interest',
    costsStop: 'collection costs',
    nothingStops: 'nothing',
    outcome: {
      'accepted-in-advance': 'Accepted at once',
      'needs-review': 'Reviewed by staff',
      'not-within-room': 'Does not fit your room for repayments',
    },
    request: (creditor) => `Ask ${creditor} for an arrangement`,
    statusTitle: (creditor) => `Arrangement with ${creditor}`,
    state: {
      requested: 'Asked, waiting for an answer',
      accepted: 'Accepted',
      countered: 'Counter-proposal received',
      refused: 'Refused',
      active: 'Running',
      missed: 'Instalment missed',
      lapsed: 'Lapsed',
      completed: 'Completed',
    },
    graceLeft: (misses, days) =>
      misses === 0
        ? 'One more missed instalment ends the arrangement.'
        : `${misses === 1 ? 'One more instalment' : `${misses} more instalments`} may be missed; pay within ${days} days of the due date.`,
    lapsedHelp: 'The arrangement has lapsed. Make a new plan with what you can pay now.',
    replan: 'Plan again',
    counterOffered: 'The creditor proposes other terms.',
    reviewCounter: 'Review the counter-proposal',
    creditorSays: 'The creditor says',
    scheduleCaption: 'Instalments',
    number: 'Instalment',
    month: 'Month',
    amount: 'Amount',
    status: 'State',
    instalmentState: { due: 'Due', paid: 'Paid', missed: 'Missed' },
    payWithQr: 'Pay with QR code',
    qrLabel: (amount, month) => `QR code to pay ${amount} (${month})`,
    payTo: (name, iban, amount, reference) =>
      `Or transfer ${amount} to ${name}, ${iban}, with the description "${reference}".`,
    balanceTitle: 'Your debt going down',
    balanceLabel: (start, now) => `Balance: from ${start} to ${now}`,
    nothing: 'No arrangement or proposal yet.',
  },
};
