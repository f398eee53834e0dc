import type { Language } from '../language.js';

export interface AccountPageMessages {
  loading: string;
  confirmWithPasskey: string;
  newAccountWithPasskey: string;
  refuse: string;
  signIn: string;
  addPasskey: string;
  signOut: string;
  endConnection: string;
  followBrowser: string;
  redirecting: string;

  signInQuestion: (consumer: string) => string;
  signInDetail: (consumer: string) => string;
  connectStartQuestion: (consumer: string, provider: string) => string;
  connectStartDetail: (provider: string) => string;
  connectFinishQuestion: (provider: string) => string;
  connectFinishDetail: string;
  newAccountHint: string;

  scanQuestion: (provider: string) => string;
  scanWarning: (provider: string) => string;
  codeTitle: string;
  typeCode: (provider: string) => string;
  connectedWith: (provider: string) => string;
  /** On the device of the portal itself: back to where the code is typed, or where the portal waits. */
  backToPortal: (provider: string) => string;
  toAccount: string;
  closeWhenDone: string;
  refused: string;
  missingToken: string;
  invalidToken: string;
  expiredToken: string;
  usedToken: string;
  scanFailed: string;

  accountTitle: string;
  privacy: string;
  signedOutIntro: string;
  passkeysTitle: string;
  passkey: (created: string, lastUsed: string | undefined) => string;
  /** "Chrome op Linux", or whichever part is known. */
  madeWith: (browser: string | undefined, system: string | undefined) => string;
  synced: string;
  oneDevice: string;
  currentPasskey: string;
  connectionsTitle: string;
  connectedSince: (date: string) => string;
  noConnections: string;
  endTitle: (provider: string) => string;
  endExplanation: (provider: string) => string;
  endConfirm: string;
  cancel: string;
  ended: (provider: string) => string;
  signedIn: string;
  signedOut: string;
  passkeyAdded: string;

  errors: {
    cancelled: string;
    unsupported: string;
    alreadyRegistered: string;
    passkeyFailed: string;
    wrongAccount: (consumer: string | undefined) => string;
    wrongSession: string;
    expired: string;
    tooManyAttempts: string;
    network: string;
    generic: string;
  };
}

const nl: AccountPageMessages = {
  loading: 'Laden…',
  confirmWithPasskey: 'Bevestigen met passkey',
  newAccountWithPasskey: 'Nieuw account met passkey',
  refuse: 'Weigeren',
  signIn: 'Inloggen met passkey',
  addPasskey: 'Passkey toevoegen',
  signOut: 'Uitloggen',
  endConnection: 'Koppeling beëindigen',
  followBrowser: 'Volg de stappen van uw browser om uw passkey te gebruiken.',
  redirecting: 'U wordt doorgestuurd…',

  signInQuestion: (consumer) => `${consumer} vraagt u in te loggen met uw regie-account.`,
  signInDetail: (consumer) => `${consumer} krijgt alleen een pseudoniem te zien, niet uw naam of BSN.`,
  connectStartQuestion: (consumer, provider) =>
    `${consumer} wil uw klantaccount bij ${provider} koppelen aan uw regie-account.`,
  connectStartDetail: (provider) => `Als u bevestigt, gaat u naar ${provider} om daar in te loggen.`,
  connectFinishQuestion: (provider) => `Rond de koppeling met ${provider} af.`,
  connectFinishDetail: 'Bevestig met dezelfde passkey als waarmee u de koppeling bent begonnen.',
  newAccountHint: 'Nog geen regie-account? Maak er een met een passkey op dit apparaat.',

  scanQuestion: (provider) => `${provider} wil uw klantaccount koppelen aan uw regie-account.`,
  scanWarning: (provider) =>
    `Ga alleen verder als u zelf net bij ${provider} bent ingelogd en daar deze QR-code heeft gescand.`,
  codeTitle: 'Uw bevestigingscode',
  typeCode: (provider) => `Typ deze code in het portaal van ${provider}.`,
  connectedWith: (provider) => `Gekoppeld met ${provider}.`,
  backToPortal: (provider) => `Terug naar ${provider}`,
  toAccount: 'Naar uw regie-account',
  closeWhenDone: 'U kunt dit venster nu sluiten.',
  refused: 'U heeft geweigerd. Er is niets gekoppeld.',
  missingToken: 'Deze pagina is geopend zonder koppelcode. Scan de QR-code in het portaal opnieuw.',
  invalidToken: 'Deze koppelcode is niet geldig. Vraag in het portaal een nieuwe code aan.',
  expiredToken: 'Deze koppelcode is verlopen. Vraag in het portaal een nieuwe code aan.',
  usedToken: 'Deze koppelcode is al gebruikt. Vraag in het portaal een nieuwe code aan.',
  scanFailed: 'Koppelen is niet gelukt. Vraag in het portaal een nieuwe code aan.',

  accountTitle: 'Uw regie-account',
  privacy:
    'Uw regie-account bevat geen naam, BSN of e-mailadres maar alleen uw passkeys, dus als u al uw passkeys kwijtraakt, maakt u een nieuw account.',
  signedOutIntro: 'Log in met uw passkey om uw koppelingen te zien, of maak een nieuw account.',
  passkeysTitle: 'Passkeys',
  passkey: (created, lastUsed) =>
    lastUsed
      ? `Aangemaakt op ${created}, laatst gebruikt op ${lastUsed}.`
      : `Aangemaakt op ${created}, nog niet gebruikt.`,
  madeWith: (browser, system) => (browser && system ? `${browser} op ${system}` : (browser ?? system ?? 'Passkey')),
  synced: 'ook op uw andere apparaten',
  oneDevice: 'alleen op het apparaat waar hij is gemaakt',
  currentPasskey: 'Hiermee bent u nu ingelogd.',
  connectionsTitle: 'Koppelingen',
  connectedSince: (date) => `Gekoppeld sinds ${date}.`,
  noConnections: 'U heeft nog geen koppelingen.',
  endTitle: (provider) => `Koppeling met ${provider} beëindigen?`,
  endExplanation: (provider) =>
    `Via deze koppeling worden dan geen gegevens van ${provider} meer gedeeld, en elke toestemming die deze koppeling gebruikt, wordt ingetrokken. U kunt later opnieuw koppelen.`,
  endConfirm: 'Beëindigen',
  cancel: 'Annuleren',
  ended: (provider) => `De koppeling met ${provider} is beëindigd.`,
  signedIn: 'U bent ingelogd.',
  signedOut: 'U bent uitgelogd.',
  passkeyAdded: 'De passkey is toegevoegd.',

  errors: {
    cancelled: 'U heeft de passkey niet gebruikt. Probeer het opnieuw als u wilt.',
    unsupported: 'Deze browser kan geen passkeys gebruiken. Gebruik een recente browser.',
    alreadyRegistered: 'Deze passkey hoort al bij uw account.',
    passkeyFailed: 'De passkey kon niet worden gebruikt. Probeer het opnieuw.',
    wrongAccount: (consumer) =>
      consumer
        ? `Deze passkey hoort bij een ander regie-account dan het account dat u bij ${consumer} gebruikt. Kies de passkey waarmee u bij ${consumer} inlogt.`
        : 'Deze passkey hoort bij een ander regie-account.',
    wrongSession: 'Rond dit af in de browser waarin u bent begonnen.',
    expired: 'Deze aanvraag is verlopen. Begin opnieuw.',
    tooManyAttempts: 'Te veel pogingen. Wacht een paar minuten en probeer het opnieuw.',
    network: 'Er is geen verbinding. Controleer uw internet en probeer het opnieuw.',
    generic: 'Er ging iets mis. Probeer het later opnieuw.',
  },
};

const en: AccountPageMessages = {
  loading: 'Loading…',
  confirmWithPasskey: 'Confirm with passkey',
  newAccountWithPasskey: 'New account with passkey',
  refuse: 'Refuse',
  signIn: 'Sign in with passkey',
  addPasskey: 'Add a passkey',
  signOut: 'Sign out',
  endConnection: 'End connection',
  followBrowser: 'Follow the steps of your browser to use your passkey.',
  redirecting: 'Taking you onward…',

  signInQuestion: (consumer) => `${consumer} asks you to sign in with your regie account.`,
  signInDetail: (consumer) => `${consumer} only learns a pseudonym, not your name or BSN.`,
  connectStartQuestion: (consumer, provider) =>
    `${consumer} wants to connect your customer account at ${provider} to your regie account.`,
  connectStartDetail: (provider) => `When you confirm, you go to ${provider} to sign in there.`,
  connectFinishQuestion: (provider) => `Finish the connection with ${provider}.`,
  connectFinishDetail: 'Confirm with the same passkey you started the connection with.',
  newAccountHint: 'No regie account yet? Make one with a passkey on this device.',

  scanQuestion: (provider) => `${provider} wants to connect your customer account to your regie account.`,
  scanWarning: (provider) =>
    `Only go on if you signed in at ${provider} yourself just now and scanned this QR code there.`,
  codeTitle: 'Your confirmation code',
  typeCode: (provider) => `Type this code in the portal of ${provider}.`,
  connectedWith: (provider) => `Connected with ${provider}.`,
  backToPortal: (provider) => `Back to ${provider}`,
  toAccount: 'To your regie account',
  closeWhenDone: 'You may close this window now.',
  refused: 'You refused. Nothing was connected.',
  missingToken: 'This page was opened without a connect code. Scan the QR code in the portal again.',
  invalidToken: 'This connect code is not valid. Ask for a new code in the portal.',
  expiredToken: 'This connect code has expired. Ask for a new code in the portal.',
  usedToken: 'This connect code has already been used. Ask for a new code in the portal.',
  scanFailed: 'Connecting did not work. Ask for a new code in the portal.',

  accountTitle: 'Your regie account',
  privacy:
    'Your regie account holds no name, BSN or e-mail address, only your passkeys, so if you lose every passkey you make a new account.',
  signedOutIntro: 'Sign in with your passkey to see your connections, or make a new account.',
  passkeysTitle: 'Passkeys',
  passkey: (created, lastUsed) =>
    lastUsed ? `Created on ${created}, last used on ${lastUsed}.` : `Created on ${created}, not used yet.`,
  madeWith: (browser, system) => (browser && system ? `${browser} on ${system}` : (browser ?? system ?? 'Passkey')),
  synced: 'also on your other devices',
  oneDevice: 'only on the device it was made on',
  currentPasskey: 'You are signed in with this one.',
  connectionsTitle: 'Connections',
  connectedSince: (date) => `Connected since ${date}.`,
  noConnections: 'You have no connections yet.',
  endTitle: (provider) => `End the connection with ${provider}?`,
  endExplanation: (provider) =>
    `No more data from ${provider} is then shared through this connection, and every consent that uses it is revoked. You can connect again later.`,
  endConfirm: 'End',
  cancel: 'Cancel',
  ended: (provider) => `The connection with ${provider} has ended.`,
  signedIn: 'You are signed in.',
  signedOut: 'You are signed out.',
  passkeyAdded: 'The passkey has been added.',

  errors: {
    cancelled: 'You did not use the passkey. Try again when you like.',
    unsupported: 'This browser cannot use passkeys. Please use a recent browser.',
    alreadyRegistered: 'This passkey already belongs to your account.',
    passkeyFailed: 'The passkey could not be used. Please try again.',
    wrongAccount: (consumer) =>
      consumer
        ? `This passkey belongs to another regie account than the one you use at ${consumer}. Choose the passkey you sign in with at ${consumer}.`
        : 'This passkey belongs to another regie account.',
    wrongSession: 'Finish this in the browser where you started.',
    expired: 'This request has expired. Please start again.',
    tooManyAttempts: 'Too many attempts. Wait a few minutes and try again.',
    network: 'There is no connection. Check your internet and try again.',
    generic: 'Something went wrong. Please try again later.',
  },
};

export const accountPageMessages: Record<Language, AccountPageMessages> = { nl, en };
