import type { AuditEventType } from '@regiekit/sdk/protocol';
import type { Language } from '../shared/language.js';

export interface AuditLogMessages {
  audit: string;
  at: string;
  event: string;
  actor: string;
  subject: string;
  detail: string;
  /** What happened, per event type: the log speaks the reader's language, not the server's codes. */
  events: Record<AuditEventType, string>;
  /** Actors that are not staff accounts. */
  actors: Record<'system' | 'switchboard' | 'cli', string>;
  /** The details the server writes, as a reader would say them; anything else is shown as it is. */
  details: Record<string, string>;
  call: (callId: string) => string;
  account: (name: string, username: string) => string;
}

const nl: AuditLogMessages = {
  audit: 'Logboek',
  at: 'Tijd',
  event: 'Gebeurtenis',
  actor: 'Door',
  subject: 'Betreft',
  detail: 'Toelichting',
  events: {
    'login.succeeded': 'Ingelogd',
    'login.failed': 'Inloggen mislukt',
    logout: 'Uitgelogd',
    'password.changed': 'Wachtwoord gewijzigd',
    'call.shown': 'Beller getoond',
    'bsn.revealed': 'BSN bekeken',
    'external-link.opened': 'Dossier geopend',
    'call.taken': 'Gesprek opgenomen',
    'call.ended': 'Gesprek beëindigd',
    'call.data-deleted': 'Gegevens van beller verwijderd',
    'agent.created': 'Account aangemaakt',
    'agent.deleted': 'Account verwijderd',
    'agent.password-reset': 'Wachtwoord gereset',
  },
  actors: { system: 'Systeem', switchboard: 'Telefooncentrale', cli: 'Opdrachtregel (create-admin)' },
  details: {
    'role admin': 'rol: beheerder',
    'role agent': 'rol: medewerker',
    'wrong password': 'wachtwoord onjuist',
    locked: 'account tijdelijk geblokkeerd',
    'temporary password expired': 'tijdelijk wachtwoord verlopen',
    'unknown account': 'onbekende gebruikersnaam',
    'ended by agent': 'beëindigd door medewerker',
    'end event': 'opgehangen (melding van de telefooncentrale)',
    'retention time reached': 'bewaartermijn verstreken',
  },
  call: (callId) => `gesprek ${callId}`,
  account: (name, username) => `${name} (${username})`,
};

const en: AuditLogMessages = {
  audit: 'Audit log',
  at: 'Time',
  event: 'Event',
  actor: 'By',
  subject: 'Subject',
  detail: 'Detail',
  events: {
    'login.succeeded': 'Signed in',
    'login.failed': 'Sign-in failed',
    logout: 'Signed out',
    'password.changed': 'Password changed',
    'call.shown': 'Caller shown',
    'bsn.revealed': 'BSN revealed',
    'external-link.opened': 'Case file opened',
    'call.taken': 'Call taken',
    'call.ended': 'Call ended',
    'call.data-deleted': "Caller's data deleted",
    'agent.created': 'Account created',
    'agent.deleted': 'Account deleted',
    'agent.password-reset': 'Password reset',
  },
  actors: { system: 'System', switchboard: 'Switchboard', cli: 'Command line (create-admin)' },
  details: {
    'role admin': 'role: administrator',
    'role agent': 'role: agent',
    'wrong password': 'wrong password',
    locked: 'account temporarily locked',
    'temporary password expired': 'temporary password expired',
    'unknown account': 'unknown username',
    'ended by agent': 'ended by an agent',
    'end event': 'hung up (reported by the switchboard)',
    'retention time reached': 'retention time reached',
  },
  call: (callId) => `call ${callId}`,
  account: (name, username) => `${name} (${username})`,
};

export const auditLogMessages: Record<Language, AuditLogMessages> = { nl, en };
