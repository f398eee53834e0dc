import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentList, ErrorBody, SessionInfo, TemporaryPassword } from '@regiekit/sdk/protocol';
import { seedAgent, staffSteps, STRONG_PASSWORD } from '../testing/staff-steps.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
let staff: ReturnType<typeof staffSteps>;

beforeEach(async () => {
  server = createTestServer();
  staff = staffSteps(server);
  await seedAgent(server, 'nijmegen', 'beheerder', 'admin');
});
afterEach(() => server.close());

const errorCode = async (response: Response) => ErrorBody.parse(await response.json()).error.code;

describe('staff sign-in and accounts', () => {
  it('lets an admin create an agent who then signs in, with a hardened session cookie', async () => {
    const admin = await staff.signIn('nijmegen', 'beheerder');
    const created = await staff.post('/api/v1/nijmegen/admin/agents', admin, {
      username: 'j.devries',
      displayName: 'Jan de Vries',
      role: 'agent',
      password: STRONG_PASSWORD,
    });
    expect(created.status).toBe(201);
    const login = await staff.login('nijmegen', 'j.devries');
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^regie_session=nijmegen\.[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(SessionInfo.parse(await login.json()).agent).toMatchObject({
      username: 'j.devries',
      role: 'agent',
      tenant: 'nijmegen',
    });
    const list = AgentList.parse(await (await staff.get('/api/v1/nijmegen/admin/agents', admin)).json());
    expect(list.agents.map((a) => a.username)).toEqual(['beheerder', 'j.devries']);
  });

  it('sets a __Host- cookie with Secure when the server runs under TLS', async () => {
    const tls = createTestServer({ config: { publicUrl: 'https://bellen.example.nl' } });
    await seedAgent(tls, 'nijmegen', 'beheerder', 'admin');
    const login = await staffSteps(tls).login('nijmegen', 'beheerder');
    expect(login.headers.get('set-cookie')).toMatch(/^__Host-regie_session=.*; Path=\/; .*Secure/);
    await tls.close();
  });

  it('refuses short, common and username passwords, and taken usernames', async () => {
    const admin = await staff.signIn('nijmegen', 'beheerder');
    const create = (username: string, password: string) =>
      staff.post('/api/v1/nijmegen/admin/agents', admin, { username, displayName: 'X', role: 'agent', password });
    expect(await errorCode(await create('piet', 'kort'))).toBe('validation_failed');
    expect(await errorCode(await create('piet', 'wachtwoord123'))).toBe('validation_failed');
    expect((await create('piet', 'wachtwoord123')).status).toBe(400);
    expect((await create('pietjansen', 'pietjansen-is-de-beste')).status).toBe(400);
    expect((await create('beheerder', STRONG_PASSWORD)).status).toBe(409);
  });

  it('keeps agents out of the admin API', async () => {
    await seedAgent(server, 'nijmegen', 'agent1');
    const agent = await staff.signIn('nijmegen', 'agent1');
    expect((await staff.get('/api/v1/nijmegen/admin/agents', agent)).status).toBe(403);
    expect((await staff.get('/api/v1/nijmegen/admin/audit', agent)).status).toBe(403);
  });

  it('resets a password to a temporary one that must be changed at first sign-in and expires', async () => {
    const agentId = await seedAgent(server, 'nijmegen', 'agent1');
    const before = await staff.signIn('nijmegen', 'agent1');
    const admin = await staff.signIn('nijmegen', 'beheerder');
    const reset = TemporaryPassword.parse(
      await (await staff.post(`/api/v1/nijmegen/admin/agents/${agentId}/password-reset`, admin)).json(),
    );

    expect((await staff.get('/api/v1/nijmegen/auth/session', before)).status).toBe(401);
    expect((await staff.login('nijmegen', 'agent1')).status).toBe(401);
    const temporary = await staff.signIn('nijmegen', 'agent1', reset.temporaryPassword);
    expect(
      SessionInfo.parse(await (await staff.get('/api/v1/nijmegen/auth/session', temporary)).json()).agent
        .mustChangePassword,
    ).toBe(true);
    const blocked = await staff.get('/api/v1/nijmegen/console/events', temporary);
    expect(blocked.status).toBe(403);
    expect(
      (
        await staff.post('/api/v1/nijmegen/auth/password', temporary, {
          currentPassword: reset.temporaryPassword,
          newPassword: 'een-nieuw-sterk-wachtwoord',
        })
      ).status,
    ).toBe(204);
    expect((await staff.get('/api/v1/nijmegen/console/events', temporary)).status).toBe(200);

    const second = TemporaryPassword.parse(
      await (await staff.post(`/api/v1/nijmegen/admin/agents/${agentId}/password-reset`, admin)).json(),
    );
    server.clock.advance(24 * 3_600_000 + 1);
    expect((await staff.login('nijmegen', 'agent1', second.temporaryPassword)).status).toBe(401);
  });

  it('ends a deleted agent’s open session at once', async () => {
    const agentId = await seedAgent(server, 'nijmegen', 'agent1');
    const agent = await staff.signIn('nijmegen', 'agent1');
    const admin = await staff.signIn('nijmegen', 'beheerder');
    expect((await staff.get('/api/v1/nijmegen/auth/session', agent)).status).toBe(200);
    expect(
      (await staff.request(`/api/v1/nijmegen/admin/agents/${agentId}`, { method: 'DELETE', as: admin })).status,
    ).toBe(204);
    expect((await staff.get('/api/v1/nijmegen/auth/session', agent)).status).toBe(401);
    expect((await staff.login('nijmegen', 'agent1')).status).toBe(401);
  });

  it('locks an account after five failures, with the same answer as a wrong password', async () => {
    await seedAgent(server, 'nijmegen', 'agent1');
    const bodies = [];
    for (let i = 0; i < 5; i++)
      bodies.push(await (await staff.login('nijmegen', 'agent1', 'verkeerd-wachtwoord')).json());
    const locked = await staff.login('nijmegen', 'agent1');
    expect(locked.status).toBe(401);
    expect(await locked.json()).toEqual(bodies[0]);
    expect(await (await staff.login('nijmegen', 'nobody-here')).json()).toEqual(bodies[0]);
    server.clock.advance(15 * 60_000 + 1);
    expect((await staff.login('nijmegen', 'agent1')).status).toBe(200);
  });

  it('throttles an address after twenty failed sign-ins', async () => {
    for (let i = 0; i < 20; i++)
      expect((await staff.login('nijmegen', `user${i}`, 'verkeerd-wachtwoord')).status).toBe(401);
    const throttled = await staff.login('nijmegen', 'beheerder');
    expect(throttled.status).toBe(429);
    expect(await errorCode(throttled)).toBe('rate_limited');
  });

  it('expires sessions after 30 idle minutes and after 12 hours in any case; logout ends them', async () => {
    const admin = await staff.signIn('nijmegen', 'beheerder');
    server.clock.advance(29 * 60_000);
    expect((await staff.get('/api/v1/nijmegen/auth/session', admin)).status).toBe(200);
    server.clock.advance(30 * 60_000 + 1);
    expect((await staff.get('/api/v1/nijmegen/auth/session', admin)).status).toBe(401);

    const busy = await staff.signIn('nijmegen', 'beheerder');
    // Active every 25 minutes: never idle, but 28 x 25 min = 11 h 40 min, and the next step passes 12 hours.
    for (let step = 0; step < 28; step++) {
      server.clock.advance(25 * 60_000);
      expect((await staff.get('/api/v1/nijmegen/auth/session', busy)).status).toBe(200);
    }
    server.clock.advance(25 * 60_000);
    expect((await staff.get('/api/v1/nijmegen/auth/session', busy)).status).toBe(401);

    const leaving = await staff.signIn('nijmegen', 'beheerder');
    expect((await staff.post('/api/v1/nijmegen/auth/logout', leaving)).status).toBe(204);
    expect((await staff.get('/api/v1/nijmegen/auth/session', leaving)).status).toBe(401);
  });

  it('refuses writes without the CSRF token or from another origin', async () => {
    await seedAgent(server, 'nijmegen', 'agent1');
    const admin = await staff.signIn('nijmegen', 'beheerder');
    const body = JSON.stringify({ username: 'nieuw', displayName: 'N', role: 'agent', password: STRONG_PASSWORD });
    const noToken = await server.app.request('/api/v1/nijmegen/admin/agents', {
      method: 'POST',
      body,
      headers: { Cookie: admin.cookie, 'Content-Type': 'application/json' },
    });
    expect(noToken.status).toBe(403);
    const wrongToken = await server.app.request('/api/v1/nijmegen/admin/agents', {
      method: 'POST',
      body,
      headers: { Cookie: admin.cookie, 'Content-Type': 'application/json', 'X-CSRF-Token': 'x'.repeat(43) },
    });
    expect(wrongToken.status).toBe(403);
    const crossSite = await server.app.request('/api/v1/nijmegen/admin/agents', {
      method: 'POST',
      body,
      headers: {
        Cookie: admin.cookie,
        'Content-Type': 'application/json',
        'X-CSRF-Token': admin.csrfToken,
        Origin: 'https://evil.example',
      },
    });
    expect(crossSite.status).toBe(403);
    expect(await server.store.forTenant('nijmegen').agents.byUsername('nieuw')).toBeUndefined();
  });

  it('audits sign-ins and admin actions, without recording unknown usernames', async () => {
    const admin = await staff.signIn('nijmegen', 'beheerder');
    await staff.login('nijmegen', 'beheerder', 'verkeerd-wachtwoord');
    await staff.login('nijmegen', 'mijn-wachtwoord-per-ongeluk', 'x');
    await staff.post('/api/v1/nijmegen/admin/agents', admin, {
      username: 'agent2',
      displayName: 'A',
      role: 'agent',
      password: STRONG_PASSWORD,
    });
    const { entries } = (await (await staff.get('/api/v1/nijmegen/admin/audit', admin)).json()) as {
      entries: { type: string; actor?: string; detail?: string }[];
    };
    expect(entries.map((e) => e.type)).toEqual(['agent.created', 'login.failed', 'login.failed', 'login.succeeded']);
    expect(JSON.stringify(entries)).not.toContain('mijn-wachtwoord-per-ongeluk');
    await expect(
      server.store.forTenant('nijmegen').audit.append({ at: 0, type: 'x', actor: null, subject: null, detail: null }),
    ).resolves.toBeUndefined();
  });

  it('names accounts in the audit log by username and display name, also after an account is deleted', async () => {
    const admin = await staff.signIn('nijmegen', 'beheerder');
    const created = await (
      await staff.post('/api/v1/nijmegen/admin/agents', admin, {
        username: 'agent2',
        displayName: 'Anna de Vries',
        role: 'agent',
        password: STRONG_PASSWORD,
      })
    ).json();
    await staff.post(`/api/v1/nijmegen/admin/agents/${created.agentId}/password-reset`, admin);
    const page = async () =>
      (await (await staff.get('/api/v1/nijmegen/admin/audit', admin)).json()).entries as Record<string, string>[];
    expect((await page()).slice(0, 2)).toEqual([
      expect.objectContaining({
        type: 'agent.password-reset',
        actor: 'beheerder',
        actorName: 'BEHEERDER',
        subject: 'agent2',
        subjectName: 'Anna de Vries',
      }),
      expect.objectContaining({
        type: 'agent.created',
        actor: 'beheerder',
        subject: 'agent2',
        subjectName: 'Anna de Vries',
        detail: 'role agent',
      }),
    ]);
    await staff.request(`/api/v1/nijmegen/admin/agents/${created.agentId}`, { method: 'DELETE', as: admin });
    const [deleted] = await page();
    expect(deleted).toMatchObject({ type: 'agent.deleted', subject: 'agent2' });
    expect(deleted).not.toHaveProperty('subjectName');
    expect(JSON.stringify(await page())).not.toContain(created.agentId);
  });
});
