import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { hashPassword } from '../reference-server/src/staff/passwords.js';
import { axeViolations, launchChromium, SCREENSHOTS } from './support/browser.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';

const ADMIN_PASSWORD = 'beheer-met-een-lange-zin';
const AGENT_PASSWORD = 'koffie met drie klontjes';

let browser: Browser;
let stack: DemoStack;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startDemoStack()]);
  const agents = stack.store.forTenant('nijmegen').agents;
  for (const [agentId, username, displayName, role, password] of [
    ['adminAAAAAAAAAAAAAAAAA', 'beheerder', 'Beheerder Bos', 'admin', ADMIN_PASSWORD],
    ['agentAAAAAAAAAAAAAAAAA', 'carla', 'Carla Claassen', 'agent', AGENT_PASSWORD],
    ['agentBBBBBBBBBBBBBBBBB', 'eva', 'Eva Evers', 'agent', AGENT_PASSWORD],
  ] as const) {
    await agents.create({
      agentId,
      username,
      displayName,
      role,
      passwordHash: await hashPassword(password),
      mustChangePassword: false,
      passwordExpiresAt: null,
      createdAt: Date.now(),
    });
  }
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function signedIn(
  path: '/agent' | '/admin',
  username: string,
  password: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${stack.serverOrigin}${path}`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
  return page;
}

/** A citizen discloses in the demo wallet and dials in through the simulator, so a row appears in the console. */
async function citizenCalls(): Promise<void> {
  const api = `${stack.serverOrigin}/api/v1/nijmegen/calls`;
  const created = (await (
    await fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"purpose":"general"}' })
  ).json()) as { callId: string; callToken: string; sessionPtr: { u: string } };
  await fetch(`${stack.serverOrigin}/demo/irma/wallet/${created.sessionPtr.u.split('/').pop()}`, {
    method: 'POST',
    body: new URLSearchParams({ persona: 'jan', action: 'disclose' }),
  });
  const { dtmfCode } = (await (
    await fetch(`${api}/${created.callId}`, { headers: { Authorization: `Bearer ${created.callToken}` } })
  ).json()) as { dtmfCode: string };
  await fetch(`${stack.serverOrigin}/demo/switchboard/calls`, {
    method: 'POST',
    body: JSON.stringify({ tenant: 'nijmegen', code: dtmfCode }),
  });
}

describe('the staff pages in Dutch', () => {
  it('say in Dutch why the server refused a new account, not in the server’s English', async () => {
    const admin = await signedIn('/admin', 'beheerder', ADMIN_PASSWORD);
    await admin.locator('#new-username').fill('daan');
    await admin.locator('#new-name').fill('Daan Dekker');
    await admin.locator('#new-password').fill('wachtwoord123');
    await admin.getByRole('button', { name: 'Account aanmaken' }).click();
    const alert = admin.locator('regie-agent-admin').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'Dit wachtwoord is niet toegestaan. Kies minstens 12 tekens, geen veelgebruikt wachtwoord, niet de gebruikersnaam en niet het huidige wachtwoord.',
    );
    await admin.locator('#new-username').fill('carla');
    await admin.locator('#new-password').fill('een ander lang wachtwoord');
    await admin.getByRole('button', { name: 'Account aanmaken' }).click();
    await alert.getByText('Deze gebruikersnaam bestaat al. Kies een andere.').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
  });

  it('show the audit log with events in Dutch and accounts by name, not codes and ids', async () => {
    const admin = await signedIn('/admin', 'beheerder', ADMIN_PASSWORD);
    const carlaRow = admin
      .locator('regie-agent-admin')
      .getByRole('region', { name: 'Accounts' })
      .locator('tbody tr')
      .filter({ hasText: 'carla' });
    await carlaRow.getByRole('button', { name: /^Wachtwoord resetten/ }).click();
    await admin.locator('regie-agent-admin .temporary').waitFor();
    const audit = admin.locator('regie-agent-admin table').nth(1);
    await audit.getByText('Wachtwoord gereset').waitFor();
    const reset = audit.locator('tbody tr').filter({ hasText: 'Wachtwoord gereset' }).first();
    expect(await reset.locator('td').allTextContents()).toEqual([
      expect.any(String),
      'Wachtwoord gereset',
      'Beheerder Bos (beheerder)',
      'Carla Claassen (carla)',
      '',
    ]);
    const text = (await audit.textContent())!;
    expect(text).toContain('Ingelogd');
    expect(text).not.toMatch(/agent\.password-reset|login\.succeeded|agentAAAAAAAAAAAAAAAAA/);
    expect(await axeViolations(admin)).toEqual([]);
  });
});

describe('the staff pages on a 320 px screen', () => {
  const SMALL: BrowserContextOptions = { viewport: { width: 320, height: 640 } };
  const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it('the agent console does not scroll sideways: each caller is a card with Opnemen in view', async () => {
    const console = await signedIn('/agent', 'eva', AGENT_PASSWORD, SMALL);
    await console.getByText('0 bellers').waitFor();
    await citizenCalls();
    await console.getByText('1 beller').waitFor();
    expect(await pageWidth(console)).toBeLessThanOrEqual(320);
    const region = console.locator('regie-agent-console').getByRole('region', { name: '1 beller' });
    expect(await region.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const take = region.getByRole('button', { name: /^Opnemen/ });
    const box = (await take.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    // Still a table to a screen reader: the row header and the cells keep their roles.
    expect(await region.getByRole('rowheader').count()).toBe(1);
    await console.screenshot({ path: `${SCREENSHOTS}/agent-console-320.png`, fullPage: true });
    expect(await axeViolations(console)).toEqual([]);
  });

  it('the admin page does not scroll sideways: both tables show their rows as cards, nothing cut off', async () => {
    const admin = await signedIn('/admin', 'beheerder', ADMIN_PASSWORD, SMALL);
    await admin
      .locator('regie-agent-admin')
      .getByRole('region', { name: 'Accounts' })
      .locator('tbody tr')
      .filter({ hasText: 'carla' })
      .waitFor();
    expect(await pageWidth(admin)).toBeLessThanOrEqual(320);
    for (const name of ['Accounts', 'Logboek']) {
      const region = admin.locator('regie-agent-admin').getByRole('region', { name });
      expect(await region.evaluate((el) => el.scrollWidth <= el.clientWidth), name).toBe(true);
    }
    await admin.screenshot({ path: `${SCREENSHOTS}/agent-admin-320.png`, fullPage: true });
    expect(await axeViolations(admin)).toEqual([]);
  });
});
