import type { Language } from '../shared/language.js';

export interface ConsentDialogMessages {
  title: string;
  explanation: string;
  /** The live status, one sentence: what screen readers hear on every change. */
  status: {
    waiting: string;
    blocked: string;
    windowClosed: string;
    failed: string;
  };
  openPage: string;
  /** With `same-window`: decide in this tab instead, and come back here afterwards. */
  continueHere: string;
  cancel: string;
}

const nl: ConsentDialogMessages = {
  title: 'Geef toestemming in het venster van regie',
  explanation:
    'U beslist op de eigen pagina van regie, met uw passkey. Daar ziet u wie wat vraagt en waarvoor. Deze website hoort alleen of u toestemming geeft.',
  status: {
    waiting: 'Wacht op uw beslissing in het venster van regie.',
    blocked: 'Uw browser heeft het venster van regie tegengehouden. Open de toestemmingspagina met de link hieronder.',
    windowClosed: 'Het venster van regie is gesloten. U kunt de toestemmingspagina opnieuw openen.',
    failed: 'Uw toestemming kan niet worden gevolgd. Annuleer en probeer het opnieuw.',
  },
  openPage: 'Open de toestemmingspagina',
  continueHere: 'Verder in dit venster',
  cancel: 'Annuleren',
};

const en: ConsentDialogMessages = {
  title: 'Give your consent in the regie window',
  explanation:
    "You decide on regie's own page, with your passkey. There you see who asks for what, and why. This website only learns whether you give your consent.",
  status: {
    waiting: 'Waiting for your decision in the regie window.',
    blocked: 'Your browser blocked the regie window. Open the consent page with the link below.',
    windowClosed: 'The regie window was closed. You can open the consent page again.',
    failed: 'Your consent cannot be followed. Cancel and try again.',
  },
  openPage: 'Open the consent page',
  continueHere: 'Continue in this window',
  cancel: 'Cancel',
};

export const consentDialogMessages: Record<Language, ConsentDialogMessages> = { nl, en };
