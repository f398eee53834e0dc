import type { Language } from './language.js';
import type { StaffErrorKey } from './staff-errors.js';

export interface StaffMessages {
  organisation: string;
  username: string;
  password: string;
  signIn: string;
  signOut: string;
  signedInAs: (name: string) => string;
  /** One sentence per kind of failure, never the server's own (English) message. */
  errors: Record<StaffErrorKey, string>;
  changePasswordTitle: string;
  changePasswordIntro: string;
  currentPassword: string;
  newPassword: string;
  passwordRule: string;
  savePassword: string;
  loading: string;
}

const nl: StaffMessages = {
  organisation: 'Organisatie',
  username: 'Gebruikersnaam',
  password: 'Wachtwoord',
  signIn: 'Inloggen',
  signOut: 'Uitloggen',
  signedInAs: (name) => `Ingelogd als ${name}`,
  errors: {
    network: 'Geen verbinding met de server. Controleer de verbinding en probeer het opnieuw.',
    signInFailed: 'Gebruikersnaam of wachtwoord is onjuist.',
    wrongCurrentPassword: 'Het tijdelijke wachtwoord is onjuist.',
    tooManyAttempts: 'Te veel mislukte pogingen. Wacht een paar minuten.',
    sessionEnded: 'Uw sessie is afgelopen. Log opnieuw in.',
    passwordRejected:
      'Dit wachtwoord is niet toegestaan. Kies minstens 12 tekens, geen veelgebruikt wachtwoord, niet de gebruikersnaam en niet het huidige wachtwoord.',
    usernameInvalid:
      'Deze gebruikersnaam is niet toegestaan. Gebruik 2 tot 64 kleine letters, cijfers, punten, streepjes of liggende streepjes.',
    usernameTaken: 'Deze gebruikersnaam bestaat al. Kies een andere.',
    invalidInput: 'Dit kan zo niet. Controleer wat u hebt ingevuld.',
    conflict: 'Iemand anders heeft dit intussen gewijzigd. Vernieuw de pagina.',
    forbidden: 'U mag dit niet doen met dit account.',
    notFound: 'Dit bestaat niet meer. Vernieuw de pagina.',
    unavailable: 'De server is even niet beschikbaar. Probeer het later opnieuw.',
    unknown: 'Er ging iets mis. Probeer het opnieuw.',
  },
  changePasswordTitle: 'Kies een nieuw wachtwoord',
  changePasswordIntro: 'U bent ingelogd met een tijdelijk wachtwoord. Kies eerst een eigen wachtwoord.',
  currentPassword: 'Tijdelijk wachtwoord',
  newPassword: 'Nieuw wachtwoord',
  passwordRule: 'Minstens 12 tekens; geen veelgebruikt wachtwoord en niet uw gebruikersnaam.',
  savePassword: 'Wachtwoord opslaan',
  loading: 'Laden…',
};

const en: StaffMessages = {
  organisation: 'Organisation',
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signedInAs: (name) => `Signed in as ${name}`,
  errors: {
    network: 'No connection to the server. Check the connection and try again.',
    signInFailed: 'Username or password is incorrect.',
    wrongCurrentPassword: 'The temporary password is incorrect.',
    tooManyAttempts: 'Too many failed attempts. Wait a few minutes.',
    sessionEnded: 'Your session has ended. Please sign in again.',
    passwordRejected:
      'This password is not allowed. Use at least 12 characters, not a common password, not the username and not the current password.',
    usernameInvalid:
      'This username is not allowed. Use 2 to 64 lower-case letters, digits, dots, dashes or underscores.',
    usernameTaken: 'This username already exists. Choose another one.',
    invalidInput: 'That is not possible like this. Check what you entered.',
    conflict: 'Someone else changed this in the meantime. Reload the page.',
    forbidden: 'This account may not do that.',
    notFound: 'This no longer exists. Reload the page.',
    unavailable: 'The server is unavailable right now. Please try again later.',
    unknown: 'Something went wrong. Please try again.',
  },
  changePasswordTitle: 'Choose a new password',
  changePasswordIntro: 'You signed in with a temporary password. Choose your own password first.',
  currentPassword: 'Temporary password',
  newPassword: 'New password',
  passwordRule: 'At least 12 characters; not a common password and not your username.',
  savePassword: 'Save password',
  loading: 'Loading…',
};

export const staffMessages: Record<Language, StaffMessages> = { nl, en };
