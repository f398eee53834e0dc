import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallViewState } from '@regiekit/sdk/call';
import { RegieCallButton } from './call-button.js';
import '../define/call-button.js';
import { define } from '../shared/define.js';
import { axeViolations, polyfillDialog } from '../testing/test-support.js';

beforeAll(polyfillDialog);
afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

async function mount(html: string): Promise<RegieCallButton> {
  document.body.innerHTML = html;
  const element = document.querySelector('regie-call-button')!;
  await element.updateComplete;
  return element;
}

/** Puts the element in a view state as the SDK would, with the dialog open. */
async function show(element: RegieCallButton, view: CallViewState): Promise<ShadowRoot> {
  element.renderRoot.querySelector('dialog')!.showModal();
  (element as unknown as { view: CallViewState }).view = view;
  await element.updateComplete;
  return element.shadowRoot!;
}

const READY: CallViewState = { kind: 'ready', phoneNumber: '+31243299999', dtmfCode: '0012345678', telUrl: 'tel:+31243299999,0012345678', expiresAt: '2026-11-23T10:10:00Z' };

const ALL_STATES: CallViewState[] = [
  { kind: 'loading' },
  { kind: 'qr', qrPayload: 'https://open.yivi.app/-/session#%7B%22u%22%3A%22x%22%7D', appUrl: 'https://open.yivi.app/-/session#x' },
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
    const element = await mount('<regie-call-button server="https://bellen.example" tenant="nijmegen"></regie-call-button>');
    const events: string[] = [];
    for (const type of ['regie-call-start', 'regie-call-cancel'] as const) document.addEventListener(type, (event) => events.push(`${event.type}:${event.composed}`));
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('dialog')!.hasAttribute('open')).toBe(true);
    element.close();
    await element.updateComplete;
    expect(events).toEqual(['regie-call-start:true', 'regie-call-cancel:true']);
    expect(element.shadowRoot!.activeElement).toBe(element.shadowRoot!.querySelector('button[part="button"]'));
    vi.unstubAllGlobals();
  });
});
