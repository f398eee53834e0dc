import type { ConsentState, ServiceMode, UseLogEntry } from '@regiekit/sdk/protocol';
import type { Language } from '../language.js';

/** What the consent decision and the consent overview say: both on the regiekit server's own pages. */
export interface ConsentMessages {
  question: (consumer: string) => string;
  purposeTitle: string;
  fieldsTitle: string;
  fieldsFrom: (serviceTitle: string) => string;
  sourcesTitle: string;
  sourcesHint: string;
  noSources: string;
  chooseSource: string;
  durationTitle: string;
  untilLabel: string;
  modeLabel: string;
  mode: Record<ServiceMode, string>;
  revokeAnyTime: string;
  give: string;
  done: string;

  overviewTitle: string;
  overviewIntro: string;
  signedOutIntro: string;
  activeTitle: string;
  noActive: string;
  endedTitle: string;
  showEnded: (count: number) => string;
  serviceFrom: (serviceTitle: string, providers: string) => string;
  stateLabel: string;
  state: Record<ConsentState, string>;
  useTitle: string;
  useWhen: string;
  useProvider: string;
  useOutcomeLabel: string;
  useOutcome: Record<UseLogEntry['outcome'], string>;
  notUsed: string;
  /** The receipt in words, to read and print, on its own page. */
  viewReceipt: string;
  downloadReceipt: string;
  receiptDownloaded: string;
  noReceipt: string;
  revoke: string;
  revokeTitle: (consumer: string) => string;
  revokeExplanation: (consumer: string) => string;
  revokeConfirm: string;
  revoked: (consumer: string) => string;
  accountLink: string;
}

const nl: ConsentMessages = {
  question: (consumer) => `${consumer} vraagt uw toestemming`,
  purposeTitle: 'Waarvoor',
  fieldsTitle: 'Welke gegevens',
  fieldsFrom: (serviceTitle) => `Uit ${serviceTitle}:`,
  sourcesTitle: 'Van wie',
  sourcesHint: 'Vink uit wie deze gegevens niet mag geven.',
  noSources: 'U heeft geen koppeling met een organisatie die deze gegevens kan geven. U kunt alleen weigeren.',
  chooseSource: 'Kies ten minste één organisatie.',
  durationTitle: 'Hoe lang',
  untilLabel: 'Tot wanneer',
  modeLabel: 'Hoe vaak',
  mode: { 'one-off': 'Eenmalig', recurring: 'Doorlopend, tot u intrekt' },
  revokeAnyTime: 'U kunt uw toestemming altijd intrekken op de pagina Uw toestemmingen.',
  give: 'Toestemming geven met passkey',
  done: 'Klaar. U kunt dit venster sluiten.',

  overviewTitle: 'Uw toestemmingen',
  overviewIntro: 'Hier ziet u wie met uw toestemming gegevens mag ophalen, en wanneer dat is gebeurd.',
  signedOutIntro: 'Log in met uw passkey om te zien aan wie u toestemming heeft gegeven.',
  activeTitle: 'Lopende toestemmingen',
  noActive: 'U heeft geen lopende toestemmingen.',
  endedTitle: 'Beëindigde toestemmingen',
  showEnded: (count) => (count === 1 ? 'Toon 1 beëindigde toestemming' : `Toon ${count} beëindigde toestemmingen`),
  serviceFrom: (serviceTitle, providers) => `${serviceTitle} van ${providers}`,
  stateLabel: 'Status',
  state: {
    requested: 'Toestemming gevraagd',
    accepted: 'Toestemming gegeven',
    rejected: 'Toestemming geweigerd',
    revoked: 'Toestemming ingetrokken',
    expired: 'Toestemming verlopen',
    used: 'Toestemming gebruikt',
  },
  useTitle: 'Gebruik',
  useWhen: 'Wanneer',
  useProvider: 'Van wie',
  useOutcomeLabel: 'Resultaat',
  useOutcome: { ok: 'Gegevens gedeeld', refused: 'Geweigerd', 'provider-error': 'Mislukt (storing)' },
  notUsed: 'Nog niet gebruikt.',
  viewReceipt: 'Ontvangstbewijs bekijken',
  downloadReceipt: 'Ondertekend bewijs als bestand',
  receiptDownloaded: 'Het ontvangstbewijs is gedownload.',
  noReceipt: 'Er is geen ontvangstbewijs voor deze toestemming.',
  revoke: 'Toestemming intrekken',
  revokeTitle: (consumer) => `Toestemming voor ${consumer} intrekken?`,
  revokeExplanation: (consumer) =>
    `${consumer} kan dan met deze toestemming geen gegevens meer ophalen. Wat al is gedeeld, blijft bij ${consumer}.`,
  revokeConfirm: 'Intrekken',
  revoked: (consumer) => `De toestemming voor ${consumer} is ingetrokken.`,
  accountLink: 'Naar uw regie-account',
};

const en: ConsentMessages = {
  question: (consumer) => `${consumer} asks for your consent`,
  purposeTitle: 'What for',
  fieldsTitle: 'Which data',
  fieldsFrom: (serviceTitle) => `From ${serviceTitle}:`,
  sourcesTitle: 'From whom',
  sourcesHint: 'Untick whoever may not give this data.',
  noSources: 'You have no connection with an organisation that can give this data. You can only refuse.',
  chooseSource: 'Choose at least one organisation.',
  durationTitle: 'How long',
  untilLabel: 'Until',
  modeLabel: 'How often',
  mode: { 'one-off': 'One-off', recurring: 'Recurring, until you revoke' },
  revokeAnyTime: 'You can revoke your consent at any time on the page Your consents.',
  give: 'Give consent with passkey',
  done: 'Done. You can close this window.',

  overviewTitle: 'Your consents',
  overviewIntro: 'Here you see who may fetch data with your consent, and when they did.',
  signedOutIntro: 'Sign in with your passkey to see whom you gave your consent.',
  activeTitle: 'Current consents',
  noActive: 'You have no current consents.',
  endedTitle: 'Ended consents',
  showEnded: (count) => (count === 1 ? 'Show 1 ended consent' : `Show ${count} ended consents`),
  serviceFrom: (serviceTitle, providers) => `${serviceTitle} from ${providers}`,
  stateLabel: 'Status',
  state: {
    requested: 'Consent asked',
    accepted: 'Consent given',
    rejected: 'Consent refused',
    revoked: 'Consent revoked',
    expired: 'Consent expired',
    used: 'Consent used',
  },
  useTitle: 'Use',
  useWhen: 'When',
  useProvider: 'From whom',
  useOutcomeLabel: 'Result',
  useOutcome: { ok: 'Data shared', refused: 'Refused', 'provider-error': 'Failed (outage)' },
  notUsed: 'Not used yet.',
  viewReceipt: 'View receipt',
  downloadReceipt: 'Signed receipt as a file',
  receiptDownloaded: 'The receipt has been downloaded.',
  noReceipt: 'There is no receipt for this consent.',
  revoke: 'Revoke consent',
  revokeTitle: (consumer) => `Revoke the consent for ${consumer}?`,
  revokeExplanation: (consumer) =>
    `${consumer} can then no longer fetch data with this consent. What has been shared stays with ${consumer}.`,
  revokeConfirm: 'Revoke',
  revoked: (consumer) => `The consent for ${consumer} has been revoked.`,
  accountLink: 'To your regie account',
};

export const consentMessages: Record<Language, ConsentMessages> = { nl, en };
