import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../define/agent-admin.js';
import { AGENT_ID, fakeServer, sessionInfo } from '../testing/fake-server.js';
import { axeViolations, polyfillDialog } from '../testing/test-support.js';

beforeAll(polyfillDialog);
afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
  vi.unstubAllGlobals();
});

const AGENTS = [
  {
    agentId: AGENT_ID,
    username: 'anna',
    displayName: 'Anna Jansen',
    role: 'admin',
    createdAt: '2026-11-23T10:00:00.000Z',
    mustChangePassword: false,
  },
  {
    agentId: 'bramAAAAAAAAAAAAAAAAAA',
    username: 'bram',
    displayName: 'Bram',
    role: 'agent',
    createdAt: '2026-11-23T10:05:00.000Z',
    mustChangePassword: true,
  },
];

/** Newest first, as the server sends them: names of accounts next to usernames, calls by id only. */
const AUDIT = [
  {
    seq: 4,
    at: '2026-11-23T10:20:00.000Z',
    type: 'call.data-deleted',
    actor: 'system',
    subject: 'callAAAAAAAAAAAAAAAAAA',
    detail: 'retention time reached',
  },
  {
    seq: 3,
    at: '2026-11-23T10:15:00.000Z',
    type: 'agent.password-reset',
    actor: 'anna',
    actorName: 'Anna Jansen',
    subject: 'bram',
    subjectName: 'Bram',
  },
  {
    seq: 2,
    at: '2026-11-23T10:10:00.000Z',
    type: 'agent.deleted',
    actor: 'anna',
    actorName: 'Anna Jansen',
    subject: 'carla',
  },
  { seq: 1, at: '2026-11-23T10:00:00.000Z', type: 'login.succeeded', actor: 'anna', actorName: 'Anna Jansen' },
];

async function mount(lang = 'nl') {
  const server = fakeServer({
    'GET /api/v1/nijmegen/auth/session': () => ({ status: 200, body: sessionInfo('admin') }),
    'GET /api/v1/nijmegen/admin/agents': () => ({ status: 200, body: { agents: AGENTS } }),
    'GET /api/v1/nijmegen/admin/audit': () => ({ status: 200, body: { entries: AUDIT } }),
    'POST /api/v1/nijmegen/admin/agents/bramAAAAAAAAAAAAAAAAAA/password-reset': () => ({
      status: 200,
      body: { temporaryPassword: 'abcde-fghij-klmno-pqrst', expiresAt: '2026-11-24T10:00:00.000Z' },
    }),
    'POST /api/v1/nijmegen/admin/agents': () => ({
      status: 400,
      body: { error: { code: 'validation_failed', message: 'This password is too common; choose another.' } },
    }),
  });
  vi.stubGlobal('fetch', server.fetch);
  document.documentElement.lang = lang;
  document.body.innerHTML = '<regie-agent-admin server="https://bellen.example" tenant="nijmegen"></regie-agent-admin>';
  const element = document.querySelector('regie-agent-admin')!;
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await element.updateComplete;
    }
  };
  await settle();
  return { element, root: element.shadowRoot!, server, settle };
}

describe('<regie-agent-admin>', () => {
  it('lists accounts (no actions on one’s own) and the audit log, accessibly', async () => {
    const { root } = await mount();
    const rows = [...root.querySelectorAll('table')[0]!.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('th')!.textContent)).toEqual(['anna', 'bram']);
    expect(rows[0]!.querySelectorAll('button')).toHaveLength(0);
    expect([...rows[1]!.querySelectorAll('button')].map((b) => b.textContent!.trim())).toEqual([
      'Wachtwoord resetten: bram',
      'Verwijderen: bram',
    ]);
    expect(rows[1]!.textContent).toContain('moet wachtwoord wijzigen');
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
  });

  it('says each audit event in the reader’s language and names the accounts, not their ids', async () => {
    const { element, root, settle } = await mount();
    const cells = () =>
      [...root.querySelectorAll('table')[1]!.querySelectorAll('tbody tr')].map((row) =>
        [...row.querySelectorAll('td')].slice(1).map((td) => td.textContent),
      );
    expect(cells()).toEqual([
      ['Gegevens van beller verwijderd', 'Systeem', 'gesprek callAAAAAAAAAAAAAAAAAA', 'bewaartermijn verstreken'],
      ['Wachtwoord gereset', 'Anna Jansen (anna)', 'Bram (bram)', ''],
      ['Account verwijderd', 'Anna Jansen (anna)', 'carla', ''],
      ['Ingelogd', 'Anna Jansen (anna)', '', ''],
    ]);
    expect(root.querySelector('table')!.closest('[role="region"]')!.getAttribute('tabindex')).toBe('0');
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
    document.documentElement.lang = 'en';
    await settle();
    expect(cells()[0]).toEqual([
      "Caller's data deleted",
      'System',
      'call callAAAAAAAAAAAAAAAAAA',
      'retention time reached',
    ]);
    expect(cells()[1]!.slice(0, 2)).toEqual(['Password reset', 'Anna Jansen (anna)']);
    expect(await axeViolations(element.shadowRoot as unknown as Element)).toEqual([]);
  });

  it('shows a temporary password once, with focus on it', async () => {
    const { root, settle } = await mount();
    [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('resetten'))!.click();
    await settle();
    expect(root.querySelector('.temporary')!.textContent).toBe('abcde-fghij-klmno-pqrst');
    expect(root.activeElement?.id).toBe('temporary-title');
  });

  it('shows why the server refused a new account, in its own words', async () => {
    const { root, settle, server } = await mount();
    const form = root.querySelector('form')!;
    (form.querySelector('#new-username') as HTMLInputElement).value = 'carla';
    (form.querySelector('#new-name') as HTMLInputElement).value = 'Carla';
    (form.querySelector('#new-password') as HTMLInputElement).value = 'wachtwoord123';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    // The server's message is English; a Dutch page says it in Dutch, and follows a change of language.
    expect(root.querySelector('[role="alert"]')!.textContent).toBe(
      'Dit wachtwoord is niet toegestaan. Kies minstens 12 tekens, geen veelgebruikt wachtwoord, niet de gebruikersnaam en niet het huidige wachtwoord.',
    );
    document.documentElement.lang = 'en';
    await settle();
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('This password is not allowed.');
    const sent = JSON.parse(
      String(server.requests.find((r) => r.key === 'POST /api/v1/nijmegen/admin/agents')!.init!.body),
    );
    expect(sent).toEqual({ username: 'carla', displayName: 'Carla', role: 'agent', password: 'wachtwoord123' });
  });
});
