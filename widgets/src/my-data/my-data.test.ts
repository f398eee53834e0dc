import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MyDataView } from '@regiekit/sdk/protocol';
import '../define/my-data.js';
import type { RegieMyData } from './my-data.js';
import { fakeServer } from '../testing/fake-server.js';
import { axeViolations, polyfillDialog } from '../testing/test-support.js';

const VIEW = '/api/v1/demo/my-data/views/viewAAAAAAAAAAAAAAAAAA';
const CONTRACT = 'https://energie.example/data/contract/v1';
const label = (nl: string, en = nl) => ({ nl, en });
const notice = {
  purposes: label('Levering van energie', 'Supplying energy'),
  legalBasis: 'contract' as const,
  recipients: label('Netbeheerder'),
  retention: label('7 jaar', '7 years'),
  source: label('Van u', 'From you'),
  portable: true,
};

function view(overrides: Partial<MyDataView> = {}): MyDataView {
  return {
    viewId: 'viewAAAAAAAAAAAAAAAAAA',
    expiresAt: '2026-11-23T10:30:00.000Z',
    provider: { id: 'demo-energie', displayName: label('Demo Energie', 'Demo Energy') },
    categories: [
      {
        serviceType: 'https://energie.example/data/customer/v1',
        title: label('Klantgegevens', 'Customer details'),
        notice: { ...notice, correctable: ['email'] },
        fields: [
          { name: 'name', label: label('Naam', 'Name'), correctable: false },
          { name: 'email', label: label('E-mail'), correctable: true },
        ],
        schema: { type: 'object' },
        data: { name: 'Willeke de Bruijn', email: 'willeke@example.nl' },
        issuedAt: '2026-11-23T10:00:00.000Z',
      },
      {
        serviceType: CONTRACT,
        title: label('Contract'),
        notice,
        fields: [
          { name: 'product', label: label('Product'), correctable: true },
          { name: 'startDate', label: label('Ingangsdatum', 'Start date'), correctable: true },
        ],
        schema: { type: 'object' },
        data: { product: 'Groene stroom', startDate: '2024-03-01' },
        issuedAt: '2026-11-23T10:00:00.000Z',
      },
      {
        serviceType: 'https://energie.example/data/meter-readings/v1',
        title: label('Meterstanden', 'Meter readings'),
        notice: {
          ...notice,
          portable: false,
          correctable: [],
          automatedDecisions: label('Voorschot uit verbruik', 'Advance from use'),
          itemLabels: {
            'readings.date': label('Datum', 'Date'),
            'readings.kWh': label('Stand (kWh)', 'Reading (kWh)'),
          },
        },
        fields: [{ name: 'readings', label: label('Meterstanden', 'Meter readings'), correctable: false }],
        schema: {
          type: 'object',
          properties: {
            readings: { type: 'array', items: { properties: { date: { type: 'string', format: 'date' } } } },
          },
        },
        data: {
          readings: Array.from({ length: 25 }, (_, i) => ({
            date: `2026-01-${String(i + 1).padStart(2, '0')}`,
            kWh: 1000 + i,
          })),
        },
        issuedAt: '2026-11-23T10:00:00.000Z',
      },
    ],
    corrections: [],
    ...overrides,
  };
}

beforeAll(polyfillDialog);
beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function mount(lang = 'nl', routes: Parameters<typeof fakeServer>[0] = {}) {
  const flows = { state: 'waiting' as 'waiting' | 'confirmed' | 'ended' };
  let current = view();
  const server = fakeServer({
    'POST /api/v1/demo/my-data/views': (init) =>
      JSON.parse(String(init!.body)).viewToken === 'token-ok-AAAAAAAAAAAAAAAA'
        ? { status: 200, body: { ...current, viewSecret: 'secret-'.padEnd(43, 's') } }
        : { status: 401, body: { error: { code: 'token_used', message: 'used' } } },
    [`GET ${VIEW}`]: () => ({ status: 200, body: current }),
    [`GET ${VIEW}/recipients`]: () => ({
      status: 200,
      body: {
        recipients: [
          {
            recipient: { id: 'demo-woning', displayName: label('Demo Woningcorporatie', 'Demo Housing') },
            serviceType: CONTRACT,
            purpose: { code: 'rental.application', text: label('Voor uw huuraanvraag', 'For your rental application') },
          },
        ],
      },
    }),
    [`POST ${VIEW}/corrections`]: () => ({
      status: 201,
      body: {
        flowId: 'flowAAAAAAAAAAAAAAAAAA',
        startUrl: 'https://regie.example/u/demo/flows/flowAAAAAAAAAAAAAAAAAA',
        expiresAt: '2026-11-23T10:30:00.000Z',
      },
    }),
    [`POST ${VIEW}/forwards`]: () => ({
      status: 201,
      body: {
        flowId: 'flowBBBBBBBBBBBBBBBBBB',
        startUrl: 'https://regie.example/u/demo/flows/flowBBBBBBBBBBBBBBBBBB',
        expiresAt: '2026-11-23T10:30:00.000Z',
      },
    }),
    [`POST ${VIEW}/wallet-offers`]: () => ({
      status: 201,
      body: {
        offerUrl: 'openid-credential-offer://?credential_offer=%7B%7D',
        qr: { size: 25, path: 'M2 2h1v1h-1z' },
        txCode: '493817',
        expiresAt: '2026-11-23T10:40:00.000Z',
      },
    }),
    [`GET ${VIEW}/flows/flowAAAAAAAAAAAAAAAAAA`]: () => ({ status: 200, body: { state: flows.state } }),
    [`GET ${VIEW}/flows/flowBBBBBBBBBBBBBBBBBB`]: () => ({ status: 200, body: { state: flows.state } }),
    ...routes,
  });
  vi.stubGlobal('fetch', server.fetch);
  const popup = { closed: false, location: { href: '' }, close: vi.fn() };
  const open = vi.spyOn(window, 'open').mockImplementation(() => popup as unknown as Window);
  document.body.innerHTML = `<div lang="${lang}"><regie-my-data server="https://regie.example" tenant="demo" view-token="token-ok-AAAAAAAAAAAAAAAA"></regie-my-data></div>`;
  const element = document.querySelector('regie-my-data') as RegieMyData;
  const root = element.shadowRoot!;
  const settle = async (ms = 0) => {
    await vi.advanceTimersByTimeAsync(ms);
    for (let i = 0; i < 5; i++) await element.updateComplete;
  };
  await settle(10);
  const button = (text: string, within: ParentNode = root) =>
    [...within.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text)!;
  const section = (title: string) =>
    [...root.querySelectorAll<HTMLElement>('section.category')].find(
      (s) => s.querySelector('h3')!.textContent === title,
    )!;
  return {
    element,
    root,
    server,
    popup,
    open,
    flows,
    settle,
    button,
    section,
    setView: (next: MyDataView) => (current = next),
    status: () => root.querySelector('[role="status"]')!.textContent!.trim(),
    alert: () => root.querySelector('[role="alert"]')!.textContent!.trim(),
  };
}

describe('<regie-my-data>', () => {
  it('shows every category with its labels, a table for lists, and why and how long, in Dutch', async () => {
    const page = await mount();
    expect(page.root.querySelector('h2')!.textContent).toBe('Uw gegevens bij Demo Energie');
    const customer = page.section('Klantgegevens');
    const terms = [...customer.querySelectorAll('dl.data dt')].map((dt) => dt.textContent);
    expect(terms).toEqual(['Naam', 'E-mail']);
    expect(customer.querySelector('dl.data dd')!.textContent!.trim()).toBe('Willeke de Bruijn');
    expect(customer.querySelector('summary')!.textContent).toBe('Waarom en hoe lang');
    expect(customer.querySelector('dl.notice')!.textContent).toContain('Uw contract');
    // Twenty lines, then a button for the rest.
    const readings = page.section('Meterstanden');
    expect([...readings.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Datum', 'Stand (kWh)']);
    expect(readings.querySelectorAll('tbody tr')).toHaveLength(20);
    // Days as the schema says they are: dates, in the reader's words.
    expect(readings.querySelector('tbody td')!.textContent).toBe('1 jan 2026');
    page.button('Toon alle 25 regels', readings).click();
    await page.settle();
    expect(readings.querySelectorAll('tbody tr')).toHaveLength(25);
    expect(readings.querySelector('dl.notice')!.textContent).toContain('Voorschot uit verbruik');
    // Not portable, nothing to correct: no actions there.
    expect(readings.querySelector('.actions')).toBeNull();
    expect(await axeViolations(page.element)).toEqual([]);
    page.root.querySelectorAll('details').forEach((details) => (details.open = true));
    expect(await axeViolations(page.element)).toEqual([]);
  });

  it('speaks English under lang="en"', async () => {
    const page = await mount('en');
    expect(page.root.querySelector('h2')!.textContent).toBe('Your data at Demo Energy');
    expect(page.button('Download everything')).toBeDefined();
    expect(page.section('Customer details').querySelector('summary')!.textContent).toBe('Why and for how long');
  });

  it('downloads the file the server makes, with its name', async () => {
    const page = await mount('nl', {
      [`GET ${VIEW}/download`]: () => ({ status: 200, body: 'zip' }),
    });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: vi.fn() }));
    page.button('Alles downloaden').click();
    await page.settle(10);
    expect(clicked).toEqual(['my-data.zip']);
    expect(page.status()).toBe('Het bestand met al uw gegevens is gedownload.');
    const sent = page.server.requests.find((r) => r.key === `GET ${VIEW}/download`)!;
    expect(new Headers(sent.init!.headers).get('Authorization')).toMatch(/^Bearer secret-/);
  });

  it('asks for a correction: says what is missing, then opens the confirmation window and reports the outcome', async () => {
    const page = await mount();
    const opener = page.button('Correctie vragen', page.section('Klantgegevens'));
    opener.click();
    await page.settle();
    expect(page.root.activeElement?.id).toBe('panel-title');
    const options = [...page.root.querySelectorAll<HTMLOptionElement>('#correct-field option')].map(
      (o) => o.textContent,
    );
    expect(options).toEqual(['', 'E-mail']);
    page.button('Verder, bevestigen met passkey').click();
    await page.settle();
    expect([...page.root.querySelectorAll('[aria-invalid="true"]')].map((e) => e.id)).toEqual([
      'correct-field',
      'correct-value',
      'correct-reason',
    ]);
    expect(page.root.activeElement?.id).toBe('correct-field');
    expect(page.open).not.toHaveBeenCalled();

    const select = page.root.querySelector<HTMLSelectElement>('#correct-field')!;
    select.value = 'email';
    select.dispatchEvent(new Event('change'));
    await page.settle();
    expect(page.root.querySelector('#correct-field-now')!.textContent).toBe('Nu: willeke@example.nl');
    const value = page.root.querySelector<HTMLInputElement>('#correct-value')!;
    value.value = 'w.debruijn@example.nl';
    value.dispatchEvent(new Event('input'));
    const reason = page.root.querySelector<HTMLTextAreaElement>('#correct-reason')!;
    reason.value = 'Oud adres';
    reason.dispatchEvent(new Event('input'));
    page.button('Verder, bevestigen met passkey').click();
    await page.settle(10);
    expect(page.open).toHaveBeenCalledWith('', 'regie-my-data', 'popup,width=560,height=980');
    expect(page.popup.location.href).toBe('https://regie.example/u/demo/flows/flowAAAAAAAAAAAAAAAAAA');
    const sent = JSON.parse(String(page.server.requests.find((r) => r.key === `POST ${VIEW}/corrections`)!.init!.body));
    expect(sent).toEqual({
      serviceType: 'https://energie.example/data/customer/v1',
      field: 'email',
      proposedValue: 'w.debruijn@example.nl',
      reason: 'Oud adres',
    });
    expect(page.status()).toBe('Bevestig het in het andere venster met uw passkey.');

    page.setView(
      view({
        corrections: [
          {
            correctionId: 'flowAAAAAAAAAAAAAAAAAA',
            serviceType: 'https://energie.example/data/customer/v1',
            field: 'email',
            fieldLabel: label('E-mail'),
            proposedValue: 'w.debruijn@example.nl',
            state: 'submitted',
            submittedAt: '2026-11-23T10:01:00.000Z',
            answerDueBy: '2026-12-23T10:01:00.000Z',
          },
        ],
      }),
    );
    page.flows.state = 'confirmed';
    await page.settle(1600);
    expect(page.status()).toBe('Uw correctieverzoek is verstuurd.');
    expect(page.root.querySelector('#panel-title')).toBeNull();
    expect(page.root.activeElement).toBe(opener);
    const listed = page.root.querySelector('.corrections li')!.textContent!.replace(/\s+/g, ' ');
    expect(listed).toContain('E-mail: w.debruijn@example.nl');
    expect(listed).toContain('Verstuurd, wacht op antwoord');
    expect(listed).toContain('Antwoord uiterlijk 23 december 2026');
    expect(await axeViolations(page.element)).toEqual([]);
  });

  it('forwards chosen fields to a recipient that takes them, with nothing ticked beforehand', async () => {
    const page = await mount();
    page.button('Doorsturen', page.section('Contract')).click();
    await page.settle(10);
    const boxes = [...page.root.querySelectorAll<HTMLInputElement>('.panel input[type="checkbox"]')];
    expect(boxes.map((box) => box.checked)).toEqual([false, false]);
    expect(page.root.querySelector('.panel')!.textContent).toContain('Voor uw huuraanvraag');
    expect(await axeViolations(page.element)).toEqual([]);
    page.button('Verder, bevestigen met passkey').click();
    await page.settle();
    expect(page.root.querySelector('.panel')!.textContent).toContain('Kies aan wie u het stuurt.');
    expect(page.root.querySelector('.panel')!.textContent).toContain('Vink ten minste één gegeven aan.');

    page.root.querySelector<HTMLInputElement>('.panel input[type="radio"]')!.click();
    boxes[0]!.click();
    await page.settle();
    page.button('Verder, bevestigen met passkey').click();
    await page.settle(10);
    const sent = JSON.parse(String(page.server.requests.find((r) => r.key === `POST ${VIEW}/forwards`)!.init!.body));
    expect(sent).toEqual({ serviceType: CONTRACT, recipientId: 'demo-woning', fields: ['product'] });
    page.flows.state = 'confirmed';
    await page.settle(1600);
    expect(page.status()).toBe('Uw gegevens staan klaar voor Demo Woningcorporatie.');
  });

  it('takes chosen fields into the customer’s own wallet: a code to scan and a PIN, no window, no passkey', async () => {
    const page = await mount();
    page.button('Doorsturen', page.section('Contract')).click();
    await page.settle(10);
    const wallet = [...page.root.querySelectorAll<HTMLInputElement>('.panel input[type="radio"]')].at(-1)!;
    expect(wallet.closest('label')!.textContent).toContain('Mijn eigen wallet');
    wallet.click();
    page.root.querySelector<HTMLInputElement>('.panel input[type="checkbox"]')!.click();
    await page.settle();
    page.button('Code voor mijn wallet maken').click();
    await page.settle(10);
    const sent = JSON.parse(
      String(page.server.requests.find((r) => r.key === `POST ${VIEW}/wallet-offers`)!.init!.body),
    );
    expect(sent).toEqual({ serviceType: CONTRACT, fields: ['product'] });
    expect(page.open).not.toHaveBeenCalled();
    expect(page.root.querySelector('#panel-title')!.textContent).toBe('Scan deze code met uw wallet-app');
    expect(page.root.querySelector('svg.qr path')!.getAttribute('d')).toBe('M2 2h1v1h-1z');
    expect(page.root.querySelector<HTMLAnchorElement>('.panel a')!.href).toMatch(/^openid-credential-offer:/);
    expect(page.root.querySelector('.pin')!.textContent).toBe('493817');
    expect(page.status()).toBe('De code voor uw wallet staat klaar.');
    expect(await axeViolations(page.element)).toEqual([]);
    page.button('Klaar').click();
    await page.settle();
    expect(page.root.querySelector('.panel')).toBeNull();
  });

  it('offers a link when the browser blocks the window, and says "not sent" when the flow ends unconfirmed', async () => {
    const page = await mount();
    page.open.mockImplementation(() => null);
    page.button('Doorsturen', page.section('Contract')).click();
    await page.settle(10);
    page.root.querySelector<HTMLInputElement>('.panel input[type="radio"]')!.click();
    page.root.querySelector<HTMLInputElement>('.panel input[type="checkbox"]')!.click();
    await page.settle();
    page.button('Verder, bevestigen met passkey').click();
    await page.settle(10);
    const link = page.root.querySelector<HTMLAnchorElement>('a[part="confirm-link"]')!;
    expect(link.href).toBe('https://regie.example/u/demo/flows/flowBBBBBBBBBBBBBBBBBB');
    expect(link.target).toBe('regie-my-data');
    expect(page.status()).toBe('Uw browser hield het venster tegen. Open het met de link.');
    page.flows.state = 'ended';
    await page.settle(1600);
    expect(page.status()).toBe('Niet verstuurd.');
  });

  it('says in words that a used or expired view token needs a reload', async () => {
    document.body.innerHTML = '';
    const server = fakeServer({
      'POST /api/v1/demo/my-data/views': () => ({
        status: 401,
        body: { error: { code: 'token_used', message: 'used' } },
      }),
    });
    vi.stubGlobal('fetch', server.fetch);
    document.body.innerHTML = `<regie-my-data server="https://regie.example" tenant="demo" view-token="used-token-AAAAAAAAAAAAAAA"></regie-my-data>`;
    const element = document.querySelector('regie-my-data') as RegieMyData;
    await vi.advanceTimersByTimeAsync(10);
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).toBe(
      'Deze weergave is verlopen. Laad de pagina opnieuw om uw gegevens weer te zien.',
    );
  });

  it('shows an overdue correction with where the customer can turn, and the company’s reasons for a refusal', async () => {
    const base = {
      serviceType: 'https://energie.example/data/customer/v1',
      field: 'email',
      fieldLabel: label('E-mail'),
      submittedAt: '2026-09-01T10:00:00.000Z',
      answerDueBy: '2026-10-01T10:00:00.000Z',
    };
    const page = await mount('nl', {});
    page.setView(
      view({
        corrections: [
          { ...base, correctionId: 'cAAAAAAAAAAAAAAAAAAAAA', proposedValue: 'a@example.nl', state: 'overdue' },
          {
            ...base,
            correctionId: 'cBBBBBBBBBBBBBBBBBBBBB',
            proposedValue: 'b@example.nl',
            state: 'refused',
            answeredAt: '2026-09-10T10:00:00.000Z',
            answer: 'Dit adres bestaat niet.',
          },
        ],
      }),
    );
    await (page.element as unknown as { refresh(): Promise<void> }).refresh();
    await page.settle();
    const items = [...page.root.querySelectorAll('.corrections li')].map((li) => li.textContent!.replace(/\s+/g, ' '));
    expect(items[0]).toContain(
      'Demo Energie heeft niet op tijd geantwoord. U kunt een klacht indienen bij de Autoriteit Persoonsgegevens.',
    );
    expect(items[1]).toContain('Antwoord van het bedrijf: Dit adres bestaat niet.');
    expect(items[1]).not.toContain('Antwoord uiterlijk');
  });
});
