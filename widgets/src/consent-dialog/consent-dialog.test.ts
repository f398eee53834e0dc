import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentState } from '@regiekit/sdk/protocol';
import '../define/consent-dialog.js';
import type { RegieConsentDialog } from './consent-dialog.js';
import { fakeServer } from '../testing/fake-server.js';
import { axeViolations, polyfillDialog } from '../testing/test-support.js';

const CONSENT_ID = 'consAAAAAAAAAAAAAAAAAA';
const STATUS_PATH = `/api/v1/demo/consents/${CONSENT_ID}`;
const REQUEST = {
  consentId: CONSENT_ID,
  startUrl: 'https://regie.example/u/demo/decide?flow=flowAAAAAAAAAAAAAAAAAA',
  statusToken: 'status-token-'.padEnd(43, 'x'),
};

beforeAll(polyfillDialog);
beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A consumer page with a button that opens the dialog, and the server's status endpoint driven by the test. */
async function mount(
  options: { states?: ConsentState[]; blocked?: boolean; lang?: string; sameWindow?: boolean } = {},
) {
  const states = options.states ?? ['requested', 'requested', 'accepted'];
  const server = fakeServer({
    [`GET ${STATUS_PATH}`]: (init) =>
      new Headers(init?.headers).get('authorization') === `Bearer ${REQUEST.statusToken}`
        ? { status: 200, body: { state: states.length > 1 ? states.shift() : states[0] } }
        : { status: 404, body: { error: { code: 'not_found', message: 'unknown consent' } } },
  });
  vi.stubGlobal('fetch', server.fetch);
  const popup = { closed: false, close: vi.fn(() => (popup.closed = true)) };
  const open = vi.fn(() => (options.blocked ? null : popup));
  vi.stubGlobal('open', open);

  document.body.innerHTML = `<main${options.lang ? ` lang="${options.lang}"` : ''}>
    <button id="ask" type="button">Vraag toestemming</button>
    <regie-consent-dialog server="https://regie.example" tenant="demo"${options.sameWindow ? ' same-window' : ''}></regie-consent-dialog>
  </main>`;
  const element = document.querySelector('regie-consent-dialog') as RegieConsentDialog;
  const outcomes: string[] = [];
  element.addEventListener('regie-consent-outcome', (e) => outcomes.push(`${e.outcome}:${e.bubbles && e.composed}`));
  const trigger = document.querySelector<HTMLButtonElement>('#ask')!;
  let result: Promise<string> | undefined;
  trigger.addEventListener('click', () => (result = element.open(REQUEST)));
  const settle = async (ms = 0) => {
    await vi.advanceTimersByTimeAsync(ms);
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(0);
      await element.updateComplete;
    }
  };
  await settle();
  const root = element.shadowRoot!;
  const dialog = root.querySelector('dialog')!;
  const status = () => root.querySelector('[role="status"]')!.textContent!.trim();
  const link = () => root.querySelector<HTMLAnchorElement>('a[part="consent-link"]');
  const polls = () => server.requests.filter((r) => r.key === `GET ${STATUS_PATH}`).length;
  const ask = async () => {
    trigger.focus();
    trigger.click();
    await settle();
  };
  return {
    element,
    root,
    dialog,
    popup,
    open,
    outcomes,
    trigger,
    status,
    link,
    polls,
    settle,
    ask,
    result: () => result,
  };
}

describe('<regie-consent-dialog>', () => {
  it('offers to decide in this tab instead when the page takes the outcome back (same-window), closing the popup', async () => {
    const page = await mount({ sameWindow: true });
    await page.ask();
    const here = page.root.querySelector<HTMLAnchorElement>('a[part="same-window-link"]')!;
    expect(here.textContent).toBe('Verder in dit venster');
    expect(here.getAttribute('href')).toBe(REQUEST.startUrl);
    expect(here.getAttribute('target')).toBeNull();
    expect(await axeViolations(page.dialog)).toEqual([]);
    here.addEventListener('click', (event) => event.preventDefault());
    here.click();
    expect(page.popup.close).toHaveBeenCalled();
    const polls = page.polls();
    await page.settle(6000);
    expect(page.polls()).toBe(polls);

    const plain = await mount();
    await plain.ask();
    expect(plain.root.querySelector('a[part="same-window-link"]')).toBeNull();
  });

  it('opens the consent page in a popup and a modal dialog, follows the status, and reports accepted', async () => {
    const page = await mount();
    await page.ask();
    expect(page.open).toHaveBeenCalledWith(REQUEST.startUrl, 'regie-consent', 'popup,width=560,height=980');
    expect(page.dialog.hasAttribute('open')).toBe(true);
    expect(page.root.getElementById(page.dialog.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Geef toestemming in het venster van regie',
    );
    expect(page.root.getElementById(page.dialog.getAttribute('aria-describedby')!)!.textContent).toContain(
      'met uw passkey',
    );
    expect(page.status()).toBe('Wacht op uw beslissing in het venster van regie.');
    expect(page.link()).toBeNull();
    expect(page.polls()).toBe(1);
    expect(await axeViolations(page.dialog)).toEqual([]);

    await page.settle(1500);
    expect(page.polls()).toBe(2);
    expect(page.outcomes).toEqual([]);
    await page.settle(1500);
    expect(page.outcomes).toEqual(['accepted:true']);
    expect(await page.result()).toBe('accepted');
    expect(page.popup.close).toHaveBeenCalled();
    expect(page.dialog.hasAttribute('open')).toBe(false);
    expect(document.activeElement).toBe(page.trigger);
    await page.settle(6000);
    expect(page.polls()).toBe(3);
  });

  it('reports rejected and expired as they are', async () => {
    const rejected = await mount({ states: ['rejected'] });
    await rejected.ask();
    expect(rejected.outcomes).toEqual(['rejected:true']);

    const expired = await mount({ states: ['requested', 'expired'] });
    await expired.ask();
    await expired.settle(1500);
    expect(expired.outcomes).toEqual(['expired:true']);
  });

  it('reports expired when the server has forgotten a request that lapsed', async () => {
    const page = await mount({ states: ['requested'] });
    await page.ask();
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ error: { code: 'not_found', message: 'unknown consent' } }), { status: 404 }),
    );
    await page.settle(1500);
    expect(page.outcomes).toEqual(['expired:true']);
    expect(page.popup.close).toHaveBeenCalled();
  });

  it('offers a link to the consent page when the popup is blocked, with the same window name', async () => {
    const page = await mount({ blocked: true, states: ['requested'] });
    await page.ask();
    expect(page.dialog.hasAttribute('open')).toBe(true);
    expect(page.status()).toBe(
      'Uw browser heeft het venster van regie tegengehouden. Open de toestemmingspagina met de link hieronder.',
    );
    const link = page.link()!;
    expect(link.textContent).toBe('Open de toestemmingspagina');
    expect(link.getAttribute('href')).toBe(REQUEST.startUrl);
    expect(link.getAttribute('target')).toBe('regie-consent');
    expect(link.hasAttribute('rel')).toBe(false);
    expect(await axeViolations(page.dialog)).toEqual([]);
    await page.settle(1500);
    expect(page.polls()).toBe(2);
  });

  it('offers the page again when the popup is closed before deciding', async () => {
    const page = await mount({ states: ['requested'] });
    await page.ask();
    page.popup.closed = true;
    await page.settle(1500);
    expect(page.status()).toBe('Het venster van regie is gesloten. U kunt de toestemmingspagina opnieuw openen.');
    expect(page.link()!.textContent).toBe('Open de toestemmingspagina');
    expect(page.outcomes).toEqual([]);
  });

  it('cancels with the button or Escape: closes popup and dialog, stops following, gives focus back', async () => {
    const page = await mount({ states: ['requested'] });
    await page.ask();
    const cancel = [...page.root.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Annuleren')!;
    cancel.click();
    await page.settle();
    expect(page.outcomes).toEqual(['cancelled:true']);
    expect(await page.result()).toBe('cancelled');
    expect(page.popup.close).toHaveBeenCalledTimes(1);
    expect(page.dialog.hasAttribute('open')).toBe(false);
    expect(document.activeElement).toBe(page.trigger);
    const polls = page.polls();
    await page.settle(6000);
    expect(page.polls()).toBe(polls);

    // Escape: the browser closes the dialog itself.
    page.popup.closed = false;
    await page.ask();
    page.dialog.close();
    await page.settle();
    expect(page.outcomes).toEqual(['cancelled:true', 'cancelled:true']);
    expect(page.popup.close).toHaveBeenCalledTimes(2);
    expect(document.activeElement).toBe(page.trigger);
  });

  it('says so when the status cannot be followed', async () => {
    const page = await mount();
    void page.element.open({ ...REQUEST, statusToken: 'not-this-consents-token'.padEnd(40, 'x') });
    await page.settle();
    expect(page.status()).toBe('Uw toestemming kan niet worden gevolgd. Annuleer en probeer het opnieuw.');
    await page.settle(6000);
    expect(page.polls()).toBe(1);
    expect(page.outcomes).toEqual([]);
  });

  it('speaks English under lang="en"', async () => {
    const page = await mount({ blocked: true, states: ['requested'], lang: 'en' });
    await page.ask();
    expect(page.root.querySelector('h2')!.textContent).toBe('Give your consent in the regie window');
    expect(page.root.textContent).toContain('with your passkey');
    expect(page.status()).toBe('Your browser blocked the regie window. Open the consent page with the link below.');
    expect(page.link()!.textContent).toBe('Open the consent page');
    expect([...page.root.querySelectorAll('button')].map((b) => b.textContent!.trim())).toEqual(['Cancel']);
    expect(await axeViolations(page.dialog)).toEqual([]);
  });
});
