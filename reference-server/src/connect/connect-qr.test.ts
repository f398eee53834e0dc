import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORIGIN, PARTY_AUTH, partyCall, signInToConsumer, zorgAssertion } from '../testing/connect-steps.js';
import { SoftwarePasskey } from '../testing/software-passkey.js';
import { TestBrowser } from '../testing/test-browser.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

const CUSTOMER = 'klant-4711-jansen';

let server: TestServer;
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'regiekit-connect-'));
  server = createTestServer({ dataDir });
});
afterEach(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Minted {
  tokenId: string;
  connectUrl: string;
  statusToken: string;
  expiresAt: string;
}

async function mint(customerRef = CUSTOMER): Promise<Minted & { token: string }> {
  const minted = await partyCall<Minted>(
    server.app,
    PARTY_AUTH.energie,
    'POST',
    '/api/v1/nijmegen/provider/connect-tokens',
    { customerRef },
  );
  expect(minted.status).toBe(201);
  return { ...minted.body, token: new URL(minted.body.connectUrl).hash.replace('#t=', '') };
}

/** What the portal's browser does with the status token. */
const portal = {
  status: (m: Minted) =>
    Promise.resolve(
      server.app.request(`${ORIGIN}/api/v1/nijmegen/connect-tokens/${m.tokenId}`, {
        headers: { Authorization: `Bearer ${m.statusToken}` },
      }),
    ).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> })),
  confirm: (m: Minted, code: string) =>
    Promise.resolve(
      server.app.request(`${ORIGIN}/api/v1/nijmegen/connect-tokens/${m.tokenId}/confirm`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${m.statusToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ code }),
      }),
    ).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { status?: string; error?: { code: string; details?: { message: string }[] } },
    })),
};

/** The phone: open the link, see who asks, confirm with a passkey, get the confirmation code. */
async function scanAndApprove(
  phone: TestBrowser,
  passkey: SoftwarePasskey,
  minted: Minted & { token: string },
  { register = true } = {},
) {
  const view = await phone.json<{ tokenId: string; provider: { id: string } }>('/api/v1/nijmegen/account/scans', {
    json: { token: minted.token },
  });
  expect(view.status).toBe(200);
  expect(view.body.provider.id).toBe('energie');
  expect(register ? await phone.registerPasskey(passkey) : await phone.signIn(passkey)).toBe(register ? 201 : 200);
  return phone.json<{ confirmationCode: string; status: string; error?: { code: string } }>(
    `/api/v1/nijmegen/account/scans/${minted.tokenId}/approve`,
    { json: { token: minted.token } },
  );
}

describe('connect by QR code in the creditor portal', () => {
  it('connects after the portal confirms the code the phone shows; each party sees only its own names', async () => {
    const minted = await mint();
    expect(minted.connectUrl).toMatch(new RegExp(`^${ORIGIN}/u/nijmegen/connect#t=[A-Za-z0-9_-]{22}$`));
    expect((await portal.status(minted)).body.status).toBe('waiting');

    const phone = new TestBrowser(server.app);
    const passkey = new SoftwarePasskey(ORIGIN);
    const approved = await scanAndApprove(phone, passkey, minted);
    expect(approved.status).toBe(200);
    expect(approved.body.confirmationCode).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    expect((await portal.status(minted)).body.status).toBe('scanned');

    const wrong = await portal.confirm(minted, approved.body.confirmationCode === 'AAA-AAA' ? 'CCC-CCC' : 'AAA-AAA');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.code).toBe('wrong_confirmation_code');
    expect((await portal.confirm(minted, approved.body.confirmationCode.toLowerCase())).body.status).toBe('connected');
    expect((await phone.json(`/api/v1/nijmegen/account/scans/${minted.tokenId}`)).body).toEqual({
      status: 'connected',
    });

    const provider = await partyCall<{ connections: { connectionId: string; customerRef: string; status: string }[] }>(
      server.app,
      PARTY_AUTH.energie,
      'GET',
      '/api/v1/nijmegen/provider/connections',
    );
    expect(provider.body.connections).toEqual([expect.objectContaining({ customerRef: CUSTOMER, status: 'active' })]);

    // The debt-help app learns of it under its own names only.
    const sub = await signInToConsumer(server.app, new TestBrowser(server.app), passkey);
    const consumer = await partyCall<{ connections: { connectionId: string; provider: { id: string } }[] }>(
      server.app,
      PARTY_AUTH.schuldhulp,
      'GET',
      `/api/v1/nijmegen/consumer/users/${sub}/connections`,
    );
    expect(consumer.body.connections).toHaveLength(1);
    expect(consumer.body.connections[0]!.provider.id).toBe('energie');
    expect(consumer.body.connections[0]!.connectionId).not.toBe(provider.body.connections[0]!.connectionId);
    expect(JSON.stringify(consumer.body)).not.toContain(CUSTOMER);

    // The user's own account page lists it; the user ends it and both parties get the event.
    const account = await phone.json<{ connections: { connectionId: string }[] }>('/api/v1/nijmegen/account');
    expect(
      (
        await phone.request(`/api/v1/nijmegen/account/connections/${account.body.connections[0]!.connectionId}/end`, {
          method: 'POST',
        })
      ).status,
    ).toBe(204);
    const providerEvents = await partyCall<{ events: { type: string; data: Record<string, string> }[] }>(
      server.app,
      PARTY_AUTH.energie,
      'GET',
      '/api/v1/nijmegen/events',
    );
    expect(providerEvents.body.events.map((e) => e.type)).toEqual(['connection.created', 'connection.ended']);
    expect(providerEvents.body.events[1]!.data).toEqual({
      connectionId: provider.body.connections[0]!.connectionId,
      endedBy: 'user',
    });
    const consumerEvents = await partyCall<{
      events: { type: string; data: Record<string, string> }[];
      cursor: string;
    }>(server.app, PARTY_AUTH.schuldhulp, 'GET', '/api/v1/nijmegen/events');
    expect(consumerEvents.body.events.map((e) => e.type)).toEqual(['connection.ended']);
    expect(consumerEvents.body.events[0]!.data).toMatchObject({
      sub,
      providerId: 'energie',
      endedBy: 'user',
      connectionId: consumer.body.connections[0]!.connectionId,
    });
    const after = await partyCall<{ events: unknown[] }>(
      server.app,
      PARTY_AUTH.schuldhulp,
      'GET',
      `/api/v1/nijmegen/events?after=${consumerEvents.body.cursor}`,
    );
    expect(after.body.events).toEqual([]);
    // Its purpose is over: the customer reference is gone with the connection.
    const ended = await partyCall<{ connections: Record<string, unknown>[] }>(
      server.app,
      PARTY_AUTH.energie,
      'GET',
      '/api/v1/nijmegen/provider/connections',
    );
    expect(ended.body.connections[0]).toMatchObject({ status: 'ended' });
    expect(ended.body.connections[0]).not.toHaveProperty('customerRef');
  });

  it('keeps one connection when the same customer account is connected again', async () => {
    const phone = new TestBrowser(server.app);
    const passkey = new SoftwarePasskey(ORIGIN);
    const first = await mint();
    await portal.confirm(first, (await scanAndApprove(phone, passkey, first)).body.confirmationCode);
    const again = await mint();
    await portal.confirm(
      again,
      (await scanAndApprove(phone, passkey, again, { register: false })).body.confirmationCode,
    );
    const provider = await partyCall<{ connections: unknown[] }>(
      server.app,
      PARTY_AUTH.energie,
      'GET',
      '/api/v1/nijmegen/provider/connections',
    );
    expect(provider.body.connections).toHaveLength(1);
    expect((await phone.json<{ connections: unknown[] }>('/api/v1/nijmegen/account')).body.connections).toHaveLength(1);
  });

  it('refuses a replayed token, a token scanned by a second account, and an expired token', async () => {
    const minted = await mint();
    const approved = await scanAndApprove(new TestBrowser(server.app), new SoftwarePasskey(ORIGIN), minted);

    const intruder = new TestBrowser(server.app);
    const second = await intruder.json<{ error: { code: string } }>('/api/v1/nijmegen/account/scans', {
      json: { token: minted.token },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('token_used');
    await intruder.registerPasskey(new SoftwarePasskey(ORIGIN));
    const stolen = await intruder.json<{ error: { code: string } }>(
      `/api/v1/nijmegen/account/scans/${minted.tokenId}/approve`,
      { json: { token: minted.token } },
    );
    expect(stolen.status).toBe(409);

    await portal.confirm(minted, approved.body.confirmationCode);
    const replay = await new TestBrowser(server.app).json<{ error: { code: string } }>(
      '/api/v1/nijmegen/account/scans',
      { json: { token: minted.token } },
    );
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('token_used');

    const late = await mint('someone-else');
    server.clock.advance(601_000);
    const expired = await new TestBrowser(server.app).json<{ error: { code: string } }>(
      '/api/v1/nijmegen/account/scans',
      { json: { token: late.token } },
    );
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('token_expired');
    expect((await portal.status(late)).body.status).toBe('expired');
    expect(
      (
        await partyCall<{ connections: unknown[] }>(
          server.app,
          PARTY_AUTH.energie,
          'GET',
          '/api/v1/nijmegen/provider/connections',
        )
      ).body.connections,
    ).toHaveLength(1);
  });

  it('fails the token after three wrong confirmation codes, and needs a fresh passkey to approve', async () => {
    const minted = await mint();
    const phone = new TestBrowser(server.app);
    await phone.json('/api/v1/nijmegen/account/scans', { json: { token: minted.token } });
    const unconfirmed = await phone.json<{ error: { code: string } }>(
      `/api/v1/nijmegen/account/scans/${minted.tokenId}/approve`,
      { json: { token: minted.token } },
    );
    expect(unconfirmed.body.error.code).toBe('passkey_required');
    await phone.registerPasskey(new SoftwarePasskey(ORIGIN));
    const approved = await phone.json<{ confirmationCode: string }>(
      `/api/v1/nijmegen/account/scans/${minted.tokenId}/approve`,
      { json: { token: minted.token } },
    );
    const wrongCode = approved.body.confirmationCode.startsWith('A') ? 'CCC-CCC' : 'AAA-AAA';
    for (const left of ['2', '1', '0']) {
      const wrong = await portal.confirm(minted, wrongCode);
      expect(wrong.body.error?.details?.[0]?.message).toBe(`attemptsLeft=${left}`);
    }
    expect((await portal.status(minted)).body.status).toBe('failed');
    expect((await portal.confirm(minted, approved.body.confirmationCode)).status).toBe(409);
  });

  it('pauses a client that presents many unknown tokens', async () => {
    const phone = new TestBrowser(server.app);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push(
        (
          await phone.json('/api/v1/nijmegen/account/scans', {
            json: { token: `unknown-token-${String(i).padStart(8, '0')}` },
          })
        ).status,
      );
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('keeps the customer reference sealed at rest and out of the logs', async () => {
    const minted = await mint();
    const approved = await scanAndApprove(new TestBrowser(server.app), new SoftwarePasskey(ORIGIN), minted);
    await portal.confirm(minted, approved.body.confirmationCode);
    server.store.checkpoint();
    for (const file of readdirSync(join(dataDir, 'tenants'))) {
      const raw = readFileSync(join(dataDir, 'tenants', file)).toString('latin1');
      expect(raw).not.toContain(CUSTOMER);
      expect(raw).not.toContain(minted.token);
    }
    expect(server.logs()).not.toContain(CUSTOMER);
    expect(server.logs()).not.toContain(minted.token);
  });
});

describe('party authentication and tenant isolation', () => {
  it('accepts private_key_jwt once per assertion, and refuses it for another tenant', async () => {
    const assertion = await zorgAssertion(server.clock.now());
    const first = await partyCall(
      server.app,
      `Bearer ${assertion}`,
      'POST',
      '/api/v1/nijmegen/provider/connect-tokens',
      { customerRef: 'polis-1' },
    );
    expect(first.status).toBe(201);
    expect(
      (
        await partyCall(server.app, `Bearer ${assertion}`, 'POST', '/api/v1/nijmegen/provider/connect-tokens', {
          customerRef: 'polis-1',
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await partyCall(
          server.app,
          `Bearer ${await zorgAssertion(server.clock.now(), `${ORIGIN}/api/v1/arnhem`)}`,
          'GET',
          '/api/v1/nijmegen/provider/connections',
        )
      ).status,
    ).toBe(401);
  });

  it('still refuses a replayed assertion after the server restarts on the same SQLite files', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'regiekit-jti-'));
    try {
      const before = createTestServer({ dataDir });
      const assertion = await zorgAssertion(before.clock.now());
      const call = (app: TestServer['app']) =>
        partyCall(app, `Bearer ${assertion}`, 'GET', '/api/v1/nijmegen/provider/connections');
      expect((await call(before.app)).status).toBe(200);
      expect((await call(before.app)).status).toBe(401);
      await before.close();
      const after = createTestServer({ dataDir, clock: before.clock });
      expect((await call(after.app)).status).toBe(401);
      await after.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("gives a party of one tenant nothing of another's, and each kind of party only its own paths", async () => {
    expect(
      (await partyCall(server.app, PARTY_AUTH.arnhemEnergie, 'GET', '/api/v1/nijmegen/provider/connections')).status,
    ).toBe(401);
    expect((await partyCall(server.app, PARTY_AUTH.energie, 'GET', '/api/v1/arnhem/provider/connections')).status).toBe(
      401,
    );
    expect(
      (await partyCall(server.app, PARTY_AUTH.schuldhulp, 'GET', '/api/v1/nijmegen/provider/connections')).status,
    ).toBe(404);
    expect(
      (await partyCall(server.app, PARTY_AUTH.energie, 'POST', '/api/v1/nijmegen/consumer/connect-requests', {}))
        .status,
    ).toBe(404);
    expect(
      (await partyCall(server.app, 'Basic bm9ib2R5OnNlY3JldA==', 'GET', '/api/v1/nijmegen/catalogue')).status,
    ).toBe(401);

    // A portal status token works for its own tenant and token only.
    const minted = await mint();
    const foreign = await server.app.request(`${ORIGIN}/api/v1/arnhem/connect-tokens/${minted.tokenId}`, {
      headers: { Authorization: `Bearer ${minted.statusToken}` },
    });
    expect(foreign.status).toBe(404);
    const guessed = await server.app.request(`${ORIGIN}/api/v1/nijmegen/connect-tokens/${minted.tokenId}`, {
      headers: { Authorization: 'Bearer wrong-status-token-0123456789abcdef' },
    });
    expect(guessed.status).toBe(404);
  });

  it('refuses account writes from another origin', async () => {
    const response = await server.app.request(`${ORIGIN}/api/v1/nijmegen/account/sign-in/options`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    const noOrigin = await server.app.request(`${ORIGIN}/api/v1/nijmegen/account/sign-in/options`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
  });
});

describe("the user's own account", () => {
  it('needs a fresh passkey to add another passkey or end a connection, not just the session cookie', async () => {
    const minted = await mint();
    const phone = new TestBrowser(server.app);
    const passkey = new SoftwarePasskey(ORIGIN);
    const approved = await scanAndApprove(phone, passkey, minted);
    await portal.confirm(minted, approved.body.confirmationCode);
    const account = await phone.json<{ connections: { connectionId: string }[]; passkeys: unknown[] }>(
      '/api/v1/nijmegen/account',
    );

    server.clock.advance(6 * 60 * 1000);
    expect(
      (await phone.json<{ error: { code: string } }>('/api/v1/nijmegen/account/passkeys/options', { json: {} })).body
        .error.code,
    ).toBe('passkey_required');
    const end = `/api/v1/nijmegen/account/connections/${account.body.connections[0]!.connectionId}/end`;
    expect((await phone.json<{ error: { code: string } }>(end, { json: {} })).body.error.code).toBe('passkey_required');

    await phone.signIn(passkey);
    expect(await phone.registerPasskey(new SoftwarePasskey(ORIGIN))).toBe(201);
    expect((await phone.json<{ passkeys: unknown[] }>('/api/v1/nijmegen/account')).body.passkeys).toHaveLength(2);
    expect((await phone.request(end, { method: 'POST' })).status).toBe(204);
    expect((await phone.json<{ connections: unknown[] }>('/api/v1/nijmegen/account')).body.connections).toEqual([]);
  });
});
