import type { FetchFailure } from '@regiekit/sdk/protocol';
import type { Language } from '../shared/language.js';

/** The decision page's words for data fetched into an application. */
export interface FetchDecisionMessages {
  askQuestion: (form: string, source: string) => string;
  askIntro: (form: string, source: string) => string;
  purpose: string;
  whatIsAsked: string;
  period: (from: string, to: string) => string;
  onlySourceKnows: (source: string) => string;
  fetch: (source: string) => string;
  notFetch: string;
  reviewQuestion: (form: string) => string;
  reviewIntro: (source: string, form: string) => string;
  count: (label: string, count: number) => string;
  add: string;
  notAdd: string;
  failedQuestion: (source: string) => string;
  failure: Record<FetchFailure, (source: string) => string>;
  manualStill: string;
  back: string;
  added: string;
  notAdded: string;
}

const nl: FetchDecisionMessages = {
  askQuestion: (form, source) => `${form} vraagt gegevens van ${source}`,
  askIntro: (form, source) =>
    `Voor uw aanvraag kunt u uw eigen gegevens bij ${source} ophalen. U ziet ze eerst zelf; pas als u op 'Toevoegen' drukt, gaan ze naar ${form}. U kunt ook zelf bewijs toevoegen in het formulier.`,
  purpose: 'Waarvoor',
  whatIsAsked: 'Welke gegevens',
  period: (from, to) => `Van ${from} tot en met ${to}`,
  onlySourceKnows: (source) =>
    `Hierna maakt u zich bekend bij ${source}. Alleen ${source} ziet wie u bent; uw BSN gaat niet naar het formulier.`,
  fetch: (source) => `Ophalen bij ${source}`,
  notFetch: 'Niet ophalen',
  reviewQuestion: (form) => `Dit wordt toegevoegd aan uw aanvraag bij ${form}`,
  reviewIntro: (source, form) =>
    `${source} heeft dit ondertekend. ${form} krijgt precies dit, en niets anders, als u op 'Toevoegen' drukt.`,
  count: (label, count) => `${label}: ${count}`,
  add: 'Toevoegen',
  notAdd: 'Niet toevoegen',
  failedQuestion: (source) => `Ophalen bij ${source} is niet gelukt`,
  failure: {
    'source-unavailable': (source) => `${source} is nu niet bereikbaar.`,
    'source-timeout': (source) => `${source} gaf niet op tijd antwoord.`,
    'source-answer': (source) =>
      `${source} stuurde meer of andere gegevens dan gevraagd. Die zijn niet gebruikt en niet bewaard.`,
  },
  manualStill: 'Er is niets toegevoegd. U kunt het later opnieuw proberen, of in het formulier zelf bewijs toevoegen.',
  back: 'Terug naar het formulier',
  added: 'Toegevoegd aan uw aanvraag. U kunt dit venster sluiten.',
  notAdded: 'Niets toegevoegd. U kunt dit venster sluiten.',
};

const en: FetchDecisionMessages = {
  askQuestion: (form, source) => `${form} asks for data from ${source}`,
  askIntro: (form, source) =>
    `For your application you can fetch your own data from ${source}. You see it first; only when you press 'Add' does it go to ${form}. You can also add proof yourself in the form.`,
  purpose: 'What for',
  whatIsAsked: 'Which data',
  period: (from, to) => `From ${from} up to and including ${to}`,
  onlySourceKnows: (source) =>
    `Next you identify yourself at ${source}. Only ${source} sees who you are; your citizen service number does not go to the form.`,
  fetch: (source) => `Fetch from ${source}`,
  notFetch: 'Do not fetch',
  reviewQuestion: (form) => `This will be added to your application at ${form}`,
  reviewIntro: (source, form) =>
    `${source} signed this. ${form} gets exactly this, and nothing else, when you press 'Add'.`,
  count: (label, count) => `${label}: ${count}`,
  add: 'Add',
  notAdd: 'Do not add',
  failedQuestion: (source) => `Fetching from ${source} did not work`,
  failure: {
    'source-unavailable': (source) => `${source} cannot be reached right now.`,
    'source-timeout': (source) => `${source} did not answer in time.`,
    'source-answer': (source) => `${source} sent more or other data than asked. It was not used and not kept.`,
  },
  manualStill: 'Nothing was added. You can try again later, or add proof yourself in the form.',
  back: 'Back to the form',
  added: 'Added to your application. You can close this window.',
  notAdded: 'Nothing added. You can close this window.',
};

export const fetchDecisionMessages: Record<Language, FetchDecisionMessages> = { nl, en };
