import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CorrectionDecisionView, ForwardDecisionView } from '@regiekit/sdk/protocol';
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

const FLOW_ID = 'flowMMMMMMMMMMMMMMMMMM';
const label = (nl: string, en = nl) => ({ nl, en });

const correction: CorrectionDecisionView = {
  kind: 'my-data-correction',
  flowId: FLOW_ID,
  provider: party('demo-energie', 'Demo Energie', 'Demo Energy'),
  serviceTitle: label('Klantgegevens', 'Customer details'),
  field: { name: 'email', label: label('E-mail'), value: 'willeke@example.nl' },
  proposedValue: 'w.debruijn@example.nl',
  reason: 'Oud adres',
  expiresAt: '2026-11-23T10:30:00.000Z',
};

const forward: ForwardDecisionView = {
  kind: 'my-data-forward',
  flowId: FLOW_ID,
  provider: party('demo-energie', 'Demo Energie', 'Demo Energy'),
  recipient: party('demo-woning', 'Demo Woningcorporatie', 'Demo Housing Association'),
  purpose: { code: 'rental.application', text: label('Bewijs van een energiecontract', 'Proof of an energy contract') },
  serviceTitle: label('Contract'),
  fields: [
    { name: 'product', label: label('Product'), value: 'Groene stroom' },
    { name: 'startDate', label: label('Ingangsdatum', 'Start date'), value: '2024-03-01' },
  ],
  deliverBy: '2026-11-30T10:00:00.000Z',
  expiresAt: '2026-11-23T10:30:00.000Z',
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

async function mount(view: CorrectionDecisionView | ForwardDecisionView, lang = '') {
  const server = accountServer({
    [`GET ${API}/flows/${FLOW_ID}`]: () => ({ status: 200, body: view }),
    [`POST ${API}/flows/${FLOW_ID}/approve`]: () => ({
      status: 200,
      body: { redirectTo: 'https://regie.example/u/demo/consents' },
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

describe('<regie-account-page flow="decision"> for my data', () => {
  it('shows a correction with the value now and the value asked, and the deadline the company has', async () => {
    const page = await mount(correction);
    expect(page.heading()).toBe('Correctie sturen aan Demo Energie?');
    expect(page.text()).toContain('Nu bekend willeke@example.nl');
    expect(page.text()).toContain('Zou moeten zijn w.debruijn@example.nl');
    expect(page.text()).toContain('Waarom Oud adres');
    expect(page.text()).toContain('binnen een maand antwoorden');
    // Someone without a regie account makes one on the way.
    expect(page.buttons()).toEqual(['Correctie sturen', 'Nieuw account met passkey', 'Weigeren']);
    expect(await page.axe()).toEqual([]);
    await page.click('Nieuw account met passkey');
    expect(webauthn.startRegistration).toHaveBeenCalledTimes(1);
    expect(page.server.keys()).toContain(`POST ${API}/flows/${FLOW_ID}/approve`);
    expect(page.navigate).toHaveBeenCalledWith('https://regie.example/u/demo/consents');
  });

  it('shows exactly what a forward sends, to whom and what for, in English too', async () => {
    const page = await mount(forward, 'en');
    expect(page.heading()).toBe('Forward data from Demo Energy to Demo Housing Association?');
    expect(page.text()).toContain('Proof of an energy contract');
    expect(
      [...page.root.querySelectorAll('section[aria-labelledby="fields-title"] dt')].map((dt) => dt.textContent),
    ).toEqual(['Product', 'Start date']);
    expect(page.text()).toContain('until 30 November 2026');
    expect(await page.axe()).toEqual([]);
  });

  it('closes its window after the decision when the company’s page opened it', async () => {
    window.name = 'regie-my-data';
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const page = await mount(forward);
    page.server.state.signedIn = true;
    await page.click('Doorsturen');
    expect(page.heading()).toBe('Klaar. U kunt dit venster sluiten.');
    expect(close).toHaveBeenCalled();
    expect(page.navigate).not.toHaveBeenCalled();
  });
});
