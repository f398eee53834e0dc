import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectTokenStatusName } from '@regiekit/sdk/protocol';
import '../define/connect-token.js';
import type { RegieConnectToken } from './connect-token.js';
import { fakeServer } from '../testing/fake-server.js';
import { axeViolations, polyfillDialog } from '../testing/test-support.js';

const TOKEN_PATH = '/api/v1/demo/connect-tokens/tokAAAAAAAAAAAAAAAAAAA';
const minted = (n: number) => ({
  tokenId: 'tokAAAAAAAAAAAAAAAAAAA',
  connectUrl: `https://regie.example/u/demo/scan#t=token${n}AAAAAAAAAAAAAAAAAAAAAA`,
  statusToken: 'status-token-'.padEnd(40, 'x'),
  expiresAt: '2026-11-23T10:10:00.000Z',
});

beforeAll(polyfillDialog);
beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  document.body.innerHTML = '';
  sessionStorage.clear();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A portal backend and regiekit server in one: the test moves the token's status along. */
async function mount(wrapperLang = '') {
  const token = { status: 'waiting' as ConnectTokenStatusName, attemptsLeft: 3, mints: 0 };
  const statusBody = () => ({
    status: token.status,
    expiresAt: '2026-11-23T10:10:00.000Z',
    confirmationAttemptsLeft: token.attemptsLeft,
  });
  const server = fakeServer({
    'POST /portal/connect-token': () => {
      token.mints += 1;
      token.status = 'waiting';
      return { status: 200, body: minted(token.mints) };
    },
    [`GET ${TOKEN_PATH}`]: () => ({ status: 200, body: statusBody() }),
    [`POST ${TOKEN_PATH}/confirm`]: (init) => {
      if (JSON.parse(String(init!.body)).code === 'K7R4MX') {
        token.status = 'connected';
        return { status: 200, body: statusBody() };
      }
      token.attemptsLeft -= 1;
      return { status: 400, body: { error: { code: 'wrong_confirmation_code', message: 'wrong code' } } };
    },
  });
  vi.stubGlobal('fetch', server.fetch);
  const events: string[] = [];
  document.addEventListener('regie-connect-token-status', (e) =>
    events.push(`status:${e.status}:${e.bubbles && e.composed}`),
  );
  document.addEventListener('regie-connected', (e) => events.push(`connected:${e.bubbles && e.composed}`));
  const attrs = 'server="https://regie.example" tenant="demo" mint-url="https://portal.example/portal/connect-token"';
  document.body.innerHTML = wrapperLang
    ? `<div lang="${wrapperLang}"><regie-connect-token ${attrs}></regie-connect-token></div>`
    : `<regie-connect-token ${attrs}></regie-connect-token>`;
  const element = document.querySelector('regie-connect-token') as RegieConnectToken;
  const settle = async (ms = 0) => {
    await vi.advanceTimersByTimeAsync(ms);
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(0);
      await element.updateComplete;
    }
  };
  await settle();
  const root = element.shadowRoot!;
  const status = () => root.querySelector('[role="status"]')!.textContent!.trim();
  const buttons = () => [...root.querySelectorAll('button')].map((b) => b.textContent!.trim());
  const submitCode = async (code: string) => {
    root.querySelector<HTMLInputElement>('#code')!.value = code;
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
  };
  return { element, root, server, token, events, settle, status, buttons, submitCode };
}

describe('<regie-connect-token>', () => {
  it('mints through the portal backend and shows the QR code with a text alternative and a link', async () => {
    const { root, server, status, buttons } = await mount();
    const mint = server.requests.find((r) => r.key === 'POST /portal/connect-token')!;
    expect(mint.init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    const qr = root.querySelector('svg[part="qr"]')!;
    expect(qr.getAttribute('role')).toBe('img');
    expect(qr.getAttribute('aria-label')).toContain('QR-code');
    const link = root.querySelector<HTMLAnchorElement>('a[part="connect-link"]')!;
    expect(link.href).toBe(minted(1).connectUrl);
    expect(link.textContent).toContain('Koppelen op dit apparaat');
    expect(status()).toBe('Wacht op scannen');
    expect(buttons()).toEqual(['Nieuwe code']);
    const statusRequest = server.requests.find((r) => r.key === `GET ${TOKEN_PATH}`)!;
    expect(new Headers(statusRequest.init!.headers).get('Authorization')).toBe(`Bearer ${minted(1).statusToken}`);
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
  });

  it('asks for the code the phone shows once scanned, says how many tries are left, and reports the connection once', async () => {
    const { root, token, events, settle, status, submitCode } = await mount();
    token.status = 'scanned';
    await settle(1500);
    expect(status()).toBe('Gescand');
    expect(root.querySelector('svg[part="qr"]')).toBeNull();
    const input = root.querySelector<HTMLInputElement>('#code')!;
    expect(root.querySelector(`label[for="code"]`)!.textContent).toBe('Bevestigingscode');
    expect(root.getElementById('code-hint')!.textContent).toContain('Typ nooit een code die iemand anders u geeft');
    expect(input.getAttribute('aria-describedby')).toBe('code-hint');
    expect(root.querySelector('button[type="submit"]')!.textContent).toBe('Bevestigen');
    expect(await axeViolations(root as unknown as Element)).toEqual([]);

    await submitCode('AAA AAA');
    expect(root.querySelector('[role="alert"]')!.textContent).toBe(
      'Deze code klopt niet. U kunt het nog 2 keer proberen.',
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('code-hint code-error');
    expect(root.activeElement).toBe(input);
    expect(await axeViolations(root as unknown as Element)).toEqual([]);

    await submitCode('12');
    expect(root.querySelector('[role="alert"]')!.textContent).toBe(
      'Typ de zes letters en cijfers die uw telefoon toont.',
    );

    await submitCode('k7r-4mx');
    expect(status()).toBe('Gekoppeld');
    expect(root.textContent).toContain('Uw klantaccount is gekoppeld aan uw regie-account.');
    expect(events).toEqual(['status:waiting:true', 'status:scanned:true', 'status:connected:true', 'connected:true']);
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
  });

  it('stops polling once connected, and when taken off the page', async () => {
    const { element, server, token, settle } = await mount();
    const polls = () => server.requests.filter((r) => r.key === `GET ${TOKEN_PATH}`).length;
    await settle(1500);
    expect(polls()).toBe(2);
    element.remove();
    await settle(6000);
    expect(polls()).toBe(2);
    document.body.append(element);
    await settle(1500);
    expect(polls()).toBe(4);
    token.status = 'connected';
    await settle(1500);
    await settle(6000);
    expect(polls()).toBe(5);
  });

  it('offers a new code as the main action once expired, and mints again', async () => {
    const { root, token, server, settle, status } = await mount();
    token.status = 'expired';
    await settle(1500);
    expect(status()).toBe('Verlopen');
    expect(root.textContent).toContain('Deze QR-code is verlopen.');
    const newCode = root.querySelector<HTMLButtonElement>('button[part="new-code"]')!;
    expect(newCode.classList.contains('secondary')).toBe(false);
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
    newCode.click();
    await settle();
    expect(server.requests.filter((r) => r.key === 'POST /portal/connect-token')).toHaveLength(2);
    expect(status()).toBe('Wacht op scannen');
    expect(root.querySelector<HTMLAnchorElement>('a[part="connect-link"]')!.href).toBe(minted(2).connectUrl);
  });

  it('says so when the portal cannot mint, and tries again on request', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 500 }));
    document.body.innerHTML =
      '<regie-connect-token server="https://regie.example" tenant="demo" mint-url="https://portal.example/m"></regie-connect-token>';
    const element = document.querySelector('regie-connect-token')!;
    await vi.advanceTimersByTimeAsync(0);
    await element.updateComplete;
    const root = element.shadowRoot!;
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('Er kon geen koppelcode worden gemaakt');
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
  });

  it('speaks English under lang="en"', async () => {
    const { root, token, settle, status, buttons, submitCode } = await mount('en');
    expect(status()).toBe('Waiting for the scan');
    expect(buttons()).toEqual(['New code']);
    token.status = 'scanned';
    await settle(1500);
    expect(root.querySelector('label[for="code"]')!.textContent).toBe('Confirmation code');
    expect(root.querySelector('button[type="submit"]')!.textContent).toBe('Confirm');
    expect(root.getElementById('code-hint')!.textContent).toContain('Never type a code someone else gives you');
    await submitCode('AAAAAA');
    expect(root.querySelector('[role="alert"]')!.textContent).toBe(
      'This code is not correct. You can try 2 more times.',
    );
    await submitCode('K7R4MX');
    expect(status()).toBe('Connected');
    // Connected: nothing to start again, so no new code is offered.
    expect(root.querySelector('button[part="new-code"]')).toBeNull();
    expect(await axeViolations(root as unknown as Element)).toEqual([]);

    const again = await mount('en');
    again.token.status = 'expired';
    await again.settle(1500);
    expect(again.status()).toBe('Expired');
  });

  it('leaves for the account page in the same tab, and picks the same token up again on return', async () => {
    vi.setSystemTime(new Date('2026-11-23T10:00:00Z'));
    const first = await mount();
    const link = first.root.querySelector<HTMLAnchorElement>('a[part="connect-link"]')!;
    expect(link.getAttribute('target')).toBeNull();
    link.addEventListener('click', (event) => event.preventDefault());
    link.click();
    // The page comes back (a new element, as after navigating back): it follows the same token, mints none.
    const back = await mount();
    expect(back.server.requests.filter((request) => request.key.startsWith('POST'))).toEqual([]);
    expect(back.root.querySelector('a[part="connect-link"]')!.getAttribute('href')).toBe(link.getAttribute('href'));
    expect(back.status()).toBe('Wacht op scannen');
  });
});
