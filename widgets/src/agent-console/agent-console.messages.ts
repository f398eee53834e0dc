import type { Language } from '../shared/language.js';

export interface AgentConsoleMessages {
  callers: (count: number) => string;
  noCallers: string;
  name: string;
  bsn: string;
  purpose: string;
  waiting: string;
  status: string;
  actions: string;
  revealBsn: string;
  take: string;
  takenBy: (name: string) => string;
  takenByYou: string;
  end: string;
  externalLink: string;
  opensInNewTab: string;
  unknownName: string;
  connecting: string;
  reconnecting: string;
  newCaller: (name: string) => string;
  callTaken: (name: string, agent: string) => string;
  callEnded: (name: string) => string;
  alreadyTaken: string;
  /** While codes are not resolved (too many wrong ones): why callers arrive unidentified, and until when. */
  resolutionPaused: (until: string) => string;
  /** The number a call came from: the switchboard's word, which can be forged. */
  callerId: (number: string) => string;
  /** The phone in the browser (tenants on Twilio). */
  phone: Record<'connecting' | 'ready' | 'ringing' | 'in-call' | 'unavailable', string>;
  answer: string;
  decline: string;
  hangUp: string;
}

const nl: AgentConsoleMessages = {
  callers: (count) => (count === 1 ? '1 beller' : `${count} bellers`),
  noCallers: 'Er zijn nu geen bellers die zich met Yivi hebben gemeld.',
  name: 'Naam',
  bsn: 'BSN',
  purpose: 'Onderwerp',
  waiting: 'Gemeld',
  status: 'Status',
  actions: 'Acties',
  revealBsn: 'Toon BSN',
  take: 'Opnemen',
  takenBy: (name) => `Opgenomen door ${name}`,
  takenByYou: 'U spreekt deze beller',
  end: 'Beëindigen',
  externalLink: 'Open dossier',
  opensInNewTab: '(opent in een nieuw tabblad)',
  unknownName: 'Naam onbekend',
  connecting: 'Verbinden…',
  reconnecting: 'Verbinding verbroken; opnieuw verbinden…',
  newCaller: (name) => `Nieuwe beller: ${name}`,
  callTaken: (name, agent) => `${name} is opgenomen door ${agent}`,
  callEnded: (name) => `Gesprek met ${name} is beëindigd`,
  alreadyTaken: 'Een collega heeft dit gesprek al opgenomen.',
  resolutionPaused: (until) =>
    `Codes worden tijdelijk niet herkend: te veel foute codes. Bellers komen ongeïdentificeerd in de wachtrij. Tot ${until}.`,
  callerId: (number) => `belt vanaf ${number} (niet gecontroleerd)`,
  phone: {
    connecting: 'Telefoon in de browser: verbinden…',
    ready: 'Telefoon in de browser: klaar. Een gesprek dat u aanneemt, komt hier binnen.',
    ringing: 'Het gesprek dat u aannam, komt binnen.',
    'in-call': 'In gesprek.',
    unavailable: 'Telefoon in de browser: niet beschikbaar. Controleer microfoon en netwerk, of herlaad de pagina.',
  },
  answer: 'Opnemen',
  decline: 'Weigeren',
  hangUp: 'Ophangen',
};

const en: AgentConsoleMessages = {
  callers: (count) => (count === 1 ? '1 caller' : `${count} callers`),
  noCallers: 'No callers who identified with Yivi right now.',
  name: 'Name',
  bsn: 'BSN',
  purpose: 'Subject',
  waiting: 'Identified',
  status: 'Status',
  actions: 'Actions',
  revealBsn: 'Show BSN',
  take: 'Take call',
  takenBy: (name) => `Taken by ${name}`,
  takenByYou: 'You are talking to this caller',
  end: 'End call',
  externalLink: 'Open case file',
  opensInNewTab: '(opens in a new tab)',
  unknownName: 'Name unknown',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost; reconnecting…',
  newCaller: (name) => `New caller: ${name}`,
  callTaken: (name, agent) => `${name} was taken by ${agent}`,
  callEnded: (name) => `Call with ${name} ended`,
  alreadyTaken: 'A colleague already took this call.',
  resolutionPaused: (until) =>
    `Codes are temporarily not recognised: too many wrong codes. Callers join the queue unidentified. Until ${until}.`,
  callerId: (number) => `calling from ${number} (not verified)`,
  phone: {
    connecting: 'Phone in the browser: connecting…',
    ready: 'Phone in the browser: ready. A call you take rings here.',
    ringing: 'The call you took is ringing.',
    'in-call': 'On a call.',
    unavailable: 'Phone in the browser: unavailable. Check microphone and network, or reload the page.',
  },
  answer: 'Answer',
  decline: 'Decline',
  hangUp: 'Hang up',
};

export const agentConsoleMessages: Record<Language, AgentConsoleMessages> = { nl, en };
