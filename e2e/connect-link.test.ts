import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_CONSUMER } from '../reference-server/src/demo/demo-parties.js';
import { axeViolations } from './support/browser.js';
import { type Person } from './support/people.js';
import { VirtualAuthenticator } from './support/passkeys.js';
import { browserSuite } from './support/browser-suite.js';
import { activeConnections, userIdOf } from './support/debt-app.js';

const suite = browserSuite();

async function person(): Promise<Person> {
  const created = await suite.person();
  return created;
}

const tenant = () => suite.stack.store.forTenant('nijmegen');
const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const alert = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text });

/** The regie account behind the passkeys on an authenticator (the server finds a passkey by its credential id). */
/** Signs in to the debt app with the regie account, on the server's decision page. */
async function signInToDebtApp(
  { page }: Person,
  choice: 'Nieuw account met passkey' | 'Bevestigen met passkey',
): Promise<void> {
  await page.goto(`${suite.stack.examplesOrigin}/debt-app/`);
  await button(page, 'Inloggen met regie').click();
  await heading(page, 'Demo Schuldhulp vraagt u in te loggen met uw regie-account.').waitFor();
  await button(page, choice).click();
  await page.getByRole('status').filter({ hasText: 'U bent ingelogd met uw regie-account.' }).waitFor();
}

/** From the debt app to the creditor's connect page: the start decision, confirmed with the passkey. Returns the creditor's URL. */
async function startLinkFlow({ page }: Person, provider: string): Promise<string> {
  await button(page, `Koppelen met ${provider}`).click();
  await heading(page, `Demo Schuldhulp wil uw klantaccount bij ${provider} koppelen aan uw regie-account.`).waitFor();
  await button(page, 'Bevestigen met passkey').click();
  await heading(page, 'Inloggen om te koppelen').waitFor();
  return page.url();
}

/** The creditor's own login, then its "Koppelen" button: the creditor redeems the token and sends the user back to the server. */
async function connectAtCreditor(page: Page, provider: string | undefined): Promise<void> {
  await button(page, 'Inloggen').click();
  await heading(page, 'Klantaccount koppelen').waitFor();
  await button(page, 'Koppelen').click();
  if (provider) await heading(page, `Rond de koppeling met ${provider} af.`).waitFor();
}

describe('Regie account and connecting by link, in Chromium', () => {
  it('makes a regie account with a passkey from the debt app, lists it on the account page, and adds a second passkey there', async () => {
    const anna = await person();
    const { page } = anna;
    await page.goto(`${suite.stack.examplesOrigin}/debt-app/`);
    await button(page, 'Inloggen met regie').click();
    await heading(page, 'Demo Schuldhulp vraagt u in te loggen met uw regie-account.').waitFor();
    expect(new URL(page.url()).origin).toBe(suite.stack.serverOrigin);
    expect(await axeViolations(page)).toEqual([]);

    await button(page, 'Nieuw account met passkey').click();
    await page.getByRole('status').filter({ hasText: 'U bent ingelogd met uw regie-account.' }).waitFor();
    expect(new URL(page.url()).origin).toBe(suite.stack.examplesOrigin);
    await page.getByText('Nog geen koppelingen.').waitFor();
    const [credential] = await anna.passkeys.credentials();
    expect(credential).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });

    await page.getByRole('link', { name: 'Uw regie-account beheren' }).click();
    await heading(page, 'Uw regie-account').first().waitFor();
    const passkeys = page.getByRole('region', { name: 'Passkeys' }).getByRole('listitem');
    await expect.poll(() => passkeys.count()).toBe(1);
    expect(await passkeys.first().textContent()).toContain('Hiermee bent u nu ingelogd.');
    expect(await axeViolations(page)).toEqual([]);

    // A second passkey on another authenticator, as a security key would be: the first one already
    // holds a passkey for this account, and the server asks the browser not to make a duplicate.
    const securityKey = await VirtualAuthenticator.attach(page, 'usb');
    await button(page, 'Passkey toevoegen').click();
    await page.getByRole('status').filter({ hasText: 'De passkey is toegevoegd.' }).waitFor();
    await expect.poll(() => passkeys.count()).toBe(2);
    expect(await securityKey.credentials()).toHaveLength(1);
    expect(await tenant().accounts.passkeysOf(await userIdOf(suite.stack, anna))).toHaveLength(2);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('connects Demo Energie by link: debt app, server, creditor portal, server, back to the debt app', async () => {
    const bram = await person();
    const { page } = bram;
    await signInToDebtApp(bram, 'Nieuw account met passkey');
    const creditorUrl = new URL(await startLinkFlow(bram, 'Demo Energie'));
    expect(creditorUrl.pathname).toBe('/creditor-portal/demo-energie/connect');
    expect(creditorUrl.origin).not.toBe(suite.stack.serverOrigin);
    expect(await axeViolations(page)).toEqual([]);

    await connectAtCreditor(page, 'Demo Energie');
    expect(new URL(page.url()).origin).toBe(suite.stack.serverOrigin);
    expect(await axeViolations(page)).toEqual([]);
    await button(page, 'Bevestigen met passkey').click();

    await page.getByRole('status').filter({ hasText: 'De koppeling is gemaakt.' }).waitFor();
    expect(new URL(page.url()).origin).toBe(suite.stack.examplesOrigin);
    const connected = page.getByRole('region', { name: 'Gekoppeld' });
    await connected.getByRole('button', { name: 'Ontkoppelen van Demo Energie' }).waitFor();
    expect(await connected.getByRole('listitem').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const [connection] = await activeConnections(suite.stack, await userIdOf(suite.stack, bram));
    expect(connection?.providerId).toBe('demo-energie');
    // Three origins took part: the debt app, the server and the creditor's connect page.
    expect(suite.watch.origins).toEqual(
      [suite.stack.examplesOrigin, suite.stack.serverOrigin, creditorUrl.origin].sort(),
    );

    // The creditor's page opened again with the used link says so in Dutch, as the portal speaks.
    await page.goto(creditorUrl.toString());
    await button(page, 'Koppelen').click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Deze koppelcode is al gebruikt. Vraag een nieuwe aan.' })
      .waitFor();
  });

  it('refuses a return URL that is not registered, and ignores a tampered return_url on the creditor page', async () => {
    const carla = await person();
    const { page } = carla;
    await signInToDebtApp(carla, 'Nieuw account met passkey');
    const sub = await tenant().oauth.subjectOf(DEMO_CONSUMER.id, await userIdOf(suite.stack, carla));
    // The debt app shows the start of the pseudonym it knows the user by.
    await page.getByText(`${sub!.slice(0, 10)}…`).waitFor();

    const ask = (returnUrl: string) =>
      fetch(`${suite.stack.serverOrigin}/api/v1/nijmegen/consumer/connect-requests`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${DEMO_CONSUMER.id}:${DEMO_CONSUMER.clientSecret}`).toString('base64')}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ providerId: 'demo-energie', sub, returnUrl, state: 'state-of-the-test-0123456789' }),
      });
    for (const returnUrl of [
      'https://evil.example/debt-app/connected',
      `${suite.stack.examplesOrigin}/debt-app/connected?next=https://evil.example/`,
      `${suite.stack.examplesOrigin}/debt-app/`,
    ]) {
      const refused = await ask(returnUrl);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    }
    expect((await ask(`${suite.stack.examplesOrigin}/debt-app/connected`)).status).toBe(201);

    const creditorUrl = new URL(await startLinkFlow(carla, 'Demo Zorgverzekeraar'));
    const serverReturn = creditorUrl.searchParams.get('return_url');
    expect(serverReturn).toMatch(new RegExp(`^${suite.stack.serverOrigin}/u/nijmegen/flows/`));
    await button(page, 'Inloggen').click();
    await heading(page, 'Klantaccount koppelen').waitFor();
    // Someone edits the address bar: the creditor redirects to what the server answers, not to the query.
    const tampered = new URL(page.url());
    tampered.searchParams.set('return_url', 'https://evil.example/phish');
    await page.goto(tampered.toString());
    await button(page, 'Koppelen').click();
    await heading(page, 'Rond de koppeling met Demo Zorgverzekeraar af.').waitFor();
    expect(page.url()).toBe(serverReturn);

    await button(page, 'Bevestigen met passkey').click();
    await page.getByRole('status').filter({ hasText: 'De koppeling is gemaakt.' }).waitFor();
    await page.getByRole('button', { name: 'Ontkoppelen van Demo Zorgverzekeraar' }).waitFor();
  });

  it('refuses to finish in another browser session, even with the same passkey, and connects nothing', async () => {
    const laptop = await person();
    await signInToDebtApp(laptop, 'Nieuw account met passkey');
    const creditorUrl = await startLinkFlow(laptop, 'Demo Energie');

    // The same person's passkey, synced to another browser where the creditor's page is opened.
    const otherBrowser = await person();
    for (const credential of await laptop.passkeys.credentials()) await otherBrowser.passkeys.add(credential);
    const { page } = otherBrowser;
    await page.goto(creditorUrl);
    await heading(page, 'Inloggen om te koppelen').waitFor();
    await connectAtCreditor(page, undefined);
    // Another browser session is not shown the flow at all, so it cannot confirm anything.
    await alert(page, 'Rond dit af in de browser waarin u bent begonnen.').waitFor();
    expect(await button(page, 'Bevestigen met passkey').count()).toBe(0);
    expect(new URL(page.url()).origin).toBe(suite.stack.serverOrigin);
    expect(await axeViolations(page)).toEqual([]);

    expect(await activeConnections(suite.stack, await userIdOf(suite.stack, laptop))).toEqual([]);
    await laptop.page.goto(`${suite.stack.examplesOrigin}/debt-app/`);
    await laptop.page.getByText('Nog geen koppelingen.').waitFor();
  });
});
