import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountView, ConnectTokenStatusName, FlowView } from '@regiekit/sdk/protocol';
import '../define/account-page.js';
import type { RegieAccountPage } from './account-page.js';
import { accountServer, API, errorBody, mountPage, party } from '../testing/account-server.js';
import { axeViolations, polyfillDialog } from '../testing/test-support.js';

const webauthn = vi.hoisted(() => ({ startRegistration: vi.fn(), startAuthentication: vi.fn() }));
vi.mock('@simplewebauthn/browser', () => ({
  browserSupportsWebAuthn: () => true,
  startRegistration: webauthn.startRegistration,
  startAuthentication: webauthn.startAuthentication,
}));

const CREDENTIAL = { id: 'cred', rawId: 'cred', type: 'public-key', response: {} };
const notAllowed = () =>
  Object.assign(new Error('The operation either timed out or was not allowed.'), { name: 'NotAllowedError' });
const FLOW_ID = 'flowAAAAAAAAAAAAAAAAAA';
const TOKEN_ID = 'tokAAAAAAAAAAAAAAAAAAA';
const TOKEN = 'connect-token-AAAAAAAAAAAAAAAA';
const APP = party('schuldhulp-app', 'Schuldhulp App', 'Debt Help App');
const ENERGIE = party('demo-energie', 'Demo Energie', 'Demo Energy');
const WATER = party('demo-water', 'Demo Water');

beforeAll(polyfillDialog);
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  webauthn.startRegistration.mockReset().mockResolvedValue(CREDENTIAL);
  webauthn.startAuthentication.mockReset().mockResolvedValue(CREDENTIAL);
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function mount(attributes: string, lang = '') {
  const navigate = vi.fn();
  const page = await mountPage<RegieAccountPage>(
    `<regie-account-page server="https://regie.example" tenant="demo" ${attributes}></regie-account-page>`,
    lang,
    (element) => {
      element.navigate = navigate;
    },
  );
  return { ...page, navigate };
}

const flow = (view: FlowView) => ({ [`GET ${API}/flows/${FLOW_ID}`]: () => ({ status: 200, body: view }) });
const OUTCOME = { status: 200, body: { redirectTo: 'https://app.example/callback?code=abc&state=xyz' } };

describe('<regie-account-page flow="decision">', () => {
  it('names who asks to sign in, confirms with an existing passkey, then follows the redirect', async () => {
    const server = accountServer({
      ...flow({ kind: 'sign-in', flowId: FLOW_ID, consumer: APP, expiresAt: '2026-11-23T10:10:00.000Z' }),
      [`POST ${API}/flows/${FLOW_ID}/approve`]: () => OUTCOME,
    });
    const page = await mount(`flow="decision" flow-id="${FLOW_ID}"`);
    expect(page.heading()).toBe('Schuldhulp App vraagt u in te loggen met uw regie-account.');
    expect(page.root.textContent).toContain(
      'Schuldhulp App krijgt alleen een pseudoniem te zien, niet uw naam of BSN.',
    );
    expect(page.buttons()).toEqual(['Bevestigen met passkey', 'Nieuw account met passkey', 'Weigeren']);
    expect(await page.axe()).toEqual([]);

    await page.click('Bevestigen met passkey');
    expect(webauthn.startAuthentication).toHaveBeenCalledWith({ optionsJSON: { challenge: 'sign-in-challenge' } });
    expect(server.keys()).toEqual([
      `GET ${API}/flows/${FLOW_ID}`,
      `GET ${API}`,
      `POST ${API}/sign-in/options`,
      `POST ${API}/sign-in`,
      `POST ${API}/flows/${FLOW_ID}/approve`,
    ]);
    expect(page.navigate).toHaveBeenCalledWith('https://app.example/callback?code=abc&state=xyz');
  });

  it('creates an account first with "New account with passkey", and refusing also goes back', async () => {
    const server = accountServer({
      ...flow({
        kind: 'connect-start',
        flowId: FLOW_ID,
        consumer: APP,
        provider: ENERGIE,
        expiresAt: '2026-11-23T10:10:00.000Z',
      }),
      [`POST ${API}/flows/${FLOW_ID}/approve`]: () => OUTCOME,
      [`POST ${API}/flows/${FLOW_ID}/refuse`]: () => ({
        status: 200,
        body: { redirectTo: 'https://app.example/callback?error=access_denied' },
      }),
    });
    const page = await mount(`flow="decision" flow-id="${FLOW_ID}"`);
    expect(page.heading()).toBe('Schuldhulp App wil uw klantaccount bij Demo Energie koppelen aan uw regie-account.');
    expect(page.root.textContent).toContain('gaat u naar Demo Energie om daar in te loggen');
    await page.click('Nieuw account met passkey');
    expect(webauthn.startRegistration).toHaveBeenCalledWith({
      optionsJSON: { challenge: 'register-challenge', user: { id: 'u' } },
    });
    expect(server.keys().slice(2)).toEqual([
      `POST ${API}/passkeys/options`,
      `POST ${API}/passkeys`,
      `POST ${API}/flows/${FLOW_ID}/approve`,
    ]);
    expect(page.navigate).toHaveBeenLastCalledWith('https://app.example/callback?code=abc&state=xyz');

    const again = await mount(`flow="decision" flow-id="${FLOW_ID}"`);
    await again.click('Weigeren');
    expect(webauthn.startAuthentication).not.toHaveBeenCalled();
    expect(again.navigate).toHaveBeenCalledWith('https://app.example/callback?error=access_denied');
  });

  it('offers someone already signed in only their passkey, not a new account', async () => {
    const server = accountServer(
      flow({ kind: 'sign-in', flowId: FLOW_ID, consumer: APP, expiresAt: '2026-11-23T10:10:00.000Z' }),
    );
    server.state.signedIn = true;
    const page = await mount(`flow="decision" flow-id="${FLOW_ID}"`);
    expect(page.buttons()).toEqual(['Bevestigen met passkey', 'Weigeren']);
    expect(page.root.textContent).not.toContain('Nog geen regie-account');
    expect(await page.axe()).toEqual([]);
  });

  it('treats a closed passkey prompt as a normal outcome, and shows why an approval was refused', async () => {
    accountServer({
      ...flow({
        kind: 'connect-finish',
        flowId: FLOW_ID,
        consumer: APP,
        provider: ENERGIE,
        expiresAt: '2026-11-23T10:10:00.000Z',
      }),
      [`POST ${API}/flows/${FLOW_ID}/approve`]: () => errorBody(403, 'wrong_account'),
    });
    const page = await mount(`flow="decision" flow-id="${FLOW_ID}"`);
    expect(page.heading()).toBe('Rond de koppeling met Demo Energie af.');
    expect(page.root.textContent).toContain('dezelfde passkey');
    expect(page.buttons()).toEqual(['Bevestigen met passkey', 'Weigeren']);

    webauthn.startAuthentication.mockRejectedValueOnce(notAllowed());
    await page.click('Bevestigen met passkey');
    expect(page.alert()).toBe('U heeft de passkey niet gebruikt. Probeer het opnieuw als u wilt.');
    expect(page.root.activeElement?.id).toBe('error');
    expect(page.buttons()).toEqual(['Bevestigen met passkey', 'Weigeren']);

    await page.click('Bevestigen met passkey');
    expect(page.alert()).toBe(
      'Deze passkey hoort bij een ander regie-account dan het account dat u bij Schuldhulp App gebruikt. Kies de passkey waarmee u bij Schuldhulp App inlogt.',
    );
    expect(page.navigate).not.toHaveBeenCalled();
    expect(await page.axe()).toEqual([]);
  });

  it('says when the decision has expired or belongs to another browser', async () => {
    accountServer({ [`GET ${API}/flows/${FLOW_ID}`]: () => errorBody(410, 'token_expired') });
    const expired = await mount(`flow="decision" flow-id="${FLOW_ID}"`);
    expect(expired.alert()).toBe('Deze aanvraag is verlopen. Begin opnieuw.');
    expect(expired.buttons()).toEqual([]);
    expect(await expired.axe()).toEqual([]);

    accountServer({
      ...flow({
        kind: 'connect-finish',
        flowId: FLOW_ID,
        consumer: APP,
        provider: ENERGIE,
        expiresAt: '2026-11-23T10:10:00.000Z',
      }),
      [`POST ${API}/flows/${FLOW_ID}/approve`]: () => errorBody(403, 'wrong_session'),
    });
    const elsewhere = await mount(`flow="decision" flow-id="${FLOW_ID}"`, 'en');
    expect(elsewhere.heading()).toBe('Finish the connection with Demo Energy.');
    await elsewhere.click('Confirm with passkey');
    expect(elsewhere.alert()).toBe('Finish this in the browser where you started.');
  });

  it('speaks English under lang="en"', async () => {
    accountServer(flow({ kind: 'sign-in', flowId: FLOW_ID, consumer: APP, expiresAt: '2026-11-23T10:10:00.000Z' }));
    const page = await mount(`flow="decision" flow-id="${FLOW_ID}"`, 'en');
    expect(page.heading()).toBe('Debt Help App asks you to sign in with your regie account.');
    expect(page.root.textContent).toContain('Debt Help App only learns a pseudonym, not your name or BSN.');
    expect(page.buttons()).toEqual(['Confirm with passkey', 'New account with passkey', 'Refuse']);
    expect(await page.axe()).toEqual([]);
  });
});

describe('<regie-account-page flow="scan">', () => {
  function scanServer(statuses: ConnectTokenStatusName[] = ['scanned', 'scanned', 'connected']) {
    return accountServer({
      [`POST ${API}/scans`]: (init) =>
        JSON.parse(String(init!.body)).token === TOKEN
          ? { status: 200, body: { tokenId: TOKEN_ID, provider: ENERGIE, expiresAt: '2026-11-23T10:10:00.000Z' } }
          : errorBody(404, 'not_found'),
      [`POST ${API}/scans/${TOKEN_ID}/approve`]: () => ({
        status: 200,
        body: { status: 'scanned', confirmationCode: 'K7R4MX' },
      }),
      [`GET ${API}/scans/${TOKEN_ID}`]: () => ({ status: 200, body: { status: statuses.shift() ?? 'connected' } }),
    });
  }

  it('takes the token from the fragment, shows the provider, then the code to type, until connected', async () => {
    history.replaceState(null, '', `/u/demo/scan?x=1#t=${TOKEN}`);
    const server = scanServer();
    const page = await mount('flow="scan"');
    expect(location.hash).toBe('');
    expect(location.pathname + location.search).toBe('/u/demo/scan?x=1');
    expect(JSON.parse(String(server.requests[0]!.init!.body))).toEqual({ token: TOKEN });
    expect(page.heading()).toBe('Demo Energie wil uw klantaccount koppelen aan uw regie-account.');
    expect(page.buttons()).toEqual(['Bevestigen met passkey', 'Nieuw account met passkey', 'Weigeren']);
    expect(await page.axe()).toEqual([]);

    await page.click('Nieuw account met passkey');
    const approve = server.requests.find((r) => r.key === `POST ${API}/scans/${TOKEN_ID}/approve`)!;
    expect(JSON.parse(String(approve.init!.body))).toEqual({ token: TOKEN });
    expect(page.root.querySelector('[part="confirmation-code"]')!.textContent).toBe('K7R 4MX');
    expect(page.root.querySelector('.confirmation-code .visually-hidden')!.textContent).toBe('K 7 R 4 M X');
    expect(page.root.textContent).toContain('Typ deze code in het portaal van Demo Energie.');
    expect(page.status()).toBe('Typ deze code in het portaal van Demo Energie.');
    expect(page.root.activeElement).toBe(page.root.querySelector('h2'));
    expect(await page.axe()).toEqual([]);

    await page.settle(1500);
    expect(page.root.querySelector('[part="confirmation-code"]')).not.toBeNull();
    await page.settle(1500);
    expect(page.heading()).toBe('Gekoppeld met Demo Energie.');
    expect(page.status()).toBe('Gekoppeld met Demo Energie.');
    const polls = server.requests.filter((r) => r.key === `GET ${API}/scans/${TOKEN_ID}`).length;
    await page.settle(6000);
    expect(server.requests.filter((r) => r.key === `GET ${API}/scans/${TOKEN_ID}`)).toHaveLength(polls);
    expect(await page.axe()).toEqual([]);
  });

  it('offers someone already signed in only their passkey when they scan, not a new account', async () => {
    history.replaceState(null, '', `/u/demo/scan#t=${TOKEN}`);
    const server = scanServer();
    server.state.signedIn = true;
    const page = await mount('flow="scan"');
    expect(page.buttons()).toEqual(['Bevestigen met passkey', 'Weigeren']);
  });

  it('says so when the token is missing, unknown or expired, and when the user refuses', async () => {
    history.replaceState(null, '', '/u/demo/scan');
    scanServer();
    const missing = await mount('flow="scan"');
    expect(missing.alert()).toContain('zonder koppelcode');
    expect(await missing.axe()).toEqual([]);

    history.replaceState(null, '', '/u/demo/scan#t=someone-elses-token-AAAAAAAA');
    const unknown = await mount('flow="scan"');
    expect(unknown.alert()).toBe('Deze koppelcode is niet geldig. Vraag in het portaal een nieuwe code aan.');
    expect(unknown.buttons()).toEqual([]);

    history.replaceState(null, '', `/u/demo/scan#t=${TOKEN}`);
    scanServer(['expired']);
    const expired = await mount('flow="scan"');
    await expired.click('Bevestigen met passkey');
    await expired.settle(1500);
    expect(expired.alert()).toBe('Deze koppelcode is verlopen. Vraag in het portaal een nieuwe code aan.');
    expect(expired.root.querySelector('[part="confirmation-code"]')).toBeNull();

    history.replaceState(null, '', `/u/demo/scan#t=${TOKEN}`);
    const refused = await mount('flow="scan"', 'en');
    expect(refused.heading()).toBe('Demo Energy wants to connect your customer account to your regie account.');
    await refused.click('Refuse');
    expect(refused.heading()).toBe('You refused. Nothing was connected.');
    expect(webauthn.startAuthentication).toHaveBeenCalledTimes(1);
  });

  it('shows the code and connection in English', async () => {
    history.replaceState(null, '', `/u/demo/scan#t=${TOKEN}`);
    scanServer(['scanned', 'connected']);
    const page = await mount('flow="scan"', 'en');
    expect(page.buttons()).toEqual(['Confirm with passkey', 'New account with passkey', 'Refuse']);
    await page.click('Confirm with passkey');
    expect(page.root.textContent).toContain('Type this code in the portal of Demo Energy.');
    await page.settle(1500);
    expect(page.heading()).toBe('Connected with Demo Energy.');
  });
});

describe('<regie-account-page flow="account">', () => {
  const signedIn = (connections = [ENERGIE, WATER]): AccountView => ({
    signedIn: true,
    passkeys: [
      {
        passkeyId: 'pkAAAAAAAAAAAAAAAAAAAA',
        createdAt: '2026-11-01T10:00:00.000Z',
        lastUsedAt: '2026-11-23T09:00:00.000Z',
        current: true,
        device: { browser: 'Chrome', system: 'Linux' },
        synced: false,
      },
      { passkeyId: 'pkBBBBBBBBBBBBBBBBBBBB', createdAt: '2026-11-02T10:00:00.000Z', current: false },
    ],
    connections: connections.map((provider, i) => ({
      connectionId: `conn${i}AAAAAAAAAAAAAAAAA`,
      provider,
      createdAt: '2026-11-20T10:00:00.000Z',
    })),
  });

  function overviewServer() {
    const connections = [ENERGIE, WATER];
    const server = accountServer({
      [`GET ${API}`]: () => ({
        status: 200,
        body: server.state.signedIn ? signedIn(connections) : { signedIn: false },
      }),
      [`POST ${API}/connections/conn0AAAAAAAAAAAAAAAAA/end`]: () => {
        connections.shift();
        return { status: 204 };
      },
      [`POST ${API}/sign-out`]: () => {
        server.state.signedIn = false;
        return { status: 204 };
      },
    });
    return server;
  }

  it('offers sign-in and a new account when nobody is signed in, and explains what the account holds', async () => {
    overviewServer();
    const page = await mount('flow="account"');
    expect(page.heading()).toBe('Uw regie-account');
    expect(page.buttons()).toEqual(['Inloggen met passkey', 'Nieuw account met passkey']);
    expect(page.root.textContent).toContain('geen naam, BSN of e-mailadres');
    expect(await page.axe()).toEqual([]);

    await page.click('Inloggen met passkey');
    expect(page.status()).toBe('U bent ingelogd.');
    expect(page.buttons()).toEqual(['Passkey toevoegen', 'Koppeling beëindigen', 'Koppeling beëindigen', 'Uitloggen']);
  });

  it('lists passkeys and connections, and ends a connection after confirming in a dialog', async () => {
    const server = overviewServer();
    server.state.signedIn = true;
    const page = await mount('flow="account"');
    const passkeys = [...page.root.querySelectorAll('section')[0]!.querySelectorAll('li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(passkeys).toEqual([
      'Chrome op Linux (alleen op het apparaat waar hij is gemaakt) Aangemaakt op 1 november 2026 om 10:00, laatst gebruikt op 23 november 2026 om 09:00. Hiermee bent u nu ingelogd.',
      'Passkey Aangemaakt op 2 november 2026 om 10:00, nog niet gebruikt.',
    ]);
    const ends = [...page.root.querySelectorAll<HTMLButtonElement>('button.danger')].filter(
      (b) => !b.closest('dialog'),
    );
    expect(ends.map((b) => page.root.getElementById(b.getAttribute('aria-describedby')!)!.textContent)).toEqual([
      'Demo Energie',
      'Demo Water',
    ]);
    expect(page.root.textContent).toContain('Gekoppeld sinds 20 november 2026.');
    expect(await page.axe()).toEqual([]);

    // Cancelling changes nothing and gives focus back to the button.
    ends[0]!.focus();
    ends[0]!.click();
    await page.settle();
    const dialog = page.root.querySelector('dialog')!;
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(page.root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Koppeling met Demo Energie beëindigen?',
    );
    expect(await axeViolations(dialog)).toEqual([]);
    await page.click('Annuleren');
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(page.root.activeElement).toBe(ends[0]);
    expect(server.keys()).not.toContain(`POST ${API}/connections/conn0AAAAAAAAAAAAAAAAA/end`);

    ends[0]!.click();
    await page.settle();
    await page.click('Beëindigen');
    const end = server.requests.find((r) => r.key === `POST ${API}/connections/conn0AAAAAAAAAAAAAAAAA/end`)!;
    expect(end.init).toMatchObject({ method: 'POST', body: '{}', credentials: 'same-origin' });
    expect(page.status()).toBe('De koppeling met Demo Energie is beëindigd.');
    expect([...page.root.querySelectorAll('li.connection strong')].map((e) => e.textContent)).toEqual(['Demo Water']);
    expect(page.root.activeElement?.id).toBe('connections-title');
    expect(await page.axe()).toEqual([]);
  });

  it('adds a passkey, says so when the prompt is closed, and signs out', async () => {
    const server = overviewServer();
    server.state.signedIn = true;
    const page = await mount('flow="account"');
    webauthn.startRegistration.mockRejectedValueOnce(notAllowed());
    await page.click('Passkey toevoegen');
    expect(page.alert()).toBe('U heeft de passkey niet gebruikt. Probeer het opnieuw als u wilt.');
    await page.click('Passkey toevoegen');
    expect(page.alert()).toBe('');
    expect(page.status()).toBe('De passkey is toegevoegd.');
    await page.click('Uitloggen');
    expect(page.buttons()).toEqual(['Inloggen met passkey', 'Nieuw account met passkey']);
    expect(page.status()).toBe('U bent uitgelogd.');
  });

  it('speaks English under lang="en"', async () => {
    const server = overviewServer();
    server.state.signedIn = true;
    const page = await mount('flow="account"', 'en');
    expect(page.heading()).toBe('Your regie account');
    expect(page.buttons()).toEqual(['Add a passkey', 'End connection', 'End connection', 'Sign out']);
    expect(page.root.textContent).toContain('Chrome on Linux');
    expect(page.root.textContent.replace(/\s+/g, ' ')).toContain(
      'Created on 1 November 2026 at 10:00, last used on 23 November 2026 at 09:00.',
    );
    expect(page.root.textContent).toContain('Demo Energy');
    expect(await page.axe()).toEqual([]);
    await page.click('Sign out');
    expect(page.buttons()).toEqual(['Sign in with passkey', 'New account with passkey']);
  });
});
