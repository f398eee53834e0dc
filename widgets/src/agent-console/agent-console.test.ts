import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleCall } from '@regiekit/sdk/protocol';
import '../define/agent-console.js';
import type { RegieAgentConsole } from './agent-console.js';
import { AGENT_ID, FakeEventSource, fakeServer, sessionInfo } from '../testing/fake-server.js';
import { axeViolations, polyfillDialog } from '../testing/test-support.js';

const CALL: ConsoleCall = {
  callId: 'callAAAAAAAAAAAAAAAAAA',
  purpose: 'general',
  purposeLabel: { nl: 'Algemene vraag', en: 'General question' },
  firstNames: 'Willeke Liselotte',
  surname: 'De Bruijn',
  bsnMasked: '••••••653',
  disclosedAt: new Date(Date.now() - 3 * 60_000).toISOString(),
  calledAt: new Date().toISOString(),
  hasExternalLink: true,
};

beforeAll(polyfillDialog);
beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

const settle = async (element: RegieAgentConsole) => {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await element.updateComplete;
  }
};

async function mount(html: string, routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer(routes);
  vi.stubGlobal('fetch', server.fetch);
  document.body.innerHTML = html;
  const element = document.querySelector('regie-agent-console')!;
  await settle(element);
  return { element, root: element.shadowRoot!, server };
}

describe('<regie-agent-console>', () => {
  it('asks for organisation, username and password when nobody is signed in', async () => {
    const { root } = await mount('<regie-agent-console server="https://bellen.example"></regie-agent-console>', {
      'GET /api/tenants': () => ({
        status: 200,
        body: { tenants: [{ id: 'nijmegen', displayName: 'Gemeente Nijmegen' }] },
      }),
    });
    expect([...root.querySelectorAll('label')].map((l) => l.textContent)).toEqual([
      'Organisatie',
      'Gebruikersnaam',
      'Wachtwoord',
    ]);
    expect(root.querySelector('option')!.textContent).toBe('Gemeente Nijmegen');
    expect(await axeViolations(root.querySelector('form')!)).toEqual([]);
  });

  it('shows a failed sign-in as an alert tied to the form', async () => {
    const { element, root } = await mount(
      '<regie-agent-console server="https://bellen.example" tenant="nijmegen"></regie-agent-console>',
      {
        'GET /api/v1/nijmegen/auth/session': () => ({
          status: 401,
          body: { error: { code: 'unauthorized', message: 'x' } },
        }),
        'POST /api/v1/nijmegen/auth/login': () => ({
          status: 401,
          body: { error: { code: 'invalid_credentials', message: 'x' } },
        }),
      },
    );
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(element);
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('Gebruikersnaam of wachtwoord is onjuist.');
    expect(root.querySelector('form')!.getAttribute('aria-describedby')).toBe('form-error');
  });

  it('lists callers live with a masked BSN and named actions, and follows takes and ends', async () => {
    const { element, root, server } = await mount(
      '<regie-agent-console server="https://bellen.example" tenant="nijmegen"></regie-agent-console>',
      {
        'GET /api/v1/nijmegen/auth/session': () => ({ status: 200, body: sessionInfo() }),
        [`POST /api/v1/nijmegen/console/calls/${CALL.callId}/take`]: () => ({ status: 204 }),
        [`POST /api/v1/nijmegen/console/calls/${CALL.callId}/bsn`]: () => ({ status: 200, body: { bsn: '999993653' } }),
      },
    );
    const feed = FakeEventSource.instances[0]!;
    expect(feed.url).toBe('https://bellen.example/api/v1/nijmegen/console/events');
    expect(feed.init).toEqual({ withCredentials: true });
    feed.emit({ type: 'snapshot', seq: 0, calls: [] });
    await settle(element);
    expect(root.querySelector('caption')!.textContent).toBe('0 bellers');
    feed.emit({ type: 'call-added', seq: 1, call: CALL });
    await settle(element);
    const row = root.querySelector('tbody tr')!;
    expect(row.querySelector('th')!.textContent).toBe('Willeke Liselotte De Bruijn');
    expect(row.textContent).toContain('••••••653');
    expect(row.textContent).toContain('3 minuten geleden');
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Nieuwe beller: Willeke Liselotte De Bruijn');
    const link = row.querySelector('a')!;
    expect(link.getAttribute('href')).toBe(`https://bellen.example/api/v1/nijmegen/console/calls/${CALL.callId}/link`);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await axeViolations(root.querySelector('table')!)).toEqual([]);

    [...row.querySelectorAll('button')].find((b) => b.textContent!.includes('Toon BSN'))!.click();
    await settle(element);
    expect(row.querySelector('.bsn')!.textContent).toBe('999993653');

    [...row.querySelectorAll('button')].find((b) => b.textContent!.includes('Opnemen'))!.click();
    await settle(element);
    const take = server.requests.find((r) => r.key.endsWith('/take'))!;
    expect(new Headers(take.init!.headers).get('X-CSRF-Token')).toBe('csrf-token');
    feed.emit({
      type: 'call-taken',
      seq: 2,
      callId: CALL.callId,
      takenBy: { agentId: AGENT_ID, displayName: 'Anna Jansen' },
    });
    await settle(element);
    expect(root.querySelector('tbody tr')!.textContent).toContain('U spreekt deze beller');

    feed.emit({ type: 'call-ended', seq: 3, callId: CALL.callId });
    await settle(element);
    expect(root.querySelector('tbody')!.textContent).toContain('Er zijn nu geen bellers');
    expect(root.querySelector('[role="status"]')!.textContent).toBe(
      'Gesprek met Willeke Liselotte De Bruijn is beëindigd',
    );
  });

  it('shows a colleague’s take and speaks English under lang="en"', async () => {
    const { element, root } = await mount(
      '<div lang="en"><regie-agent-console tenant="nijmegen"></regie-agent-console></div>',
      {
        'GET /api/v1/nijmegen/auth/session': () => ({ status: 200, body: sessionInfo() }),
      },
    );
    FakeEventSource.instances[0]!.emit({
      type: 'snapshot',
      seq: 5,
      calls: [
        { ...CALL, callerId: '+31612345678', takenBy: { agentId: 'otherAAAAAAAAAAAAAAAAA', displayName: 'Bram' } },
      ],
    });
    await settle(element);
    const row = root.querySelector('tbody tr')!;
    expect(row.textContent).toContain('Taken by Bram');
    // Caller id: shown as a signal, said to be unverified.
    expect(row.querySelector('.caller-id')!.textContent).toBe('calling from +31612345678 (not verified)');
    expect([...row.querySelectorAll('button')].map((b) => b.textContent!.trim())).toEqual([
      'Show BSN: Willeke Liselotte De Bruijn',
    ]);
    expect(root.querySelector('caption')!.textContent).toBe('1 caller');
    expect(await axeViolations(root.querySelector('table')!)).toEqual([]);
  });

  it('shows a banner while codes are not resolved, from the snapshot or a later event, and drops it by itself when the pause ends', async () => {
    const { element, root } = await mount('<regie-agent-console tenant="nijmegen"></regie-agent-console>', {
      'GET /api/v1/nijmegen/auth/session': () => ({ status: 200, body: sessionInfo() }),
    });
    const banner = () => root.querySelector('.paused');
    const feed = FakeEventSource.instances[0]!;
    const until = new Date(Date.now() + 1_500);
    const time = until.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' });

    feed.emit({ type: 'snapshot', seq: 0, calls: [] });
    await settle(element);
    expect(banner()).toBeNull();
    feed.emit({ type: 'resolution-paused', seq: 1, until: until.toISOString() });
    await settle(element);
    expect(banner()!.getAttribute('role')).toBe('alert');
    expect(banner()!.textContent).toBe(
      `Codes worden tijdelijk niet herkend: te veel foute codes. Bellers komen ongeïdentificeerd in de wachtrij. Tot ${time}.`,
    );
    expect(await axeViolations(root as unknown as Element)).toEqual([]);

    // A reconnection during the pause: the snapshot carries it; the banner follows the page's language.
    feed.emit({ type: 'snapshot', seq: 2, calls: [CALL], resolutionPausedUntil: until.toISOString() });
    document.documentElement.lang = 'en';
    await settle(element);
    expect(banner()!.textContent).toBe(
      `Codes are temporarily not recognised: too many wrong codes. Callers join the queue unidentified. Until ${until.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}.`,
    );
    expect(await axeViolations(root as unknown as Element)).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, until.getTime() - Date.now() + 200));
    await settle(element);
    expect(banner()).toBeNull();
    document.documentElement.removeAttribute('lang');
  });

  it('opens its stream again when the server could not serve it for a moment, and signs out only when the session ended', async () => {
    let sessionAnswer: 'ok' | 'unavailable' | 'ended' = 'unavailable';
    const { element, root } = await mount('<regie-agent-console tenant="nijmegen"></regie-agent-console>', {
      'GET /api/v1/nijmegen/auth/session': () =>
        sessionAnswer === 'ok' || FakeEventSource.instances.length === 0
          ? { status: 200, body: sessionInfo() }
          : sessionAnswer === 'unavailable'
            ? { status: 503, body: { error: { code: 'upstream_unavailable', message: 'storage away' } } }
            : { status: 401, body: { error: { code: 'unauthorized', message: 'ended' } } },
    });
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      // The store was away: the browser gave the stream up after an error answer, the session check fails too.
      const first = FakeEventSource.instances[0]!;
      first.close();
      first.dispatchEvent(new Event('error'));
      await settle(element);
      expect(root.querySelector('form')).toBeNull();
      await vi.advanceTimersByTimeAsync(3_000);
      expect(FakeEventSource.instances).toHaveLength(2);
      FakeEventSource.instances[1]!.emit({ type: 'snapshot', seq: 4, calls: [CALL] });
      await settle(element);
      expect(root.querySelector('caption')!.textContent).toBe('1 beller');

      // Now the session really ended: the agent is asked to sign in again.
      sessionAnswer = 'ended';
      const second = FakeEventSource.instances[1]!;
      second.close();
      second.dispatchEvent(new Event('error'));
      await settle(element);
      expect(root.querySelector('form')).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a wide table from scrolling the page: it scrolls in its own named, focusable region', async () => {
    const { element, root } = await mount('<regie-agent-console tenant="nijmegen"></regie-agent-console>', {
      'GET /api/v1/nijmegen/auth/session': () => ({ status: 200, body: sessionInfo() }),
    });
    FakeEventSource.instances[0]!.emit({ type: 'snapshot', seq: 0, calls: [CALL] });
    await settle(element);
    const region = root.querySelector('table')!.parentElement!;
    expect(region.getAttribute('role')).toBe('region');
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(root.getElementById(region.getAttribute('aria-labelledby')!)!.textContent).toBe('1 beller');
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
  });

  it('loads the Twilio Voice SDK only for a tenant whose calls ring in the browser, and lets the agent answer by keyboard', async () => {
    // Not on Twilio: no token, and the SDK is never fetched.
    const plain = await mount('<regie-agent-console tenant="nijmegen"></regie-agent-console>', {
      'GET /api/v1/nijmegen/auth/session': () => ({ status: 200, body: sessionInfo() }),
    });
    expect(plain.server.requests.some((r) => r.key.endsWith('/console/voice-token'))).toBe(true);
    expect(plain.root.querySelector('.phone')).toBeNull();
    document.body.innerHTML = '';

    const listeners = new Map<string, (call?: unknown) => void>();
    const calls: string[] = [];
    class FakeDevice {
      constructor(readonly token: string) {
        calls.push(`device ${token}`);
      }
      on(event: string, listener: (call?: unknown) => void) {
        listeners.set(event, listener);
      }
      async register() {
        listeners.get('registered')!();
      }
      updateToken() {}
      destroy() {
        calls.push('destroyed');
      }
    }
    const server = fakeServer({
      'GET /api/v1/nijmegen/auth/session': () => ({ status: 200, body: sessionInfo() }),
      'GET /api/v1/nijmegen/console/voice-token': () => ({
        status: 200,
        body: { token: 'voice-jwt', identity: 'agent_x', expiresAt: new Date(Date.now() + 3600_000).toISOString() },
      }),
    });
    vi.stubGlobal('fetch', server.fetch);
    const element = document.createElement('regie-agent-console') as RegieAgentConsole;
    element.setAttribute('tenant', 'nijmegen');
    element.loadVoiceDevice = async () => {
      calls.push('sdk loaded');
      return FakeDevice as never;
    };
    document.body.append(element);
    await settle(element);
    expect(calls).toEqual(['sdk loaded', 'device voice-jwt']);
    const root = element.shadowRoot!;
    expect(root.querySelector('.phone')!.textContent).toContain('Telefoon in de browser: klaar');

    // The caller the agent took is put through: it rings here, and the agent answers by keyboard.
    const callEvents = new Map<string, () => void>();
    const incoming = {
      accept: () => calls.push('accepted'),
      reject: () => calls.push('rejected'),
      disconnect: () => calls.push('hung up'),
      on: (event: string, listener: () => void) => callEvents.set(event, listener),
    };
    listeners.get('incoming')!(incoming);
    await settle(element);
    const answer = [...root.querySelectorAll('.phone button')].find(
      (b) => b.textContent === 'Opnemen',
    ) as HTMLButtonElement;
    expect(await axeViolations(root.querySelector('.phone')!)).toEqual([]);
    answer.focus();
    answer.click();
    await settle(element);
    expect(calls).toContain('accepted');
    expect(root.querySelector('.phone')!.textContent).toContain('In gesprek');
    (root.querySelector('.phone button') as HTMLButtonElement).click();
    expect(calls).toContain('hung up');
    callEvents.get('disconnect')!();
    await settle(element);
    expect(root.querySelector('.phone')!.textContent).toContain('klaar');
    element.remove();
    expect(calls.at(-1)).toBe('destroyed');
  });
});
