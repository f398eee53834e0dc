import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallViewState } from '@regiekit/sdk/call';
import { drawQrCode } from '@regiekit/sdk/qr';
import { RegieCallButton } from './call-button.js';
import '../define/call-button.js';
import { define } from '../shared/define.js';
import { axeViolations, polyfillDialog } from '../testing/test-support.js';

beforeAll(polyfillDialog);
afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const SESSION_URL = 'https://irma.example/session/clientTokenAAAAAAAA';
const CREATED = {
  callId: 'callAAAAAAAAAAAAAAAAAA',
  callToken: 'tokenAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  sessionPtr: { u: SESSION_URL, irmaqr: 'disclosing' },
  frontendRequest: { authorization: 'frontend-auth', minProtocolVersion: '1.0', maxProtocolVersion: '1.1' },
  expiresAt: '2026-11-23T10:10:00Z',
};

/**
 * The regiekit server and the IRMA server as the browser sees them. Creating
 * the call waits for `release()` when `hold` is set, as a slow server would.
 */
function callServers({ hold = false } = {}) {
  const requests: { method: string; url: string; init: RequestInit | undefined }[] = [];
  let release: () => void = () => undefined;
  const released = hold ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    requests.push({ method, url, init });
    if (method === 'POST' && url.endsWith('/calls')) {
      await released;
      return json(CREATED, 201);
    }
    if (url === `${SESSION_URL}/frontend/status`) return json({ status: 'INITIALIZED' });
    if (method === 'DELETE' && url === SESSION_URL) return new Response(null, { status: 204 });
    return json({ error: { code: 'not_found', message: 'no route' } }, 404);
  });
  const cancels = () => requests.filter((r) => r.method === 'DELETE' && r.url === SESSION_URL);
  return { requests, cancels, release };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(html: string): Promise<RegieCallButton> {
  document.body.innerHTML = html;
  const element = document.querySelector('regie-call-button')!;
  await element.updateComplete;
  return element;
}

/** The QR encoder, as the element has it once the call's lazily loaded part is in (undefined before). */
const encoderOf = (element: RegieCallButton) =>
  (element as unknown as { drawQrCode: typeof drawQrCode | undefined }).drawQrCode;

/** Puts the element in a view state as the SDK would (its lazily loaded part in), with the dialog open. */
async function show(element: RegieCallButton, view: CallViewState): Promise<ShadowRoot> {
  element.renderRoot.querySelector('dialog')!.showModal();
  Object.assign(element, { view, drawQrCode });
  await element.updateComplete;
  return element.shadowRoot!;
}

const READY: CallViewState = {
  kind: 'ready',
  phoneNumber: '+31243299999',
  dtmfCode: '0012345678',
  telUrl: 'tel:+31243299999,0012345678',
  expiresAt: '2026-11-23T10:10:00Z',
};

const ALL_STATES: CallViewState[] = [
  { kind: 'loading' },
  {
    kind: 'qr',
    qrPayload: 'https://open.yivi.app/-/session#%7B%22u%22%3A%22x%22%7D',
    appUrl: 'https://open.yivi.app/-/session#x',
  },
  { kind: 'open-app', appUrl: 'intent://qr/json/x' },
  { kind: 'continue-in-app' },
  { kind: 'checking' },
  READY,
  { kind: 'cancelled' },
  { kind: 'timed-out' },
  { kind: 'error', reason: 'network' },
  { kind: 'error', reason: 'rejected' },
];

describe('<regie-call-button>', () => {
  it('can be defined twice without throwing, and warns about a different version', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(() => define('regie-call-button', RegieCallButton)).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
    class Other extends RegieCallButton {
      static override regiekitVersion = '9.9.9';
    }
    define('regie-call-button', Other);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('9.9.9'));
    expect(customElements.get('regie-call-button')).toBe(RegieCallButton);
  });

  it('speaks Dutch by default and English under lang="en", following changes', async () => {
    const element = await mount('<div lang="en"><regie-call-button tenant="arnhem"></regie-call-button></div>');
    const label = () => element.shadowRoot!.querySelector('button[part="button"]')!.textContent!.trim();
    expect(label()).toBe('Call with Yivi');
    element.setAttribute('lang', 'nl');
    await element.updateComplete;
    expect(label()).toBe('Bellen met Yivi');
    const dutch = await mount('<regie-call-button></regie-call-button>');
    expect(dutch.shadowRoot!.querySelector('button[part="button"]')!.textContent!.trim()).toBe('Bellen met Yivi');
  });

  it('names its dialog, and the QR code has a text alternative and an app link next to it', async () => {
    const element = await mount('<regie-call-button></regie-call-button>');
    const root = await show(element, ALL_STATES[1]!);
    const dialog = root.querySelector('dialog')!;
    expect(root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('Bellen met Yivi');
    const qr = root.querySelector('svg[part="qr"]')!;
    expect(qr.getAttribute('role')).toBe('img');
    expect(qr.getAttribute('aria-label')).toBe('QR-code om te scannen met de Yivi-app');
    expect(qr.querySelector('path')!.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(root.querySelector('a[href^="https://open.yivi.app"]')!.textContent).toBe('Open de Yivi-app');
  });

  it('loads the Yivi client and the QR encoder when the button gets focus, before any click and without asking the server', async () => {
    const { requests } = callServers();
    const element = await mount('<regie-call-button></regie-call-button>');
    expect(encoderOf(element)).toBeUndefined();
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.focus();
    await vi.waitFor(() => expect(encoderOf(element)).toBeTypeOf('function'));
    expect(requests).toEqual([]);
  });

  it('shows number, grouped code, a digit-by-digit reading and a tel: link', async () => {
    const element = await mount('<regie-call-button></regie-call-button>');
    const root = await show(element, READY);
    expect(root.querySelector('.number')!.textContent).toBe('+31 24 329 9999');
    expect(root.querySelector('.code')!.textContent).toBe('001 234 5678');
    expect(root.querySelector('.code')!.getAttribute('aria-hidden')).toBe('true');
    expect(root.querySelector('[data-code]')!.textContent).toBe('0 0 1 2 3 4 5 6 7 8');
    expect(root.querySelector('a[part="call-link"]')!.getAttribute('href')).toBe('tel:+31243299999,0012345678');
    expect(root.querySelector('[role="status"]')!.textContent).toBe('U kunt nu bellen');
  });

  it.each(ALL_STATES.map((state) => [state.kind + ('reason' in state ? `/${state.reason}` : ''), state] as const))(
    'has no axe violations in state %s',
    async (_name, state) => {
      const element = await mount('<regie-call-button></regie-call-button>');
      const root = await show(element, state);
      expect(await axeViolations(root.querySelector('dialog')!)).toEqual([]);
    },
  );

  it('offers retry after cancel, time-out and errors', async () => {
    const element = await mount('<div lang="en"><regie-call-button></regie-call-button></div>');
    for (const state of ALL_STATES.slice(6)) {
      const root = await show(element, state);
      expect([...root.querySelectorAll('dialog button')].map((b) => b.textContent!.trim())).toContain('Try again');
    }
  });

  it('announces start and cancel as composed events, and cancels when the dialog closes', async () => {
    vi.stubGlobal('fetch', () => new Promise(() => undefined));
    const element = await mount(
      '<regie-call-button server="https://bellen.example" tenant="nijmegen"></regie-call-button>',
    );
    const events: string[] = [];
    for (const type of ['regie-call-start', 'regie-call-cancel'] as const)
      document.addEventListener(type, (event) => events.push(`${event.type}:${event.composed}`));
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('dialog')!.hasAttribute('open')).toBe(true);
    element.close();
    await element.updateComplete;
    expect(events).toEqual(['regie-call-start:true', 'regie-call-cancel:true']);
    expect(element.shadowRoot!.activeElement).toBe(element.shadowRoot!.querySelector('button[part="button"]'));
    vi.unstubAllGlobals();
  });

  describe('every way out cancels the Yivi session, so no wallet can disclose to an abandoned call', () => {
    const open = async () => {
      const element = await mount(
        '<regie-call-button server="https://bellen.example" tenant="nijmegen"></regie-call-button>',
      );
      element.open();
      await element.updateComplete;
      return element;
    };
    const view = (element: RegieCallButton) => (element as unknown as { view: CallViewState }).view;

    it('closing while the call is still being created cancels it once it exists', async () => {
      const servers = callServers({ hold: true });
      const element = await open();
      expect(view(element).kind).toBe('loading');
      element.close();
      servers.release();
      await vi.waitFor(() => expect(servers.cancels()).toHaveLength(1));
      expect(servers.cancels()[0]!.init).toMatchObject({ keepalive: true });
      expect(servers.requests.some((r) => r.url.includes('/frontend/status'))).toBe(false);
    });

    it('leaving the page (pagehide) cancels a session whose QR code is showing', async () => {
      const servers = callServers();
      const element = await open();
      await vi.waitFor(() => expect(view(element).kind).toBe('qr'));
      window.dispatchEvent(new Event('pagehide'));
      await vi.waitFor(() => expect(servers.cancels().length).toBeGreaterThan(0));
      expect(servers.cancels().some((r) => r.init?.keepalive)).toBe(true);
      expect(view(element).kind).toBe('cancelled');
    });

    it('removing the element from the page cancels it too', async () => {
      const servers = callServers();
      const element = await open();
      await vi.waitFor(() => expect(view(element).kind).toBe('qr'));
      element.remove();
      await vi.waitFor(() => expect(servers.cancels().some((r) => r.init?.keepalive)).toBe(true));
      // Once removed, the element no longer listens for the page being left.
      const sent = servers.cancels().length;
      window.dispatchEvent(new Event('pagehide'));
      await tick();
      expect(servers.cancels()).toHaveLength(sent);
    });

    it('leaves a call alone once number and code are shown', async () => {
      const servers = callServers();
      const element = await open();
      await vi.waitFor(() => expect(view(element).kind).toBe('qr'));
      const session = (element as unknown as { session: { current: CallViewState } }).session;
      session.current = READY;
      const before = servers.cancels().length;
      (session as unknown as { cancel(): void }).cancel();
      await tick();
      expect(servers.cancels().filter((r) => r.init?.keepalive)).toHaveLength(before);
    });
  });

  it('follows a change of the page language at run time', async () => {
    document.documentElement.lang = 'nl';
    const element = await mount('<main><regie-call-button></regie-call-button></main>');
    const label = () => element.shadowRoot!.querySelector('button[part="button"]')!.textContent!.trim();
    expect(label()).toBe('Bellen met Yivi');
    document.documentElement.lang = 'en';
    await vi.waitFor(() => expect(label()).toBe('Call with Yivi'));
    document.querySelector('main')!.setAttribute('lang', 'nl');
    await vi.waitFor(() => expect(label()).toBe('Bellen met Yivi'));
  });

  it('tells the citizen the service cannot be reached from this page, not that their internet is down, when online', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const element = await mount(
      '<regie-call-button server="https://bellen.example" tenant="nijmegen"></regie-call-button>',
    );
    element.open();
    await vi.waitFor(() =>
      expect(element.shadowRoot!.querySelector('dialog p')!.textContent).toContain('vanaf deze pagina niet bereikbaar'),
    );
    expect(element.shadowRoot!.querySelector('dialog')!.textContent).not.toContain('internet');
    expect(await axeViolations(element.shadowRoot!.querySelector('dialog')!)).toEqual([]);
  });

  it('names the Content-Security-Policy in the console when it blocks the server', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const element = await mount(
      '<regie-call-button server="https://blocked.example" tenant="nijmegen"></regie-call-button>',
    );
    element.open();
    const violation = new Event('securitypolicyviolation') as Event & {
      blockedURI: string;
      effectiveDirective: string;
      violatedDirective: string;
    };
    Object.assign(violation, {
      blockedURI: 'https://blocked.example/api/v1/nijmegen/calls',
      effectiveDirective: 'connect-src',
      violatedDirective: 'connect-src',
    });
    document.dispatchEvent(violation);
    expect(error).toHaveBeenCalledWith(
      expect.stringMatching(
        /Content-Security-Policy of this page blocks requests to https:\/\/blocked\.example \(connect-src\)/,
      ),
    );
  });

  it('keeps each group of the number and the code on one line', async () => {
    const element = await mount('<regie-call-button></regie-call-button>');
    const root = await show(element, READY);
    expect([...root.querySelectorAll('.number .group')].map((g) => g.textContent)).toEqual([
      '+31',
      '24',
      '329',
      '9999',
    ]);
    expect([...root.querySelectorAll('.code .group')].map((g) => g.textContent)).toEqual(['001', '234', '5678']);
  });
});
