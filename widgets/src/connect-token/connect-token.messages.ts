import type { ConnectTokenStatusName } from '@regiekit/sdk/protocol';
import type { Language } from '../shared/language.js';

export interface ConnectTokenMessages {
  title: string;
  minting: string;
  mintFailed: string;
  qrInstruction: string;
  qrAlternative: string;
  openOnThisDevice: string;
  openLink: string;
  validUntil: (time: string) => string;
  /** The live status, one word or two: what screen readers hear on every change. */
  status: Record<ConnectTokenStatusName, string>;
  scannedInstruction: string;
  codeLabel: string;
  codeHint: string;
  confirm: string;
  wrongCode: (attemptsLeft: number) => string;
  invalidCode: string;
  connectedText: string;
  expiredText: string;
  failedText: string;
  network: string;
  newCode: string;
}

const nl: ConnectTokenMessages = {
  title: 'Koppelen met uw regie-account',
  minting: 'Even geduld, we maken een koppelcode.',
  mintFailed: 'Er kon geen koppelcode worden gemaakt. Probeer het opnieuw.',
  qrInstruction: 'Scan deze QR-code met de camera van uw telefoon om uw klantaccount te koppelen aan uw regie-account.',
  qrAlternative: 'QR-code om uw klantaccount te koppelen, te scannen met de camera van uw telefoon',
  openOnThisDevice: 'Gebruikt u uw regie-account op dit apparaat?',
  openLink: 'Koppelen op dit apparaat',
  validUntil: (time) => `De QR-code is geldig tot ${time}.`,
  status: {
    waiting: 'Wacht op scannen',
    scanned: 'Gescand',
    connected: 'Gekoppeld',
    expired: 'Verlopen',
    failed: 'Mislukt',
  },
  scannedInstruction: 'Uw telefoon toont nu een bevestigingscode van zes tekens. Typ die hieronder.',
  codeLabel: 'Bevestigingscode',
  codeHint: 'Typ de code die uw eigen telefoon toont. Typ nooit een code die iemand anders u geeft.',
  confirm: 'Bevestigen',
  wrongCode: (attemptsLeft) =>
    attemptsLeft > 0
      ? `Deze code klopt niet. U kunt het nog ${attemptsLeft} keer proberen.`
      : 'Deze code klopt niet, en u kunt het niet nog eens proberen.',
  invalidCode: 'Typ de zes letters en cijfers die uw telefoon toont.',
  connectedText: 'Uw klantaccount is gekoppeld aan uw regie-account.',
  expiredText: 'Deze QR-code is verlopen. Vraag een nieuwe code aan.',
  failedText: 'Koppelen is niet gelukt. Vraag een nieuwe code aan en probeer het opnieuw.',
  network: 'Er is geen verbinding. Controleer uw internet en probeer het opnieuw.',
  newCode: 'Nieuwe code',
};

const en: ConnectTokenMessages = {
  title: 'Connect with your regie account',
  minting: 'One moment, we are creating a connect code.',
  mintFailed: 'No connect code could be created. Please try again.',
  qrInstruction:
    'Scan this QR code with the camera of your phone to connect your customer account to your regie account.',
  qrAlternative: 'QR code to connect your customer account, to scan with the camera of your phone',
  openOnThisDevice: 'Do you use your regie account on this device?',
  openLink: 'Connect on this device',
  validUntil: (time) => `The QR code is valid until ${time}.`,
  status: {
    waiting: 'Waiting for the scan',
    scanned: 'Scanned',
    connected: 'Connected',
    expired: 'Expired',
    failed: 'Failed',
  },
  scannedInstruction: 'Your phone now shows a confirmation code of six characters. Type it below.',
  codeLabel: 'Confirmation code',
  codeHint: 'Type the code your own phone shows. Never type a code someone else gives you.',
  confirm: 'Confirm',
  wrongCode: (attemptsLeft) =>
    attemptsLeft === 0
      ? 'This code is not correct, and you cannot try again.'
      : attemptsLeft === 1
        ? 'This code is not correct. You can try 1 more time.'
        : `This code is not correct. You can try ${attemptsLeft} more times.`,
  invalidCode: 'Type the six letters and digits your phone shows.',
  connectedText: 'Your customer account is connected to your regie account.',
  expiredText: 'This QR code has expired. Ask for a new code.',
  failedText: 'Connecting did not work. Ask for a new code and try again.',
  network: 'There is no connection. Check your internet and try again.',
  newCode: 'New code',
};

export const connectTokenMessages: Record<Language, ConnectTokenMessages> = { nl, en };
