import type { Language } from '../shared/language.js';

export interface AgentAdminMessages {
  accounts: string;
  username: string;
  displayName: string;
  role: string;
  roles: { agent: string; admin: string };
  created: string;
  actions: string;
  mustChange: string;
  resetPassword: string;
  delete: string;
  confirmDelete: (username: string) => string;
  newAccount: string;
  password: string;
  passwordRule: string;
  create: string;
  createdAccount: (username: string) => string;
  deletedAccount: (username: string) => string;
  temporaryPassword: (username: string) => string;
  temporaryPasswordHint: (until: string) => string;
}

const nl: AgentAdminMessages = {
  accounts: 'Accounts',
  username: 'Gebruikersnaam',
  displayName: 'Naam',
  role: 'Rol',
  roles: { agent: 'Medewerker', admin: 'Beheerder' },
  created: 'Aangemaakt',
  actions: 'Acties',
  mustChange: 'moet wachtwoord wijzigen',
  resetPassword: 'Wachtwoord resetten',
  delete: 'Verwijderen',
  confirmDelete: (username) => `Account ${username} verwijderen? Open sessies stoppen direct.`,
  newAccount: 'Nieuw account',
  password: 'Wachtwoord',
  passwordRule: 'Minstens 12 tekens; geen veelgebruikt wachtwoord en niet de gebruikersnaam.',
  create: 'Account aanmaken',
  createdAccount: (username) => `Account ${username} is aangemaakt.`,
  deletedAccount: (username) => `Account ${username} is verwijderd.`,
  temporaryPassword: (username) => `Tijdelijk wachtwoord voor ${username}`,
  temporaryPasswordHint: (until) =>
    `Geef dit wachtwoord persoonlijk door. Het werkt tot ${until} en moet bij de eerste keer inloggen worden gewijzigd. Het wordt niet nog eens getoond.`,
};

const en: AgentAdminMessages = {
  accounts: 'Accounts',
  username: 'Username',
  displayName: 'Name',
  role: 'Role',
  roles: { agent: 'Agent', admin: 'Administrator' },
  created: 'Created',
  actions: 'Actions',
  mustChange: 'must change password',
  resetPassword: 'Reset password',
  delete: 'Delete',
  confirmDelete: (username) => `Delete account ${username}? Open sessions stop at once.`,
  newAccount: 'New account',
  password: 'Password',
  passwordRule: 'At least 12 characters; not a common password and not the username.',
  create: 'Create account',
  createdAccount: (username) => `Account ${username} was created.`,
  deletedAccount: (username) => `Account ${username} was deleted.`,
  temporaryPassword: (username) => `Temporary password for ${username}`,
  temporaryPasswordHint: (until) =>
    `Hand this password over in person. It works until ${until} and must be changed at first sign-in. It will not be shown again.`,
};

export const agentAdminMessages: Record<Language, AgentAdminMessages> = { nl, en };
