import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountView, ConsentState, UserConsent } from '@regiekit/sdk/protocol';
import '../define/consent-overview.js';
import type { RegieConsentOverview } from './consent-overview.js';
import { accountServer, API, errorBody, mountPage, party } from '../testing/account-server.js';
import { axeViolations, polyfillDialog } from '../testing/test-support.js';

const webauthn = vi.hoisted(() => ({ startAuthentication: vi.fn() }));
vi.mock('@simplewebauthn/browser', () => ({
  browserSupportsWebAuthn: () => true,
  startRegistration: vi.fn(),
  startAuthentication: webauthn.startAuthentication,
}));

const APP = party('schuldhulp-app', 'Schuldhulp App', 'Debt Help App');
const BUDGET = party('budget-coach', 'Budgetcoach');
const ENERGIE = party('demo-energie', 'Demo Energie', 'Demo Energy');
const WATER = party('demo-water', 'Demo Water');
const ACCEPTED_ID = 'consAAAAAAAAAAAAAAAAAA';
const EXPIRED_ID = 'consBBBBBBBBBBBBBBBBBB';
const ENERGIE_CONN = 'connEEEEEEEEEEEEEEEEEE';
const RECEIPT = 'eyJhbGciOiJFUzI1NiIsImtpZCI6InJlZ2llIn0.eyJjb25zZW50SWQiOiJjb25zQUFBQSJ9.c2lnbmF0dXJl';

const consent = (consentId: string, state: ConsentState, overrides: Partial<UserConsent> = {}): UserConsent => ({
  consentId,
  state,
  consumer: APP,
  providers: [ENERGIE, WATER],
  serviceTitle: { nl: 'Betalingsachterstanden', en: 'Payments due' },
  purpose: {
    code: 'debt-relief.overview',
    text: { nl: 'Een overzicht van uw schulden maken.', en: 'Make an overview of your debts.' },
  },
  fields: [
    { name: 'amountDue', label: { nl: 'Openstaand bedrag', en: 'Amount due' } },
    { name: 'dueDate', label: { nl: 'Vervaldatum', en: 'Due date' } },
  ],
  mode: 'recurring',
  validUntil: '2027-05-23T10:00:00.000Z',
  decidedAt: '2026-11-20T10:00:00.000Z',
  uses: [
    { at: '2026-11-21T09:30:00.000Z', consumer: APP, provider: ENERGIE, outcome: 'ok' },
    { at: '2026-11-21T09:30:00.000Z', consumer: APP, provider: WATER, outcome: 'provider-error' },
  ],
  ...overrides,
});

/** jsdom's Blob has no text(). */
const readText = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });

beforeAll(polyfillDialog);
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  webauthn.startAuthentication
    .mockReset()
    .mockResolvedValue({ id: 'cred', rawId: 'cred', type: 'public-key', response: {} });
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The server's account and consent API for one user with two consents and two connections. */
function overviewServer(signedIn = true) {
  const consents = [
    consent(EXPIRED_ID, 'expired', { consumer: BUDGET, providers: [WATER], mode: 'one-off', uses: [] }),
    consent(ACCEPTED_ID, 'accepted'),
  ];
  const connections = [
    { connectionId: ENERGIE_CONN, provider: ENERGIE, createdAt: '2026-11-01T10:00:00.000Z' },
    { connectionId: 'connWWWWWWWWWWWWWWWWWW', provider: WATER, createdAt: '2026-11-02T10:00:00.000Z' },
  ];
  const revoke = (id: string) => {
    const found = consents.find((c) => c.consentId === id)!;
    found.state = 'revoked';
  };
  let freshPasskey = false;
  const server = accountServer({
    [`GET ${API}`]: (): { status: number; body: AccountView } => ({
      status: 200,
      body: server.state.signedIn ? { signedIn: true, passkeys: [], connections } : { signedIn: false },
    }),
    [`GET ${API}/consents`]: () =>
      server.state.signedIn ? { status: 200, body: { consents } } : errorBody(401, 'not_signed_in'),
    [`POST ${API}/consents/${ACCEPTED_ID}/revoke`]: () => {
      if (!freshPasskey) return errorBody(401, 'passkey_required');
      revoke(ACCEPTED_ID);
      return { status: 204 };
    },
    [`POST ${API}/connections/${ENERGIE_CONN}/end`]: () => {
      connections.shift();
      revoke(ACCEPTED_ID);
      return { status: 204 };
    },
    [`POST ${API}/sign-in`]: () => {
      server.state.signedIn = true;
      freshPasskey = true;
      return { status: 200, body: { signedIn: true } };
    },
  });
  server.state.signedIn = signedIn;
  return server;
}

async function mount(lang = '') {
  const page = await mountPage<RegieConsentOverview>(
    `<regie-consent-overview tenant="demo"></regie-consent-overview>`,
    lang,
  );
  const text = (node: ParentNode = page.root) => (node as Element).textContent!.replace(/\s+/g, ' ').trim();
  const cards = () => [...page.root.querySelectorAll<HTMLLIElement>('li.consent')];
  const card = (consumer: string) => cards().find((li) => li.querySelector('h4')!.textContent === consumer)!;
  const dialog = (id: string) => page.root.querySelector<HTMLDialogElement>(`#${id}`)!;
  return { ...page, text, cards, card, dialog };
}

describe('<regie-consent-overview>', () => {
  it('asks to sign in with a passkey when nobody is signed in, then lists the consents', async () => {
    const server = overviewServer(false);
    const page = await mount();
    expect(page.heading()).toBe('Uw toestemmingen');
    expect(page.buttons()).toEqual(['Inloggen met passkey']);
    expect(page.root.querySelector('a')!.getAttribute('href')).toBe('/u/demo/account');
    expect(await page.axe()).toEqual([]);

    await page.click('Inloggen met passkey');
    expect(server.keys()).toContain(`POST ${API}/sign-in`);
    expect(page.status()).toBe('U bent ingelogd.');
    expect(page.cards()).toHaveLength(2);
  });

  it('lists current consents first and ended ones collapsed, with what they cover and their use', async () => {
    overviewServer();
    const page = await mount();
    expect(page.heading()).toBe('Uw toestemmingen');
    expect([...page.root.querySelectorAll('h3')].map((h) => h.textContent!.trim())).toEqual([
      'Lopende toestemmingen',
      'Beëindigde toestemmingen',
      'Koppelingen',
    ]);

    const current = page.root.querySelector('section[aria-labelledby="active-title"]')!;
    expect([...current.querySelectorAll('h4')].map((h) => h.textContent)).toEqual(['Schuldhulp App']);
    const accepted = page.card('Schuldhulp App');
    expect(page.text(accepted)).toContain('Betalingsachterstanden van Demo Energie en Demo Water');
    expect(page.text(accepted)).toContain('Een overzicht van uw schulden maken.');
    expect(page.text(accepted)).toContain('Status Toestemming gegeven');
    expect(page.text(accepted)).toContain('Welke gegevens Openstaand bedrag en Vervaldatum');
    expect(page.text(accepted)).toContain('Tot wanneer 23 mei 2027');
    expect(page.text(accepted)).toContain('Hoe vaak Doorlopend, tot u intrekt');
    const table = accepted.querySelector('table')!;
    expect(table.querySelector('caption')!.textContent!.trim()).toBe('Gebruik');
    expect([...table.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Wanneer', 'Van wie', 'Resultaat']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['Demo Energie', 'Gegevens gedeeld'],
      ['Demo Water', 'Mislukt (storing)'],
    ]);
    expect(rows[0]![0]).toContain('21 november 2026');
    expect([...accepted.querySelectorAll('button')].map((b) => b.textContent!.trim())).toEqual([
      'Ondertekend bewijs als bestand',
      'Toestemming intrekken',
    ]);
    const receiptLink = accepted.querySelector<HTMLAnchorElement>('a.action')!;
    expect(receiptLink.textContent).toBe('Ontvangstbewijs bekijken');
    expect(receiptLink.href).toBe(`http://localhost:3000/u/demo/receipts/${ACCEPTED_ID}`);
    expect(receiptLink.getAttribute('aria-describedby')).toBe(accepted.querySelector('h4')!.id);
    for (const button of accepted.querySelectorAll('button'))
      expect(button.getAttribute('aria-describedby')).toBe(accepted.querySelector('h4')!.id);

    const details = page.root.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe('Toon 1 beëindigde toestemming');
    const expired = page.card('Budgetcoach');
    expect(details.contains(expired)).toBe(true);
    expect(page.text(expired)).toContain('Status Toestemming verlopen');
    expect(page.text(expired)).toContain('Hoe vaak Eenmalig');
    expect(page.text(expired)).toContain('Nog niet gebruikt.');
    expect([...expired.querySelectorAll('button')].map((b) => b.textContent!.trim())).toEqual([
      'Ondertekend bewijs als bestand',
    ]);

    expect([...page.root.querySelectorAll('li.connection strong')].map((e) => e.textContent)).toEqual([
      'Demo Energie',
      'Demo Water',
    ]);
    expect(page.root.querySelector('p.actions > a.action')!.textContent).toBe('Naar uw regie-account');
    expect(await page.axe()).toEqual([]);
    details.open = true;
    expect(await page.axe()).toEqual([]);
  });

  it('revokes after a confirmation, with a passkey ceremony when the server asks for one, and says so', async () => {
    const server = overviewServer();
    const page = await mount();
    const revokeButton = () =>
      [...page.card('Schuldhulp App').querySelectorAll('button')].find(
        (b) => b.textContent!.trim() === 'Toestemming intrekken',
      );

    // Cancelling changes nothing and gives focus back to the button.
    revokeButton()!.focus();
    revokeButton()!.click();
    await page.settle();
    const dialog = page.dialog('revoke-dialog');
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(page.root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Toestemming voor Schuldhulp App intrekken?',
    );
    expect(page.root.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).toContain(
      'geen gegevens meer ophalen',
    );
    expect(await axeViolations(dialog)).toEqual([]);
    await page.click('Annuleren', dialog);
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(page.root.activeElement).toBe(revokeButton());
    expect(server.keys()).not.toContain(`POST ${API}/consents/${ACCEPTED_ID}/revoke`);

    revokeButton()!.click();
    await page.settle();
    await page.click('Intrekken', dialog);
    expect(server.keys().filter((key) => key.startsWith('POST'))).toEqual([
      `POST ${API}/consents/${ACCEPTED_ID}/revoke`,
      `POST ${API}/sign-in/options`,
      `POST ${API}/sign-in`,
      `POST ${API}/consents/${ACCEPTED_ID}/revoke`,
    ]);
    expect(webauthn.startAuthentication).toHaveBeenCalledTimes(1);
    const revoke = server.requests.find((r) => r.key === `POST ${API}/consents/${ACCEPTED_ID}/revoke`)!;
    expect(revoke.init).toMatchObject({ method: 'POST', body: '{}', credentials: 'same-origin' });
    expect(page.status()).toBe('De toestemming voor Schuldhulp App is ingetrokken.');
    expect(page.text(page.root.querySelector('section[aria-labelledby="active-title"]')!)).toContain(
      'U heeft geen lopende toestemmingen.',
    );
    expect(page.text(page.card('Schuldhulp App'))).toContain('Status Toestemming ingetrokken');
    expect(page.root.querySelector('summary')!.textContent).toBe('Toon 2 beëindigde toestemmingen');
    expect(page.root.activeElement?.id).toBe('active-title');
    expect(await page.axe()).toEqual([]);
  });

  it('shows why revoking failed when the passkey prompt was closed', async () => {
    overviewServer();
    webauthn.startAuthentication.mockRejectedValueOnce(Object.assign(new Error('closed'), { name: 'NotAllowedError' }));
    const page = await mount();
    [...page.card('Schuldhulp App').querySelectorAll('button')]
      .find((b) => b.textContent!.trim() === 'Toestemming intrekken')!
      .click();
    await page.settle();
    await page.click('Intrekken', page.dialog('revoke-dialog'));
    expect(page.alert()).toBe('U heeft de passkey niet gebruikt. Probeer het opnieuw als u wilt.');
    expect(page.text(page.card('Schuldhulp App'))).toContain('Status Toestemming gegeven');
  });

  it('downloads the signed receipt as consent-<id>.jws', async () => {
    const server = overviewServer();
    const fetchJson = globalThis.fetch;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) =>
      new URL(String(input), 'https://regie.example').pathname === `${API}/consents/${ACCEPTED_ID}/receipt`
        ? new Response(RECEIPT, { status: 200, headers: { 'Content-Type': 'application/jose' } })
        : fetchJson(input, init),
    );
    const blobs: Blob[] = [];
    const revokeObjectURL = vi.fn();
    vi.stubGlobal(
      'URL',
      class extends URL {
        static override createObjectURL = (blob: Blob) => (blobs.push(blob), 'blob:https://regie.example/receipt');
        static override revokeObjectURL = revokeObjectURL;
      },
    );
    const clicked: { download: string; href: string; connected: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href, connected: this.isConnected });
    });

    const page = await mount();
    await page.click('Ondertekend bewijs als bestand', page.card('Schuldhulp App'));
    expect(clicked).toEqual([
      { download: `consent-${ACCEPTED_ID}.jws`, href: 'blob:https://regie.example/receipt', connected: true },
    ]);
    expect(await readText(blobs[0]!)).toBe(RECEIPT);
    expect(blobs[0]!.type).toBe('application/jose');
    expect(page.root.querySelector('a[download]')).toBeNull();
    expect(page.status()).toBe('Het ontvangstbewijs is gedownload.');
    await page.settle(60_000);
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:https://regie.example/receipt');

    // No receipt (404) is said in words.
    await page.click('Ondertekend bewijs als bestand', page.card('Budgetcoach'));
    expect(page.alert()).toBe('Er is geen ontvangstbewijs voor deze toestemming.');
    expect(server.keys()).toContain(`GET ${API}/consents/${EXPIRED_ID}/receipt`);
  });

  it('ends a connection after saying that the consents using it are revoked', async () => {
    const server = overviewServer();
    const page = await mount();
    const end = [...page.root.querySelectorAll<HTMLButtonElement>('li.connection button')][0]!;
    end.click();
    await page.settle();
    const dialog = page.dialog('end-dialog');
    expect(page.root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Koppeling met Demo Energie beëindigen?',
    );
    expect(page.root.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).toContain(
      'elke toestemming die deze koppeling gebruikt, wordt ingetrokken',
    );
    await page.click('Beëindigen', dialog);
    expect(server.keys()).toContain(`POST ${API}/connections/${ENERGIE_CONN}/end`);
    expect(page.status()).toBe('De koppeling met Demo Energie is beëindigd.');
    expect([...page.root.querySelectorAll('li.connection strong')].map((e) => e.textContent)).toEqual(['Demo Water']);
    expect(page.text(page.card('Schuldhulp App'))).toContain('Toestemming ingetrokken');
    expect(page.root.activeElement?.id).toBe('connections-title');
    expect(await page.axe()).toEqual([]);
  });

  it('speaks English under lang="en"', async () => {
    overviewServer();
    const page = await mount('en');
    expect(page.heading()).toBe('Your consents');
    const accepted = page.card('Debt Help App');
    expect(page.text(accepted)).toContain('Payments due from Demo Energy and Demo Water');
    expect(page.text(accepted)).toContain('Status Consent given');
    expect(page.text(accepted)).toContain('Until 23 May 2027');
    expect(page.text(accepted)).toContain('Recurring, until you revoke');
    expect(accepted.querySelector('caption')!.textContent!.trim()).toBe('Use');
    expect([...accepted.querySelectorAll('button')].map((b) => b.textContent!.trim())).toEqual([
      'Signed receipt as a file',
      'Revoke consent',
    ]);
    expect(accepted.querySelector<HTMLAnchorElement>('a.action')!.href).toBe(
      `http://localhost:3000/u/demo/receipts/${ACCEPTED_ID}?lang=en`,
    );
    expect(page.root.querySelector('summary')!.textContent).toBe('Show 1 ended consent');
    expect(page.root.querySelector('p.actions > a.action')!.textContent).toBe('To your regie account');
    expect(await page.axe()).toEqual([]);

    accepted.querySelector<HTMLButtonElement>('button.danger')!.click();
    await page.settle();
    const dialog = page.dialog('revoke-dialog');
    expect(page.root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Revoke the consent for Debt Help App?',
    );
    expect([...dialog.querySelectorAll('button')].map((b) => b.textContent!.trim())).toEqual(['Revoke', 'Cancel']);
  });
});
