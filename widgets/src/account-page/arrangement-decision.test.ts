import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArrangementDecisionView } from '@regiekit/sdk/protocol';
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

const FLOW_ID = 'flowAAAAAAAAAAAAAAAAAA';

const request: ArrangementDecisionView = {
  kind: 'arrangement',
  flowId: FLOW_ID,
  step: 'request',
  provider: party('demo-zorg', 'Demo Zorgverzekeraar', 'Demo Health Insurer'),
  proposal: {
    balanceCents: 108_350,
    instalmentCents: [...Array<number>(15).fill(6_772), 6_770],
    startMonth: '2027-01',
    pauseMonths: 0,
    facts: { atBailiff: false, lastFailedArrangement: null },
  },
  outcome: 'needs-review',
  reasons: [
    { rule: 'balance-above-maximum', nl: 'Het saldo is hoger dan € 1.000,00.', en: 'The balance is above €1,000.00.' },
  ],
  whileKept: { interestStops: true, collectionCostsStop: false },
  policyVersion: 2,
  expiresAt: '2026-11-23T10:30:00.000Z',
};

const counter: ArrangementDecisionView = {
  ...request,
  step: 'counter-proposal',
  reasons: [],
  reason: 'Zestig euro per maand past bij uw plan.',
  proposal: { ...request.proposal, instalmentCents: [...Array<number>(18).fill(6_000), 350] },
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

async function mount(view: ArrangementDecisionView, lang = '') {
  const server = accountServer({
    [`GET ${API}/flows/${FLOW_ID}`]: () => ({ status: 200, body: view }),
    [`POST ${API}/flows/${FLOW_ID}/approve`]: () => ({
      status: 200,
      body: { redirectTo: 'https://regie.example/u/demo/account' },
    }),
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

describe('<regie-account-page flow="decision"> for a payment arrangement', () => {
  it('shows the amount each month, the term, the total, what stops and that staff review it', async () => {
    const page = await mount(request);
    expect(page.heading()).toBe('Betalingsregeling aanvragen bij Demo Zorgverzekeraar?');
    expect(page.text()).toContain('Per maand € 67,72');
    expect(page.text()).toContain('Looptijd 16 maanden');
    expect(page.text()).toContain('Totaal € 1.083,50');
    expect(page.text()).toContain('stopt de rente');
    expect(page.text()).toContain('een medewerker van de schuldeiser beoordeelt het');
    expect(page.text()).toContain('Het saldo is hoger dan € 1.000,00.');
    expect(page.buttons()).toEqual(['Aanvragen met passkey', 'Nieuw account met passkey', 'Weigeren']);
    expect(await page.axe()).toEqual([]);
  });

  it('shows a counter-proposal with the creditor’s words, in English too, and closes the window opened beside the app', async () => {
    window.name = 'regie-arrangement';
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const page = await mount(counter, 'en');
    expect(page.heading()).toBe("Accept Demo Health Insurer's counter-proposal?");
    expect(page.text()).toContain('Each month €60.00');
    expect(page.text()).toContain('Zestig euro per maand past bij uw plan.');
    expect(await page.axe()).toEqual([]);
    page.server.state.signedIn = true;
    await page.click('Accept with passkey');
    expect(webauthn.startAuthentication).toHaveBeenCalledTimes(1);
    expect(page.server.keys()).toContain(`POST ${API}/flows/${FLOW_ID}/approve`);
    expect(page.heading()).toBe('Sent. You can close this window.');
    expect(close).toHaveBeenCalled();
  });
});
