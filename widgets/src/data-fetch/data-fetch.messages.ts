import type { FetchFailure } from '@regiekit/sdk/protocol';
import type { Language } from '../shared/language.js';

export interface DataFetchMessages {
  how: string;
  fetchChoice: (source: string) => string;
  fetchHint: (source: string) => string;
  manualChoice: string;
  manualHint: string;
  start: (source: string) => string;
  waiting: string;
  windowBlocked: string;
  openWindow: string;
  cancel: string;
  attaching: string;
  attached: (source: string) => string;
  signedBy: (source: string, date: string) => string;
  unchanged: string;
  remove: string;
  removed: string;
  declined: string;
  expired: string;
  failure: Record<FetchFailure, (source: string) => string>;
  tryAgainOrManual: string;
  count: (label: string, count: number) => string;
}

const nl: DataFetchMessages = {
  how: 'Hoe wilt u dit laten zien?',
  fetchChoice: (source) => `Ophalen bij ${source}`,
  fetchHint: (source) =>
    `U haalt uw eigen gegevens op bij ${source}, ziet ze eerst zelf en kiest dan of u ze toevoegt.`,
  manualChoice: 'Zelf bewijs toevoegen',
  manualHint: 'Bijvoorbeeld een bestand uploaden of de gegevens intypen.',
  start: (source) => `Ophalen bij ${source}`,
  waiting: 'Maak uw keuze in het venster dat is geopend.',
  windowBlocked: 'Uw browser hield het venster tegen.',
  openWindow: 'Venster openen',
  cancel: 'Stoppen',
  attaching: 'Gegevens toevoegen…',
  attached: (source) => `Toegevoegd van ${source}`,
  signedBy: (source, date) => `Ondertekend door ${source}, opgehaald op ${date}, ongewijzigd.`,
  unchanged: 'Dit gaat mee met uw aanvraag. Tot u de aanvraag verstuurt, kunt u het verwijderen.',
  remove: 'Verwijderen',
  removed: 'Verwijderd. Er gaat niets mee met uw aanvraag.',
  declined: 'Niets toegevoegd.',
  expired: 'De tijd om te kiezen is verlopen. Er is niets toegevoegd.',
  failure: {
    'source-unavailable': (source) => `${source} is nu niet bereikbaar. Er is niets toegevoegd.`,
    'source-timeout': (source) => `${source} gaf niet op tijd antwoord. Er is niets toegevoegd.`,
    'source-answer': (source) => `${source} stuurde andere gegevens dan gevraagd. Er is niets toegevoegd.`,
  },
  tryAgainOrManual: 'U kunt het opnieuw proberen of zelf bewijs toevoegen.',
  count: (label, count) => `${label}: ${count}`,
};

const en: DataFetchMessages = {
  how: 'How would you like to show this?',
  fetchChoice: (source) => `Fetch from ${source}`,
  fetchHint: (source) => `You fetch your own data from ${source}, see it first and then choose whether to add it.`,
  manualChoice: 'Add proof yourself',
  manualHint: 'For example, upload a file or type in the details.',
  start: (source) => `Fetch from ${source}`,
  waiting: 'Make your choice in the window that opened.',
  windowBlocked: 'Your browser blocked the window.',
  openWindow: 'Open the window',
  cancel: 'Stop',
  attaching: 'Adding the data…',
  attached: (source) => `Added from ${source}`,
  signedBy: (source, date) => `Signed by ${source}, fetched on ${date}, unchanged.`,
  unchanged: 'This goes with your application. Until you send it, you can remove it.',
  remove: 'Remove',
  removed: 'Removed. Nothing goes with your application.',
  declined: 'Nothing was added.',
  expired: 'The time to choose has run out. Nothing was added.',
  failure: {
    'source-unavailable': (source) => `${source} cannot be reached right now. Nothing was added.`,
    'source-timeout': (source) => `${source} did not answer in time. Nothing was added.`,
    'source-answer': (source) => `${source} sent other data than asked. Nothing was added.`,
  },
  tryAgainOrManual: 'You can try again or add proof yourself.',
  count: (label, count) => `${label}: ${count}`,
};

export const dataFetchMessages: Record<Language, DataFetchMessages> = { nl, en };
