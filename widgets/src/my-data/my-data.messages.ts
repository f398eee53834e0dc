import type { CorrectionState, LegalBasis } from '@regiekit/sdk/protocol';
import type { Language } from '../shared/language.js';

export interface MyDataMessages {
  loading: string;
  title: (company: string) => string;
  intro: (company: string) => string;
  signedOn: (date: string) => string;
  download: string;
  downloading: string;
  downloaded: string;
  noticeTitle: string;
  purposes: string;
  basis: string;
  basisText: Record<LegalBasis, string>;
  recipients: string;
  retention: string;
  source: string;
  automated: string;
  noAutomated: string;
  empty: string;
  showAll: (count: number) => string;
  correct: string;
  forward: string;
  correctionTitle: (category: string) => string;
  fieldToCorrect: string;
  currentValue: (value: string) => string;
  newValue: string;
  reason: string;
  reasonHint: string;
  forwardTitle: (category: string) => string;
  recipient: string;
  fieldsToSend: string;
  fieldsHint: string;
  chooseRecipient: string;
  chooseField: string;
  fillIn: string;
  continueWithPasskey: string;
  cancel: string;
  windowBlocked: string;
  openWindow: string;
  waitingForPasskey: string;
  correctionSent: string;
  forwardSent: (recipient: string) => string;
  toWallet: string;
  toWalletHint: string;
  makeWalletCode: string;
  walletTitle: string;
  walletPin: string;
  walletOpen: string;
  walletExpires: (time: string) => string;
  walletReady: string;
  done: string;
  notSent: string;
  correctionsTitle: string;
  state: Record<CorrectionState, string>;
  sentOn: (date: string) => string;
  answerBy: (date: string) => string;
  companyAnswer: string;
  overdueAdvice: (company: string) => string;
  rights: string;
  expired: string;
  reload: string;
}

const nl: MyDataMessages = {
  loading: 'Uw gegevens worden geladen…',
  title: (company) => `Uw gegevens bij ${company}`,
  intro: (company) =>
    `Dit is wat ${company} over u bewaart, en waarom. ${company} heeft het ondertekend: wie het van u krijgt, kan controleren dat het klopt.`,
  signedOn: (date) => `Ondertekend op ${date}`,
  download: 'Alles downloaden',
  downloading: 'Bestand wordt gemaakt…',
  downloaded: 'Het bestand met al uw gegevens is gedownload.',
  noticeTitle: 'Waarom en hoe lang',
  purposes: 'Waarvoor',
  basis: 'Grondslag',
  basisText: {
    consent: 'Uw toestemming',
    contract: 'Uw contract',
    'legal-obligation': 'Een wettelijke plicht',
    'vital-interests': 'Een vitaal belang',
    'public-task': 'Een publieke taak',
    'legitimate-interests': 'Een gerechtvaardigd belang',
  },
  recipients: 'Wie het ontvangt',
  retention: 'Hoe lang het bewaard wordt',
  source: 'Waar het vandaan komt',
  automated: 'Geautomatiseerde besluiten',
  noAutomated: 'Geen',
  empty: '(leeg)',
  showAll: (count) => `Toon alle ${count} regels`,
  correct: 'Correctie vragen',
  forward: 'Doorsturen',
  correctionTitle: (category) => `Correctie vragen: ${category}`,
  fieldToCorrect: 'Welk gegeven klopt niet?',
  currentValue: (value) => `Nu: ${value}`,
  newValue: 'Wat zou het moeten zijn?',
  reason: 'Waarom klopt het niet?',
  reasonHint: 'Het bedrijf leest dit bij uw verzoek.',
  forwardTitle: (category) => `Doorsturen: ${category}`,
  recipient: 'Aan wie?',
  fieldsToSend: 'Welke gegevens gaan mee?',
  fieldsHint: 'Alleen wat u aanvinkt gaat mee, ondertekend door het bedrijf.',
  chooseRecipient: 'Kies aan wie u het stuurt.',
  chooseField: 'Vink ten minste één gegeven aan.',
  fillIn: 'Vul dit in.',
  continueWithPasskey: 'Verder, bevestigen met passkey',
  cancel: 'Annuleren',
  windowBlocked: 'Uw browser hield het venster tegen. Open het met de link.',
  openWindow: 'Bevestigingsvenster openen',
  waitingForPasskey: 'Bevestig het in het andere venster met uw passkey.',
  correctionSent: 'Uw correctieverzoek is verstuurd.',
  forwardSent: (recipient) => `Uw gegevens staan klaar voor ${recipient}.`,
  toWallet: 'Mijn eigen wallet',
  toWalletHint: 'Een app op uw telefoon die ondertekende gegevens voor u bewaart (OpenID4VCI), zoals een EUDI-wallet.',
  makeWalletCode: 'Code voor mijn wallet maken',
  walletTitle: 'Scan deze code met uw wallet-app',
  walletPin: 'Pincode voor de wallet',
  walletOpen: 'Openen in een wallet-app op dit apparaat',
  walletExpires: (time) => `De code werkt één keer, tot ${time}. Laat de pincode aan niemand zien.`,
  walletReady: 'De code voor uw wallet staat klaar.',
  done: 'Klaar',
  notSent: 'Niet verstuurd.',
  correctionsTitle: 'Uw correctieverzoeken',
  state: {
    submitted: 'Verstuurd, wacht op antwoord',
    extended: 'Het bedrijf neemt meer tijd',
    accepted: 'Verbeterd',
    refused: 'Geweigerd',
    overdue: 'Niet op tijd beantwoord',
  },
  sentOn: (date) => `Verstuurd op ${date}`,
  answerBy: (date) => `Antwoord uiterlijk ${date}`,
  companyAnswer: 'Antwoord van het bedrijf',
  overdueAdvice: (company) =>
    `${company} heeft niet op tijd geantwoord. U kunt een klacht indienen bij de Autoriteit Persoonsgegevens.`,
  rights:
    'U mag uw gegevens inzien, laten verbeteren of wissen, de verwerking laten beperken en bezwaar maken. Komt u er met het bedrijf niet uit, dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.',
  expired: 'Deze weergave is verlopen.',
  reload: 'Laad de pagina opnieuw om uw gegevens weer te zien.',
};

const en: MyDataMessages = {
  loading: 'Loading your data…',
  title: (company) => `Your data at ${company}`,
  intro: (company) =>
    `This is what ${company} keeps about you, and why. ${company} signed it: whoever you give it to can check that it is right.`,
  signedOn: (date) => `Signed on ${date}`,
  download: 'Download everything',
  downloading: 'Making the file…',
  downloaded: 'The file with all your data has been downloaded.',
  noticeTitle: 'Why and for how long',
  purposes: 'What for',
  basis: 'Legal basis',
  basisText: {
    consent: 'Your consent',
    contract: 'Your contract',
    'legal-obligation': 'A legal obligation',
    'vital-interests': 'A vital interest',
    'public-task': 'A public task',
    'legitimate-interests': 'A legitimate interest',
  },
  recipients: 'Who receives it',
  retention: 'How long it is kept',
  source: 'Where it came from',
  automated: 'Automated decisions',
  noAutomated: 'None',
  empty: '(empty)',
  showAll: (count) => `Show all ${count} lines`,
  correct: 'Ask for a correction',
  forward: 'Forward',
  correctionTitle: (category) => `Ask for a correction: ${category}`,
  fieldToCorrect: 'Which item is wrong?',
  currentValue: (value) => `Now: ${value}`,
  newValue: 'What should it be?',
  reason: 'Why is it wrong?',
  reasonHint: 'The company reads this with your request.',
  forwardTitle: (category) => `Forward: ${category}`,
  recipient: 'To whom?',
  fieldsToSend: 'Which items go?',
  fieldsHint: 'Only what you tick goes, signed by the company.',
  chooseRecipient: 'Choose whom to send it to.',
  chooseField: 'Tick at least one item.',
  fillIn: 'Fill this in.',
  continueWithPasskey: 'Continue, confirm with passkey',
  cancel: 'Cancel',
  windowBlocked: 'Your browser blocked the window. Open it with the link.',
  openWindow: 'Open the confirmation window',
  waitingForPasskey: 'Confirm it in the other window with your passkey.',
  correctionSent: 'Your request for a correction has been sent.',
  forwardSent: (recipient) => `Your data is ready for ${recipient}.`,
  toWallet: 'My own wallet',
  toWalletHint: 'An app on your phone that keeps signed data for you (OpenID4VCI), such as an EUDI wallet.',
  makeWalletCode: 'Make a code for my wallet',
  walletTitle: 'Scan this code with your wallet app',
  walletPin: 'PIN for the wallet',
  walletOpen: 'Open in a wallet app on this device',
  walletExpires: (time) => `The code works once, until ${time}. Show the PIN to nobody.`,
  walletReady: 'The code for your wallet is ready.',
  done: 'Done',
  notSent: 'Not sent.',
  correctionsTitle: 'Your requests for correction',
  state: {
    submitted: 'Sent, waiting for an answer',
    extended: 'The company takes more time',
    accepted: 'Corrected',
    refused: 'Refused',
    overdue: 'Not answered in time',
  },
  sentOn: (date) => `Sent on ${date}`,
  answerBy: (date) => `Answer by ${date}`,
  companyAnswer: "The company's answer",
  overdueAdvice: (company) =>
    `${company} did not answer in time. You can complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).`,
  rights:
    'You may see your data, have it corrected or erased, restrict its processing and object to it. If you cannot settle it with the company, you can complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).',
  expired: 'This view has expired.',
  reload: 'Reload the page to see your data again.',
};

export const myDataMessages: Record<Language, MyDataMessages> = { nl, en };
