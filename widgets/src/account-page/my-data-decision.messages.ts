import type { Language } from '../shared/language.js';

/** The decision page's words for a correction or a forward of "my data". */
export interface MyDataDecisionMessages {
  correctionQuestion: (company: string) => string;
  correctionIntro: (company: string) => string;
  category: string;
  field: string;
  currentValue: string;
  proposedValue: string;
  reason: string;
  deadline: string;
  send: string;
  forwardQuestion: (company: string, recipient: string) => string;
  forwardIntro: (company: string) => string;
  purpose: string;
  whatGoes: string;
  deliverBy: (date: string) => string;
  connects: (company: string) => string;
  forward: string;
  notSent: string;
  empty: string;
  items: (count: number) => string;
  done: string;
}

const nl: MyDataDecisionMessages = {
  correctionQuestion: (company) => `Correctie sturen aan ${company}?`,
  correctionIntro: (company) =>
    `U vraagt ${company} een gegeven te verbeteren. Met uw passkey bevestigt u dat dit verzoek van u komt.`,
  category: 'Gegevens',
  field: 'Gegeven',
  currentValue: 'Nu bekend',
  proposedValue: 'Zou moeten zijn',
  reason: 'Waarom',
  deadline:
    'Het bedrijf moet binnen een maand antwoorden (AVG art. 12). Het kan die termijn met twee maanden verlengen, als het u dat binnen de eerste maand met redenen laat weten.',
  send: 'Correctie sturen',
  forwardQuestion: (company, recipient) => `Gegevens van ${company} doorsturen aan ${recipient}?`,
  forwardIntro: (company) =>
    `${company} ondertekent precies wat hieronder staat. De ontvanger kan controleren dat het van ${company} komt en niet veranderd is.`,
  purpose: 'Waarvoor de ontvanger het gebruikt',
  whatGoes: 'Dit gaat mee, en niets anders',
  deliverBy: (date) =>
    `De ontvanger kan het één keer ophalen, tot ${date}. Daarna wordt het gewist. Tot het is opgehaald kunt u het intrekken.`,
  connects: (company) =>
    `Uw regie-account wordt hierbij gekoppeld aan uw klantaccount bij ${company}, als dat nog niet zo was.`,
  forward: 'Doorsturen',
  notSent: 'Niet verstuurd.',
  empty: '(leeg)',
  items: (count) => (count === 1 ? '1 regel' : `${count} regels`),
  done: 'Klaar. U kunt dit venster sluiten.',
};

const en: MyDataDecisionMessages = {
  correctionQuestion: (company) => `Send a correction to ${company}?`,
  correctionIntro: (company) =>
    `You ask ${company} to correct something it holds about you. Your passkey confirms that this request is yours.`,
  category: 'Data',
  field: 'Item',
  currentValue: 'Known now',
  proposedValue: 'Should be',
  reason: 'Why',
  deadline:
    'The company must answer within a month (GDPR art. 12). It may take two more months if it tells you why within the first month.',
  send: 'Send correction',
  forwardQuestion: (company, recipient) => `Forward data from ${company} to ${recipient}?`,
  forwardIntro: (company) =>
    `${company} signs exactly what is shown below. The recipient can check that it comes from ${company} unaltered.`,
  purpose: 'What the recipient uses it for',
  whatGoes: 'This goes, and nothing else',
  deliverBy: (date) =>
    `The recipient can fetch it once, until ${date}. After that it is deleted. Until it is fetched you can revoke it.`,
  connects: (company) =>
    `This also connects your regie account to your customer account at ${company}, if it was not yet.`,
  forward: 'Forward',
  notSent: 'Not sent.',
  empty: '(empty)',
  items: (count) => (count === 1 ? '1 line' : `${count} lines`),
  done: 'Done. You can close this window.',
};

export const myDataDecisionMessages: Record<Language, MyDataDecisionMessages> = { nl, en };
