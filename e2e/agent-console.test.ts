import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { hashPassword } from '../reference-server/src/staff/passwords.js';
import { axeViolations, launchChromium, recordCspViolations } from './support/browser.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';

const ADMIN_PASSWORD = 'beheer-met-een-lange-zin';
const BSN = '999990019';
const PASSWORDS: Record<string, string> = { anna: 'koffie met drie klontjes', bram: 'thee met twee klontjes' };

let browser: Browser;
let stack: DemoStack;
const contexts: BrowserContext[] = [];
const cspChecks: (() => Promise<string[]>)[] = [];

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startDemoStack()]);
  // The first admin comes from the create-admin CLI in real life; here straight into the store.
  await stack.store.forTenant('nijmegen').agents.create({
    agentId: 'adminAAAAAAAAAAAAAAAAA',
    username: 'beheerder',
    displayName: 'Beheerder',
    role: 'admin',
    passwordHash: await hashPassword(ADMIN_PASSWORD),
    mustChangePassword: false,
    passwordExpiresAt: null,
    createdAt: Date.now(),
  });
});
afterAll(async () => {
  for (const check of cspChecks) expect(await check()).toEqual([]);
  await browser?.close();
  await stack?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  cspChecks.push(await recordCspViolations(page));
  return page;
}

/** Signs in with the keyboard only: type, Tab, type, Enter. */
async function signIn(page: Page, path: '/agent' | '/admin', username: string, password: string): Promise<void> {
  await page.goto(`${stack.serverOrigin}${path}`);
  await page.getByLabel('Gebruikersnaam').focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
}

/** A citizen discloses (as Jan Jansen in the demo wallet) and dials in through the simulator. */
async function citizenCalls(): Promise<{ callId: string; resolvedAt: number }> {
  const created = (await (
    await fetch(`${stack.serverOrigin}/api/v1/nijmegen/calls`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"purpose":"general"}',
    })
  ).json()) as {
    callId: string;
    callToken: string;
    sessionPtr: { u: string };
  };
  await fetch(`${stack.serverOrigin}/demo/irma/wallet/${created.sessionPtr.u.split('/').pop()}`, {
    method: 'POST',
    body: new URLSearchParams({ persona: 'jan', action: 'disclose' }),
  });
  const status = (await (
    await fetch(`${stack.serverOrigin}/api/v1/nijmegen/calls/${created.callId}`, {
      headers: { Authorization: `Bearer ${created.callToken}` },
    })
  ).json()) as { dtmfCode: string };
  const resolvedAt = Date.now();
  const dialled = (await (
    await fetch(`${stack.serverOrigin}/demo/switchboard/calls`, {
      method: 'POST',
      body: JSON.stringify({ tenant: 'nijmegen', code: status.dtmfCode }),
    })
  ).json()) as { sessionRef: string };
  expect(dialled.sessionRef).toBe(created.callId);
  return { callId: created.callId, resolvedAt };
}

const row = (page: Page) => page.locator('regie-agent-console tbody tr').filter({ hasText: 'Jan Jansen' });

describe('ID-bellen, agent side, in Chromium', () => {
  let admin: Page;
  let anna: Page;
  let bram: Page;

  it('lets the admin create two agents, who then sign in', async () => {
    admin = await newPage();
    await signIn(admin, '/admin', 'beheerder', ADMIN_PASSWORD);
    for (const [username, name] of [
      ['anna', 'Anna Visser'],
      ['bram', 'Bram de Boer'],
    ]) {
      await admin.locator('#new-username').fill(username!);
      await admin.locator('#new-name').fill(name!);
      await admin.locator('#new-password').fill(PASSWORDS[username!]!);
      await admin.getByRole('button', { name: 'Account aanmaken' }).click();
      await admin.getByText(`Account ${username} is aangemaakt.`).waitFor();
    }
    expect(await axeViolations(admin)).toEqual([]);
    [anna, bram] = [await newPage(), await newPage()];
    await signIn(anna, '/agent', 'anna', PASSWORDS.anna!);
    await signIn(bram, '/agent', 'bram', PASSWORDS.bram!);
    await anna.getByText('0 bellers').waitFor();
    await bram.getByText('0 bellers').waitFor();
  });

  it('shows the caller to both agents within a second; one wins the take, the other sees it taken', async () => {
    const { resolvedAt } = await citizenCalls();
    await Promise.all([row(anna).waitFor(), row(bram).waitFor()]);
    expect(Date.now() - resolvedAt).toBeLessThan(1000);
    expect(await row(anna).textContent()).toContain('••••••019');
    expect(await row(anna).textContent()).not.toContain(BSN);
    expect(await axeViolations(anna)).toEqual([]);

    // Both agents click; both requests are held until both were sent, so the server really gets them at once.
    const held: Route[] = [];
    let releaseBoth: () => void = () => undefined;
    const bothSent = new Promise<void>((resolve) => (releaseBoth = resolve));
    for (const page of [anna, bram]) {
      await page.route('**/console/calls/*/take', async (route) => {
        held.push(route);
        if (held.length === 2) releaseBoth();
        await bothSent;
        await route.continue();
      });
    }
    await Promise.all([
      row(anna)
        .getByRole('button', { name: /^Opnemen/ })
        .click(),
      row(bram)
        .getByRole('button', { name: /^Opnemen/ })
        .click(),
    ]);
    await bothSent;
    const outcome = async () => {
      const [a, b] = [await row(anna).textContent(), await row(bram).textContent()];
      return [
        a!.includes('U spreekt deze beller'),
        b!.includes('U spreekt deze beller'),
        a!.includes('Opgenomen door'),
        b!.includes('Opgenomen door'),
      ];
    };
    // Exactly one agent talks to the caller; the other sees who does.
    await expect
      .poll(outcome, { timeout: 2000 })
      .toSatisfy((o: boolean[]) => Boolean((o[0] && o[3]) || (o[1] && o[2])));
    const annaWon = (await row(anna).textContent())!.includes('U spreekt deze beller');
    const [winner, other] = annaWon ? [anna, bram] : [bram, anna];
    expect(await row(other).textContent()).toContain(`Opgenomen door ${annaWon ? 'Anna Visser' : 'Bram de Boer'}`);
    const simulator = await (await fetch(`${stack.serverOrigin}/demo/switchboard`)).text();
    expect(simulator).toContain(`connected to agent ${annaWon ? 'anna' : 'bram'}`);

    // The BSN is shown only on request; the case-file link opens in a new tab.
    await row(winner)
      .getByRole('button', { name: /^Toon BSN/ })
      .click();
    await expect.poll(() => row(winner).textContent()).toContain(BSN);
    const link = row(winner).getByRole('link', { name: /^Open dossier/ });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');

    // End the call with the keyboard: the row leaves both consoles within a second.
    await row(winner)
      .getByRole('button', { name: /^Beëindigen/ })
      .focus();
    const endedAt = Date.now();
    await winner.keyboard.press('Enter');
    await Promise.all([row(anna).waitFor({ state: 'detached' }), row(bram).waitFor({ state: 'detached' })]);
    expect(Date.now() - endedAt).toBeLessThan(1000);
  });

  it('leaves neither BSN nor names in the tenant’s database files', () => {
    stack.store.checkpoint();
    const dir = join(stack.dataDir, 'tenants');
    const raw = readdirSync(dir)
      .filter((file) => file.startsWith('nijmegen'))
      .map((file) => readFileSync(join(dir, file)).toString('latin1'))
      .join('');
    expect(raw.length).toBeGreaterThan(0);
    for (const personal of [BSN, 'Jansen', 'Jan ']) expect(raw).not.toContain(personal);
  });

  it('resets a password: the old session ends, the temporary password must be replaced', async () => {
    const resetRow = admin.locator('regie-agent-admin tbody tr').filter({ hasText: 'bram' });
    await resetRow.getByRole('button', { name: /^Wachtwoord resetten/ }).click();
    const temporary = (await admin.locator('regie-agent-admin .temporary').textContent())!;
    expect(temporary).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);
    await bram.getByText('Uw sessie is afgelopen. Log opnieuw in.').waitFor({ timeout: 5000 });

    await bram.getByLabel('Gebruikersnaam').fill('bram');
    await bram.getByLabel('Wachtwoord').fill(temporary);
    await bram.getByRole('button', { name: 'Inloggen' }).click();
    await bram.getByRole('heading', { name: 'Kies een nieuw wachtwoord' }).waitFor();
    expect(await axeViolations(bram)).toEqual([]);
    await bram.getByLabel('Tijdelijk wachtwoord').fill(temporary);
    await bram.getByLabel('Nieuw wachtwoord').fill('een geheel nieuw wachtwoord');
    await bram.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await bram.getByText('0 bellers').waitFor();
  });

  it('stops a deleted agent’s open console at once', async () => {
    const deleteRow = admin.locator('regie-agent-admin tbody tr').filter({ hasText: 'anna' });
    await deleteRow.getByRole('button', { name: /^Verwijderen/ }).click();
    await admin.getByText('Account anna is verwijderd.').waitFor();
    await anna.getByText('Uw sessie is afgelopen. Log opnieuw in.').waitFor({ timeout: 5000 });
    const audit = await admin.locator('regie-agent-admin table').nth(1).textContent();
    // Every event in the reader's language, never as the server's code.
    for (const event of [
      'Account verwijderd',
      'Wachtwoord gereset',
      'Gesprek opgenomen',
      'Gesprek beëindigd',
      'Gegevens van beller verwijderd',
      'BSN bekeken',
      'Beller getoond',
    ])
      expect(audit).toContain(event);
    expect(audit).not.toMatch(/agent\.deleted|call\.taken|bsn\.revealed/);
    expect(audit).toContain('Bram de Boer (bram)');
    expect(audit).not.toContain(BSN);
  });
});
