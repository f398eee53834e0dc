import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FetchDecisionView } from '@regiekit/sdk/protocol';
import '../define/account-page.js';
import type { RegieAccountPage } from './account-page.js';
import { accountServer, API, mountPage, party } from '../testing/account-server.js';
import { polyfillDialog } from '../testing/test-support.js';

const webauthn = vi.hoisted(() => ({ startAuthentication: vi.fn(), startRegistration: vi.fn() }));
vi.mock('@simplewebauthn/browser', () => ({
  browserSupportsWebAuthn: () => true,
  startRegistration: webauthn.startRegistration,
  startAuthentication: webauthn.startAuthentication,
}));

const FLOW_ID = 'fetchMMMMMMMMMMMMMMMMM';
const SOURCE_PAGE = 'https://toeslagen.example/ophalen?fetch=tokenTTTTTTTTTTTTTTTTTTTTTTTT';
const label = (nl: string, en = nl) => ({ nl, en });

const ask: FetchDecisionView = {
  kind: 'data-fetch',
  flowId: FLOW_ID,
  step: 'ask',
  consumer: party('gemeente-nijmegen', 'Gemeente Nijmegen', 'Municipality of Nijmegen'),
  provider: party('demo-toeslagen', 'Demo Toeslagen', 'Demo Allowances'),
  purpose: {
    code: 'bijzondere-bijstand',
    text: label('Uw aanvraag bijzondere bijstand beoordelen', 'Assessing your application'),
  },
  serviceTitle: label('Huurtoeslag: betalingen', 'Rent allowance: payments'),
  fields: [{ name: 'payments', label: label('Betalingen', 'Payments') }],
  period: { from: '2026-09-06', to: '2026-12-06' },
  expiresAt: '2026-12-06T10:30:00.000Z',
};

const review: FetchDecisionView = {
  ...ask,
  step: 'review',
  data: [
    {
      name: 'payments',
      label: label('Betalingen', 'Payments'),
      value: [
        { date: '2026-11-26', amount: 322.5, recipient: 'Woonstichting' },
        { date: '2026-10-27', amount: 352.5, recipient: 'Woonstichting' },
        { date: '2026-09-27', amount: 382.5, recipient: 'Woonstichting' },
      ],
    },
  ],
  itemLabels: { 'payments.date': label('Datum', 'Date'), 'payments.amount': label('Bedrag (€)', 'Amount (€)') },
};

beforeAll(polyfillDialog);
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  webauthn.startAuthentication.mockReset().mockResolvedValue({ id: 'c', rawId: 'c', type: 'public-key', response: {} });
  webauthn.startRegistration.mockReset().mockResolvedValue({ id: 'c', rawId: 'c', type: 'public-key', response: {} });
});
afterEach(() => {
  document.body.innerHTML = '';
  window.name = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function mount(view: FetchDecisionView, lang = '', redirectTo = 'https://regie.example/u/demo/consents') {
  const server = accountServer({
    [`GET ${API}/flows/${FLOW_ID}`]: () => ({ status: 200, body: view }),
    [`POST ${API}/flows/${FLOW_ID}/approve`]: () => ({ status: 200, body: { redirectTo } }),
    [`POST ${API}/flows/${FLOW_ID}/refuse`]: () => ({
      status: 200,
      body: { redirectTo: 'https://regie.example/u/demo/account' },
    }),
  });
  const navigate = vi.fn();
  const page = await mountPage<RegieAccountPage>(
    `<regie-account-page server="https://regie.example" tenant="demo" flow="decision" flow-id="${FLOW_ID}"></regie-account-page>`,
    lang,
    (element) => {
      element.navigate = navigate;
    },
  );
  return { ...page, server, navigate, text: () => page.root.textContent!.replace(/\s+/g, ' ') };
}

describe('<regie-account-page flow="decision"> for a fetch into an application', () => {
  it('says who asks what of whom, for which days, and goes on to the source in the same window', async () => {
    window.name = 'regie-data-fetch';
    const page = await mount(ask, '', SOURCE_PAGE);
    expect(page.heading()).toBe('Gemeente Nijmegen vraagt gegevens van Demo Toeslagen');
    expect(page.text()).toContain('Uw aanvraag bijzondere bijstand beoordelen');
    expect(page.text()).toContain('Welke gegevens Betalingen. Van');
    expect(page.text()).toContain('Van 6 september 2026 tot en met 6 december 2026');
    expect(page.text()).toContain('Alleen Demo Toeslagen ziet wie u bent');
    expect(page.buttons()).toEqual(['Ophalen bij Demo Toeslagen', 'Nieuw account met passkey', 'Niet ophalen']);
    // Both answers look the same: neither is the secondary one.
    expect(page.root.querySelectorAll('.actions button.secondary')).toHaveLength(0);
    expect(await page.axe()).toEqual([]);
    await page.click('Nieuw account met passkey');
    expect(webauthn.startRegistration).toHaveBeenCalledTimes(1);
    expect(page.navigate).toHaveBeenCalledWith(SOURCE_PAGE);
  });

  it('shows exactly what was fetched, labelled, before anything goes to the form, in English too', async () => {
    const page = await mount(review, 'en');
    expect(page.heading()).toBe('This will be added to your application at Municipality of Nijmegen');
    expect(page.text()).toContain('Payments: 3');
    expect([...page.root.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Date',
      'Amount (€)',
      'recipient',
    ]);
    expect(page.text()).toContain('26 Nov 2026');
    expect(page.text()).toContain('322.5');
    expect(await page.axe()).toEqual([]);
  });

  it('adds with the passkey and closes the window the form opened', async () => {
    window.name = 'regie-data-fetch';
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const page = await mount(review);
    page.server.state.signedIn = true;
    expect(page.buttons()).toEqual(['Toevoegen', 'Niet toevoegen']);
    await page.click('Toevoegen');
    expect(webauthn.startAuthentication).toHaveBeenCalledTimes(1);
    expect(page.heading()).toBe('Toegevoegd aan uw aanvraag. U kunt dit venster sluiten.');
    expect(close).toHaveBeenCalled();
    expect(page.navigate).not.toHaveBeenCalled();
  });

  it('says why fetching failed and that nothing was added', async () => {
    window.name = 'regie-data-fetch';
    vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const page = await mount({ ...ask, step: 'failed', failure: 'source-timeout' });
    expect(page.heading()).toBe('Ophalen bij Demo Toeslagen is niet gelukt');
    expect(page.text()).toContain('Demo Toeslagen gaf niet op tijd antwoord.');
    expect(page.text()).toContain('zelf bewijs toevoegen');
    expect(await page.axe()).toEqual([]);
    await page.click('Terug naar het formulier');
    expect(page.server.keys()).toContain(`POST ${API}/flows/${FLOW_ID}/refuse`);
    expect(page.heading()).toBe('Niets toegevoegd. U kunt dit venster sluiten.');
  });
});
