import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttachedData, FetchStatus } from '@regiekit/sdk/protocol';
import '../define/data-fetch.js';
import type { RegieDataFetch } from './data-fetch.js';
import { fakeServer } from '../testing/fake-server.js';
import { axeViolations } from '../testing/test-support.js';

const FETCH_ID = 'fetchAAAAAAAAAAAAAAAAA';
const STATUS = `/api/v1/demo/fetches/${FETCH_ID}`;
const label = (nl: string, en = nl) => ({ nl, en });

const attached: AttachedData = {
  fetchId: FETCH_ID,
  provider: { id: 'demo-toeslagen', displayName: label('Demo Toeslagen', 'Demo Allowances') },
  serviceTitle: label('Huurtoeslag: betalingen', 'Rent allowance: payments'),
  fetchedAt: '2026-12-06T10:00:00.000Z',
  fields: [
    {
      name: 'payments',
      label: label('Betalingen', 'Payments'),
      value: [
        { date: '2026-11-26', amount: 322.5 },
        { date: '2026-10-27', amount: 352.5 },
      ],
    },
  ],
  itemLabels: { 'payments.date': label('Datum', 'Date'), 'payments.amount': label('Bedrag (€)', 'Amount (€)') },
  contentDigest: 'digestDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD',
};

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function mount(lang = 'nl', popupBlocked = false) {
  const status: { current: FetchStatus } = { current: { state: 'requested' } };
  const server = fakeServer({
    'POST /bijstand/api/fetches': () => ({
      status: 201,
      body: {
        fetchId: FETCH_ID,
        startUrl: `https://regie.example/u/demo/flows/${FETCH_ID}`,
        statusUrl: `https://regie.example${STATUS}`,
        statusToken: 'status-'.padEnd(43, 's'),
        expiresAt: '2026-12-06T10:30:00.000Z',
      },
    }),
    [`GET ${STATUS}`]: () => ({ status: 200, body: status.current }),
    'POST /bijstand/api/attach': () => ({ status: 200, body: attached }),
    'DELETE /bijstand/api/attach': () => ({ status: 204 }),
  });
  vi.stubGlobal('fetch', server.fetch);
  const popup = { closed: false, location: { href: '' }, close: vi.fn() };
  const open = vi.spyOn(window, 'open').mockImplementation(() => (popupBlocked ? null : (popup as unknown as Window)));
  document.body.innerHTML = `<form lang="${lang}"><regie-data-fetch request-url="/bijstand/api/fetches" attach-url="/bijstand/api/attach" source-name="Demo Toeslagen">
      <label slot="manual">Bewijs <input type="file" /></label>
    </regie-data-fetch></form>`;
  const element = document.querySelector('regie-data-fetch') as RegieDataFetch;
  const root = element.shadowRoot!;
  const settle = async (ms = 0) => {
    await vi.advanceTimersByTimeAsync(ms);
    for (let i = 0; i < 5; i++) await element.updateComplete;
  };
  await settle();
  const button = (text: string) =>
    [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text)!;
  const radio = (value: string) => root.querySelector<HTMLInputElement>(`input[value="${value}"]`)!;
  const text = () => root.textContent!.replace(/\s+/g, ' ');
  return { element, root, server, popup, open, status, settle, button, radio, text };
}

describe('<regie-data-fetch>', () => {
  it('offers two choices of equal weight, neither chosen, and tells the server nothing about the choice', async () => {
    const page = await mount();
    expect(page.root.querySelector('legend')!.textContent).toBe('Hoe wilt u dit laten zien?');
    expect(page.radio('fetch').checked).toBe(false);
    expect(page.radio('manual').checked).toBe(false);
    expect(await axeViolations(page.element)).toEqual([]);
    page.radio('manual').click();
    await page.settle();
    // The form's own fields show; nothing was asked of anyone.
    expect(page.root.querySelector('slot[name="manual"]')!.parentElement!.hidden).toBe(false);
    expect(page.server.requests).toEqual([]);
    expect(await axeViolations(page.element)).toEqual([]);
  });

  it('fetches in a window of its own, follows it, and shows what was added, signed, with "Verwijderen"', async () => {
    const attachedEvents: AttachedData[] = [];
    const page = await mount();
    page.element.addEventListener('regie-data-attached', (event) => attachedEvents.push(event.attached));
    page.radio('fetch').click();
    await page.settle();
    page.button('Ophalen bij Demo Toeslagen').click();
    await page.settle(10);
    expect(page.open).toHaveBeenCalledWith('', 'regie-data-fetch', expect.any(String));
    expect(page.popup.location.href).toBe(`https://regie.example/u/demo/flows/${FETCH_ID}`);
    expect(page.root.querySelector('[role="status"]')!.textContent).toBe(
      'Maak uw keuze in het venster dat is geopend.',
    );
    const follow = page.server.requests.find((r) => r.key === `GET ${STATUS}`)!;
    expect(new Headers(follow.init!.headers).get('Authorization')).toMatch(/^Bearer status-/);

    page.status.current = { state: 'approved' };
    await page.settle(1100);
    expect(attachedEvents).toEqual([attached]);
    expect(page.text()).toContain('Toegevoegd van Demo Toeslagen: Huurtoeslag: betalingen');
    expect(page.text()).toContain('Ondertekend door Demo Toeslagen, opgehaald op 6 december 2026, ongewijzigd.');
    expect(page.text()).toContain('Betalingen: 2');
    expect([...page.root.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Datum', 'Bedrag (€)']);
    expect(page.root.activeElement?.id).toBe('attached-title');
    expect(await axeViolations(page.element)).toEqual([]);

    page.button('Verwijderen').click();
    await page.settle(10);
    expect(page.server.requests.map((r) => r.key)).toContain('DELETE /bijstand/api/attach');
    expect(page.text()).toContain('Verwijderd. Er gaat niets mee met uw aanvraag.');
    expect(page.root.querySelector('.attached')).toBeNull();
  });

  it.each([
    [{ state: 'declined' } as FetchStatus, 'Niets toegevoegd. U kunt het opnieuw proberen of zelf bewijs toevoegen.'],
    [
      { state: 'failed', failure: 'source-timeout' } as FetchStatus,
      'Demo Toeslagen gaf niet op tijd antwoord. Er is niets toegevoegd.',
    ],
    [{ state: 'expired' } as FetchStatus, 'De tijd om te kiezen is verlopen.'],
  ])('says so when the fetch ends without data (%o), and keeps both choices', async (status, saying) => {
    const page = await mount();
    page.radio('fetch').click();
    await page.settle();
    page.button('Ophalen bij Demo Toeslagen').click();
    await page.settle(10);
    page.status.current = status;
    await page.settle(1100);
    expect(page.root.querySelector('[role="status"]')!.textContent).toContain(saying);
    expect(page.server.requests.map((r) => r.key)).not.toContain('POST /bijstand/api/attach');
    expect(page.radio('manual')).not.toBeNull();
    expect(page.button('Ophalen bij Demo Toeslagen')).toBeDefined();
  });

  it('offers a link when the browser blocks the window, in English too', async () => {
    const page = await mount('en', true);
    page.radio('fetch').click();
    await page.settle();
    page.button('Fetch from Demo Toeslagen').click();
    await page.settle(10);
    expect(page.root.querySelector('[role="status"]')!.textContent).toBe('Your browser blocked the window.');
    const link = page.root.querySelector<HTMLAnchorElement>('a.action')!;
    expect(link.textContent).toBe('Open the window');
    expect(link.target).toBe('regie-data-fetch');
    expect(await axeViolations(page.element)).toEqual([]);
  });
});
