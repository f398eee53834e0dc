import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentDecisionView } from '@regiekit/sdk/protocol';
import '../define/account-page.js';
import type { RegieAccountPage } from './account-page.js';
import { accountServer, API, errorBody, mountPage, party } from '../testing/account-server.js';
import { polyfillDialog } from '../testing/test-support.js';

const webauthn = vi.hoisted(() => ({ startAuthentication: vi.fn() }));
vi.mock('@simplewebauthn/browser', () => ({
  browserSupportsWebAuthn: () => true,
  startRegistration: vi.fn(),
  startAuthentication: webauthn.startAuthentication,
}));

const FLOW_ID = 'flowCCCCCCCCCCCCCCCCCC';
const ENERGIE_CONN = 'connEEEEEEEEEEEEEEEEEE';
const WATER_CONN = 'connWWWWWWWWWWWWWWWWWW';
const ZORG_CONN = 'connZZZZZZZZZZZZZZZZZZ';
const OUTCOME = { status: 200, body: { redirectTo: 'https://app.example/consent-done?state=xyz' } };

const view = (overrides: Partial<ConsentDecisionView> = {}): ConsentDecisionView => ({
  kind: 'consent',
  flowId: FLOW_ID,
  consumer: party('schuldhulp-app', 'Schuldhulp App', 'Debt Help App'),
  serviceTitle: { nl: 'Betalingsachterstanden', en: 'Payments due' },
  purpose: {
    code: 'debt-relief.overview',
    text: { nl: 'Een overzicht van uw schulden maken.', en: 'Make an overview of your debts.' },
  },
  fields: [
    { name: 'amountDue', label: { nl: 'Openstaand bedrag', en: 'Amount due' } },
    { name: 'dueDate', label: { nl: 'Vervaldatum', en: 'Due date' } },
  ],
  sources: [
    { connectionId: ENERGIE_CONN, provider: party('demo-energie', 'Demo Energie', 'Demo Energy'), requested: true },
    { connectionId: WATER_CONN, provider: party('demo-water', 'Demo Water'), requested: true },
    {
      connectionId: ZORG_CONN,
      provider: party('demo-zorg', 'Demo Zorgverzekeraar', 'Demo Health Insurer'),
      requested: false,
    },
  ],
  mode: 'recurring',
  validUntil: '2027-05-23T10:00:00.000Z',
  expiresAt: '2026-11-23T10:10:00.000Z',
  ...overrides,
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
  window.name = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function consentServer(decision = view()) {
  return accountServer({
    [`GET ${API}/flows/${FLOW_ID}`]: () => ({ status: 200, body: decision }),
    [`POST ${API}/flows/${FLOW_ID}/approve`]: () => OUTCOME,
    [`POST ${API}/flows/${FLOW_ID}/refuse`]: () => ({
      status: 200,
      body: { redirectTo: 'https://app.example/consent-done?error=access_denied' },
    }),
  });
}

async function mount(lang = '') {
  const navigate = vi.fn();
  const page = await mountPage<RegieAccountPage>(
    `<regie-account-page server="https://regie.example" tenant="demo" flow="decision" flow-id="${FLOW_ID}"></regie-account-page>`,
    lang,
    (element) => {
      element.navigate = navigate;
    },
  );
  const boxes = () => [...page.root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
  const labelOf = (box: HTMLInputElement) => box.closest('label')!.textContent!.trim();
  const toggle = async (label: string) => {
    boxes()
      .find((box) => labelOf(box) === label)!
      .click();
    await page.settle();
  };
  const text = () => page.root.textContent!.replace(/\s+/g, ' ');
  return { ...page, navigate, boxes, labelOf, toggle, text };
}

const approveBody = (server: ReturnType<typeof consentServer>) =>
  JSON.parse(
    String(server.requests.find((r) => r.key === `POST ${API}/flows/${FLOW_ID}/approve`)!.init!.body),
  ) as unknown;

describe('<regie-account-page flow="decision"> for a consent', () => {
  it('shows who asks, what for, which data from whom and how long, all accessible', async () => {
    consentServer();
    const page = await mount();
    expect(page.heading()).toBe('Schuldhulp App vraagt uw toestemming');
    expect(page.text()).toContain('Een overzicht van uw schulden maken.');
    const headings = [...page.root.querySelectorAll('h3')].map((h) => h.textContent!.trim());
    expect(headings).toEqual(['Waarvoor', 'Welke gegevens', 'Van wie', 'Hoe lang']);
    expect(
      [...page.root.querySelectorAll('section[aria-labelledby="fields-title"] li')].map((li) => li.textContent),
    ).toEqual(['Openstaand bedrag', 'Vervaldatum']);
    expect(page.text()).toContain('Uit Betalingsachterstanden:');
    expect(page.boxes().map((box) => [page.labelOf(box), box.checked])).toEqual([
      ['Demo Energie', true],
      ['Demo Water', true],
      ['Demo Zorgverzekeraar', false],
    ]);
    expect(page.root.querySelector('fieldset legend')!.textContent!.trim()).toBe('Van wie');
    expect(page.text()).toContain('Tot wanneer 23 mei 2027');
    expect(page.text()).toContain('Hoe vaak Doorlopend, tot u intrekt');
    expect(page.text()).toContain('U kunt uw toestemming altijd intrekken op de pagina Uw toestemmingen.');
    expect(page.buttons()).toEqual(['Toestemming geven met passkey', 'Weigeren']);
    expect(await page.axe()).toEqual([]);
  });

  it('gives consent with a passkey for only the sources left ticked, then follows the redirect', async () => {
    const server = consentServer();
    const page = await mount();
    await page.toggle('Demo Water');
    await page.toggle('Demo Zorgverzekeraar');
    await page.click('Toestemming geven met passkey');
    expect(webauthn.startAuthentication).toHaveBeenCalledTimes(1);
    expect(server.keys().slice(2)).toEqual([
      `POST ${API}/sign-in/options`,
      `POST ${API}/sign-in`,
      `POST ${API}/flows/${FLOW_ID}/approve`,
    ]);
    expect(approveBody(server)).toEqual({ connections: [ENERGIE_CONN, ZORG_CONN] });
    expect(page.navigate).toHaveBeenCalledWith('https://app.example/consent-done?state=xyz');
  });

  it('asks for at least one source when all are unticked, and sends nothing', async () => {
    const server = consentServer();
    const page = await mount();
    await page.toggle('Demo Energie');
    await page.toggle('Demo Water');
    await page.click('Toestemming geven met passkey');
    expect(page.root.querySelector('#sources-error')!.textContent).toBe('Kies ten minste één organisatie.');
    expect(page.root.querySelector('fieldset')!.getAttribute('aria-describedby')).toBe('sources-hint sources-error');
    expect(page.root.activeElement).toBe(page.boxes()[0]);
    expect(webauthn.startAuthentication).not.toHaveBeenCalled();
    expect(server.keys()).toEqual([`GET ${API}/flows/${FLOW_ID}`, `GET ${API}`]);
    expect(await page.axe()).toEqual([]);

    await page.toggle('Demo Water');
    expect(page.root.querySelector('#sources-error')).toBeNull();
    await page.click('Toestemming geven met passkey');
    expect(approveBody(server)).toEqual({ connections: [WATER_CONN] });
  });

  it('refuses without a passkey and goes back', async () => {
    const server = consentServer();
    const page = await mount();
    await page.click('Weigeren');
    expect(webauthn.startAuthentication).not.toHaveBeenCalled();
    expect(server.keys()).toEqual([`GET ${API}/flows/${FLOW_ID}`, `GET ${API}`, `POST ${API}/flows/${FLOW_ID}/refuse`]);
    expect(page.navigate).toHaveBeenCalledWith('https://app.example/consent-done?error=access_denied');
  });

  it('in the popup the consent dialog opened, says it is done and closes the window', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    window.name = 'regie-consent';
    consentServer();
    const page = await mount();
    await page.click('Toestemming geven met passkey');
    expect(page.heading()).toBe('Klaar. U kunt dit venster sluiten.');
    expect(page.status()).toBe('Klaar. U kunt dit venster sluiten.');
    expect(close).toHaveBeenCalledTimes(1);
    expect(page.navigate).not.toHaveBeenCalled();
    expect(page.buttons()).toEqual([]);
    expect(await page.axe()).toEqual([]);

    window.name = '';
    vi.stubGlobal('opener', {});
    consentServer();
    const refused = await mount('en');
    await refused.click('Refuse');
    expect(refused.status()).toBe('Done. You can close this window.');
    expect(close).toHaveBeenCalledTimes(2);
    expect(refused.navigate).not.toHaveBeenCalled();
  });

  it('shows why approving failed, and keeps the choice', async () => {
    accountServer({
      [`GET ${API}/flows/${FLOW_ID}`]: () => ({ status: 200, body: view() }),
      [`POST ${API}/flows/${FLOW_ID}/approve`]: () => errorBody(410, 'token_expired'),
    });
    const page = await mount();
    await page.toggle('Demo Water');
    await page.click('Toestemming geven met passkey');
    expect(page.alert()).toBe('Deze aanvraag is verlopen. Begin opnieuw.');
    expect(page.boxes().map((box) => box.checked)).toEqual([true, false, false]);
    expect(page.navigate).not.toHaveBeenCalled();
  });

  it('offers only refusing when no connection can give the data', async () => {
    consentServer(view({ sources: [] }));
    const page = await mount();
    expect(page.text()).toContain('U heeft geen koppeling met een organisatie die deze gegevens kan geven.');
    expect(page.buttons()).toEqual(['Weigeren']);
    expect(await page.axe()).toEqual([]);
  });

  it('speaks English under lang="en", one-off', async () => {
    consentServer(view({ mode: 'one-off' }));
    const page = await mount('en');
    expect(page.heading()).toBe('Debt Help App asks for your consent');
    expect([...page.root.querySelectorAll('h3')].map((h) => h.textContent!.trim())).toEqual([
      'What for',
      'Which data',
      'From whom',
      'How long',
    ]);
    expect(page.text()).toContain('Make an overview of your debts.');
    expect(page.text()).toContain('Amount due');
    expect(page.boxes().map(page.labelOf)).toEqual(['Demo Energy', 'Demo Water', 'Demo Health Insurer']);
    expect(page.text()).toContain('Until 23 May 2027');
    expect(page.text()).toContain('How often One-off');
    expect(page.buttons()).toEqual(['Give consent with passkey', 'Refuse']);
    expect(await page.axe()).toEqual([]);
  });
});
