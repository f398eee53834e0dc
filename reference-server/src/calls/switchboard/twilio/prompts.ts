/** What the phone line says, per configured language. */
export const PROMPTS = {
  'nl-NL': {
    askCode: 'Welkom. Toets de code van tien cijfers die u op het scherm ziet.',
    tryAgain: 'Die code is niet bekend. Probeer het nog een keer.',
    noInput: 'We hoorden geen code. Toets de tien cijfers die op het scherm staan.',
    connecting: 'Dank u. U wordt doorverbonden met een medewerker.',
    unidentified: 'U wordt doorverbonden met een medewerker.',
    goodbye: 'Het is niet gelukt de code te herkennen. Bel ons gerust opnieuw of kies het algemene nummer. Tot ziens.',
  },
  'en-GB': {
    askCode: 'Welcome. Please enter the ten digit code shown on your screen.',
    tryAgain: 'That code is not known. Please try again.',
    noInput: 'We did not hear a code. Please enter the ten digits shown on your screen.',
    connecting: 'Thank you. We are putting you through to an agent.',
    unidentified: 'We are putting you through to an agent.',
    goodbye: 'We could not recognise the code. Please call again or use our general number. Goodbye.',
  },
} as const;
