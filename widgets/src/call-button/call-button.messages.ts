import type { CallErrorReason } from '@regiekit/sdk/call';
import type { Language } from '../shared/language.js';

export interface CallButtonMessages {
  button: string;
  dialogTitle: string;
  close: string;
  loading: string;
  qrInstruction: string;
  qrAlternative: string;
  openAppOnThisDevice: string;
  openAppInstruction: string;
  openApp: string;
  continueInApp: string;
  checking: string;
  readyTitle: string;
  readyInstruction: string;
  phoneNumberLabel: string;
  codeLabel: string;
  callNow: (formattedNumber: string) => string;
  copyCode: string;
  codeCopied: string;
  validUntil: (time: string) => string;
  cancelled: string;
  timedOut: string;
  errors: Record<CallErrorReason, string>;
  retry: string;
}

const nl: CallButtonMessages = {
  button: 'Bellen met Yivi',
  dialogTitle: 'Bellen met Yivi',
  close: 'Sluiten',
  loading: 'Even geduld, we maken het gesprek klaar.',
  qrInstruction: 'Scan deze QR-code met de Yivi-app. Daarna ziet u het nummer en de code om te bellen.',
  qrAlternative: 'QR-code om te scannen met de Yivi-app',
  openAppOnThisDevice: 'Staat de Yivi-app op dit apparaat?',
  openAppInstruction: 'Open de Yivi-app om te laten zien wie u bent. Daarna ziet u het nummer en de code om te bellen.',
  openApp: 'Open de Yivi-app',
  continueInApp: 'Volg de stappen in de Yivi-app.',
  checking: 'We controleren uw gegevens.',
  readyTitle: 'U kunt nu bellen',
  readyInstruction: 'Bel het nummer en toets de code in als daarom gevraagd wordt.',
  phoneNumberLabel: 'Telefoonnummer',
  codeLabel: 'Code',
  callNow: (number) => `Bel ${number} met de code`,
  copyCode: 'Code kopiëren',
  codeCopied: 'De code is gekopieerd.',
  validUntil: (time) => `De code werkt één keer en is geldig tot ${time}.`,
  cancelled: 'U bent gestopt. Er zijn geen gegevens gedeeld.',
  timedOut: 'De tijd is verstreken. Begin opnieuw om te bellen.',
  errors: {
    network: 'Er is geen verbinding. Controleer uw internet en probeer het opnieuw.',
    unreachable:
      'Bellen met Yivi is vanaf deze pagina niet bereikbaar. Probeer het later opnieuw of bel het algemene nummer.',
    unavailable: 'Bellen met Yivi is even niet beschikbaar. Probeer het later opnieuw.',
    rejected: 'Bellen met Yivi is op deze pagina niet goed ingesteld. Bel het algemene nummer.',
    browser: 'Deze browser wordt niet ondersteund. Gebruik een andere browser.',
  },
  retry: 'Opnieuw proberen',
};

const en: CallButtonMessages = {
  button: 'Call with Yivi',
  dialogTitle: 'Call with Yivi',
  close: 'Close',
  loading: 'One moment, we are preparing your call.',
  qrInstruction: 'Scan this QR code with the Yivi app. Then you will see the number and the code to call.',
  qrAlternative: 'QR code to scan with the Yivi app',
  openAppOnThisDevice: 'Is the Yivi app on this device?',
  openAppInstruction: 'Open the Yivi app to show who you are. Then you will see the number and the code to call.',
  openApp: 'Open the Yivi app',
  continueInApp: 'Follow the steps in the Yivi app.',
  checking: 'We are checking your details.',
  readyTitle: 'You can call now',
  readyInstruction: 'Call the number and enter the code when asked.',
  phoneNumberLabel: 'Phone number',
  codeLabel: 'Code',
  callNow: (number) => `Call ${number} with the code`,
  copyCode: 'Copy code',
  codeCopied: 'The code has been copied.',
  validUntil: (time) => `The code works once and is valid until ${time}.`,
  cancelled: 'You stopped. No details were shared.',
  timedOut: 'The time ran out. Start again to call.',
  errors: {
    network: 'There is no connection. Check your internet and try again.',
    unreachable:
      'Calling with Yivi cannot be reached from this page. Please try again later or call the general number.',
    unavailable: 'Calling with Yivi is unavailable right now. Please try again later.',
    rejected: 'Calling with Yivi is not set up correctly on this page. Please call the general number.',
    browser: 'This browser is not supported. Please use another browser.',
  },
  retry: 'Try again',
};

export const callButtonMessages: Record<Language, CallButtonMessages> = { nl, en };
