import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORIGIN, PARTY_AUTH, partyCall, signInToConsumer, zorgAssertion } from '../testing/connect-steps.js';
import { SoftwarePasskey } from '../testing/software-passkey.js';
import { TestBrowser } from '../testing/test-browser.js';
import { CONSUMER_URLS } from '../testing/test-parties.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
beforeEach(() => {
  server = createTestServer();
});
afterEach(() => server.close());

interface Started {
  browser: TestBrowser;
  passkey: SoftwarePasskey;
  sub: string;
  requestId: string;
  providerUrl: URL;
}

/** The debt app asks to connect its user to the energy company; the user confirms and is sent there. */
async function startLinkFlow(): Promise<Started> {
  const browser = new TestBrowser(server.app);
  const passkey = new SoftwarePasskey(ORIGIN);
  const sub = await signInToConsumer(server.app, browser, passkey, { register: true });
  const created = await partyCall<{ requestId: string; startUrl: string }>(
    server.app,
    PARTY_AUTH.schuldhulp,
    'POST',
    '/api/v1/nijmegen/consumer/connect-requests',
    {
      providerId: 'energie',
      sub,
      returnUrl: CONSUMER_URLS.return,
      state: 'debt-app-state-42',
    },
  );
  expect(created.status).toBe(201);
  expect(created.body.startUrl).toBe(`${ORIGIN}/u/nijmegen/flows/${created.body.requestId}`);
  const view = await browser.json<{ kind: string; consumer: { id: string }; provider: { id: string } }>(
    `/api/v1/nijmegen/account/flows/${created.body.requestId}`,
  );
  expect(view.body).toMatchObject({
    kind: 'connect-start',
    consumer: { id: 'schuldhulp' },
    provider: { id: 'energie' },
  });
  expect(await browser.signIn(passkey)).toBe(200);
  const approved = await browser.json<{ redirectTo: string }>(
    `/api/v1/nijmegen/account/flows/${created.body.requestId}/approve`,
    { json: {} },
  );
  expect(approved.status).toBe(200);
  const providerUrl = new URL(approved.body.redirectTo);
  expect(providerUrl.origin + providerUrl.pathname).toBe('https://energie.example/connect');
  return { browser, passkey, sub, requestId: created.body.requestId, providerUrl };
}

/** The provider's backend, after its own login. */
const redeem = (token: string, auth = PARTY_AUTH.energie) =>
  partyCall<{ returnUrl: string; error?: { code: string } }>(
    server.app,
    auth,
    'POST',
    '/api/v1/nijmegen/provider/connect-tokens/redeem',
    { token, customerRef: 'klant-99' },
  );

describe('connect by link with return_url', () => {
  it('connects when the same browser session and passkey finish, and returns to the consumer with its state', async () => {
    const { browser, passkey, sub, requestId, providerUrl } = await startLinkFlow();
    const redeemed = await redeem(providerUrl.searchParams.get('token')!);
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.returnUrl.split('#')[0]).toBe(providerUrl.searchParams.get('return_url'));

    expect((await browser.json<{ kind: string }>(`/api/v1/nijmegen/account/flows/${requestId}`)).body.kind).toBe(
      'connect-finish',
    );
    // The passkey of the start does not count: the finish needs its own.
    expect(
      (
        await browser.json<{ error: { code: string } }>(`/api/v1/nijmegen/account/flows/${requestId}/approve`, {
          json: {},
        })
      ).body.error.code,
    ).toBe('passkey_required');
    server.clock.advance(1000);
    await browser.signIn(passkey);
    const returnSecret = new URL(redeemed.body.returnUrl).hash.replace('#r=', '');
    const finished = await browser.json<{ redirectTo: string }>(`/api/v1/nijmegen/account/flows/${requestId}/approve`, {
      json: { returnSecret },
    });
    const back = new URL(finished.body.redirectTo);
    expect(back.origin + back.pathname).toBe(CONSUMER_URLS.return);
    expect(Object.fromEntries(back.searchParams)).toEqual({
      state: 'debt-app-state-42',
      result: 'connected',
      provider: 'energie',
    });

    const consumer = await partyCall<{ connections: { provider: { id: string } }[] }>(
      server.app,
      PARTY_AUTH.schuldhulp,
      'GET',
      `/api/v1/nijmegen/consumer/users/${sub}/connections`,
    );
    expect(consumer.body.connections.map((c) => c.provider.id)).toEqual(['energie']);
    // Replaying the token or the finish changes nothing.
    expect((await redeem(providerUrl.searchParams.get('token')!)).status).toBe(409);
    expect(
      (await browser.json(`/api/v1/nijmegen/account/flows/${requestId}/approve`, { json: { returnSecret } })).status,
    ).toBe(409);
  });

  it("cannot be finished by the starter with somebody else's creditor login: the return secret went to the other browser", async () => {
    // The attacker starts a flow for their own account and sends the creditor link to a victim.
    const { browser: attacker, passkey, requestId, providerUrl } = await startLinkFlow();
    const victimLogsIn = await redeem(providerUrl.searchParams.get('token')!);
    expect(new URL(victimLogsIn.body.returnUrl).hash).toMatch(/^#r=[A-Za-z0-9_-]{43}$/);
    // The victim's browser is another session: it sees nothing of the flow.
    expect((await new TestBrowser(server.app).json(`/api/v1/nijmegen/account/flows/${requestId}`)).status).toBe(403);
    server.clock.advance(1000);
    await attacker.signIn(passkey);
    const withoutSecret = await attacker.json<{ error: { code: string } }>(
      `/api/v1/nijmegen/account/flows/${requestId}/approve`,
      { json: {} },
    );
    expect(withoutSecret.status).toBe(403);
    const guessed = await attacker.json(`/api/v1/nijmegen/account/flows/${requestId}/approve`, {
      json: { returnSecret: 'x'.repeat(43) },
    });
    expect(guessed.status).toBe(403);
    expect(
      (
        await partyCall<{ connections: unknown[] }>(
          server.app,
          PARTY_AUTH.energie,
          'GET',
          '/api/v1/nijmegen/provider/connections',
        )
      ).body.connections,
    ).toEqual([]);
  });

  it('refuses to finish in another browser session, even with the right passkey', async () => {
    const { passkey, requestId, providerUrl } = await startLinkFlow();
    await redeem(providerUrl.searchParams.get('token')!);
    const elsewhere = new TestBrowser(server.app);
    server.clock.advance(1000);
    await elsewhere.signIn(passkey);
    const attempt = await elsewhere.json<{ error: { code: string } }>(
      `/api/v1/nijmegen/account/flows/${requestId}/approve`,
      { json: {} },
    );
    expect(attempt.status).toBe(403);
    expect(attempt.body.error.code).toBe('wrong_session');
    const consumerView = await partyCall<{ connections: unknown[] }>(
      server.app,
      PARTY_AUTH.energie,
      'GET',
      '/api/v1/nijmegen/provider/connections',
    );
    expect(consumerView.body.connections).toEqual([]);
  });

  it('refuses another account at the start, a token redeemed by another provider, and an unknown return URL', async () => {
    const browser = new TestBrowser(server.app);
    const sub = await signInToConsumer(server.app, browser, new SoftwarePasskey(ORIGIN), { register: true });
    const body = { providerId: 'energie', sub, returnUrl: CONSUMER_URLS.return, state: 'state-123456' };
    const badReturn = await partyCall<{ error: { code: string } }>(
      server.app,
      PARTY_AUTH.schuldhulp,
      'POST',
      '/api/v1/nijmegen/consumer/connect-requests',
      { ...body, returnUrl: 'https://schuldhulp.example/connected?next=evil' },
    );
    expect(badReturn.status).toBe(400);
    const otherConsumer = await partyCall(
      server.app,
      PARTY_AUTH.budgetcoach,
      'POST',
      '/api/v1/nijmegen/consumer/connect-requests',
      body,
    );
    expect(otherConsumer.status).toBe(400);

    const created = await partyCall<{ requestId: string }>(
      server.app,
      PARTY_AUTH.schuldhulp,
      'POST',
      '/api/v1/nijmegen/consumer/connect-requests',
      body,
    );
    const someoneElse = new TestBrowser(server.app);
    await someoneElse.registerPasskey(new SoftwarePasskey(ORIGIN));
    const wrong = await someoneElse.json<{ error: { code: string } }>(
      `/api/v1/nijmegen/account/flows/${created.body.requestId}/approve`,
      { json: {} },
    );
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('wrong_account');

    const { providerUrl } = await startLinkFlow();
    const foreign = await redeem(
      providerUrl.searchParams.get('token')!,
      `Bearer ${await zorgAssertion(server.clock.now())}`,
    );
    expect(foreign.status).toBe(404);
    expect((await redeem(providerUrl.searchParams.get('token')!)).status).toBe(200);
  });

  it('sends a refusal back to the consumer and ends the request', async () => {
    const browser = new TestBrowser(server.app);
    const sub = await signInToConsumer(server.app, browser, new SoftwarePasskey(ORIGIN), { register: true });
    const created = await partyCall<{ requestId: string }>(
      server.app,
      PARTY_AUTH.schuldhulp,
      'POST',
      '/api/v1/nijmegen/consumer/connect-requests',
      {
        providerId: 'energie',
        sub,
        returnUrl: CONSUMER_URLS.return,
        state: 'state-refuse',
      },
    );
    const refused = await browser.json<{ redirectTo: string }>(
      `/api/v1/nijmegen/account/flows/${created.body.requestId}/refuse`,
      { json: {} },
    );
    expect(new URL(refused.body.redirectTo).searchParams.get('result')).toBe('refused');
    expect(
      (await browser.json(`/api/v1/nijmegen/account/flows/${created.body.requestId}/approve`, { json: {} })).status,
    ).toBe(409);
  });
});
