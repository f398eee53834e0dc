import type { Language } from './language.js';

export interface StaffMessages {
  organisation: string;
  username: string;
  password: string;
  signIn: string;
  signOut: string;
  signedInAs: (name: string) => string;
  signInFailed: string;
  tooManyAttempts: string;
  sessionEnded: string;
  network: string;
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
  signInFailed: 'Gebruikersnaam of wachtwoord is onjuist.',
  tooManyAttempts: 'Te veel mislukte pogingen. Wacht een paar minuten.',
  sessionEnded: 'Uw sessie is afgelopen. Log opnieuw in.',
  network: 'Geen verbinding met de server.',
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
  signInFailed: 'Username or password is incorrect.',
  tooManyAttempts: 'Too many failed attempts. Wait a few minutes.',
  sessionEnded: 'Your session has ended. Please sign in again.',
  network: 'No connection to the server.',
  changePasswordTitle: 'Choose a new password',
  changePasswordIntro: 'You signed in with a temporary password. Choose your own password first.',
  currentPassword: 'Temporary password',
  newPassword: 'New password',
  passwordRule: 'At least 12 characters; not a common password and not your username.',
  savePassword: 'Save password',
  loading: 'Loading…',
};

export const staffMessages: Record<Language, StaffMessages> = { nl, en };
