import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { Locator, Page } from 'playwright-core';
import type { UserConsentList } from '@regiekit/sdk/protocol';
import { axeViolations, SCREENSHOTS } from './support/browser.js';
import { browserSuite } from './support/browser-suite.js';
import { passkeysInTab, type Person } from './support/people.js';

// Fetch into an application in Chromium, across three origins: Gemeente Nijmegen's form (examples
// origin), regie's decision page (server origin) and Demo Toeslagen, the source (a third origin),
// where the applicant identifies with the demo Yivi wallet. Fetch and add, fetch and decline, the
// manual choice, remove before sending, and the caseworker's check.
const suite = browserSuite();

const heading = (page: Page | Locator, name: string | RegExp) =>
  page.getByRole('heading', typeof name === 'string' ? { name, exact: true } : { name });
const button = (page: Page | Locator, name: string) => page.getByRole('button', { name, exact: true });
const element = (page: Page) => page.locator('regie-data-fetch');
const FORM = 'Gemeente Nijmegen, bijzondere bijstand';

/** The applicant opens the form and writes what the assistance is for. */
async function atTheForm(person: Person): Promise<Page> {
  const { page } = person;
  await page.goto(`${suite.stack.examplesOrigin}/bijstand/`);
  await heading(page, 'Aanvraag bijzondere bijstand').waitFor();
  await page.getByLabel('Waarvoor vraagt u bijzondere bijstand?').fill('Een nieuwe wasmachine');
  return page;
}

/**
 * "Ophalen bij Demo Toeslagen": the decision window asks, the applicant goes to the source with a
 * passkey (a new account the first time), shares the BSN in the demo Yivi wallet and comes back to
 * the decision page, which shows what was fetched. Returns that window.
 */
async function fetchUpToReview(person: Person, page: Page): Promise<Page> {
  await element(page)
    .getByRole('radio', { name: /^Ophalen bij Demo Toeslagen/ })
    .check();
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    button(element(page), 'Ophalen bij Demo Toeslagen').click(),
  ]);
  await passkeysInTab(person, popup);
  await heading(popup, `${FORM} vraagt gegevens van Demo Toeslagen`).waitFor();
  expect(new URL(popup.url()).origin).toBe(suite.stack.serverOrigin);
  expect(await axeViolations(popup)).toEqual([]);
  await popup.screenshot({ path: `${SCREENSHOTS}/data-fetch-ask.png`, fullPage: true });
  const hasAccount = (await person.passkeys.credentials()).length > 0;
  await button(popup, hasAccount ? 'Ophalen bij Demo Toeslagen' : 'Nieuw account met passkey').click();

  // At the source, on its own origin: identify with Yivi; the BSN stays there.
  await heading(popup, `Gegevens ophalen voor ${FORM}`).waitFor();
  expect(new URL(popup.url()).origin).toBe(suite.stack.sourceOrigin);
  expect(await axeViolations(popup)).toEqual([]);
  const walletUrl = await popup.getByRole('link', { name: 'Open de demo-Yivi-wallet' }).getAttribute('href');
  const wallet = await person.context.newPage();
  await wallet.goto(walletUrl!);
  await wallet.getByLabel('Jan Jansen').check();
  await button(wallet, 'Disclose').click();
  await wallet.getByRole('status').filter({ hasText: 'Disclosed' }).waitFor();
  await wallet.close();
  await button(popup, 'Verder').click();

  await heading(popup, `Dit wordt toegevoegd aan uw aanvraag bij ${FORM}`).waitFor();
  expect(new URL(popup.url()).origin).toBe(suite.stack.serverOrigin);
  return popup;
}

describe('Fetch into an application, in Chromium across the form, regie and the source', () => {
  it('fetches the payments, shows them before adding, attaches them signed; the caseworker sees the receipt’s hash', async () => {
    const person = await suite.person();
    const page = await atTheForm(person);
    // Two choices of equal weight, neither chosen.
    const choices = element(page).getByRole('radio');
    expect(await choices.count()).toBe(2);
    for (const choice of await choices.all()) expect(await choice.isChecked()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);

    const popup = await fetchUpToReview(person, page);
    // The payments of the last three months (the source pays on the 20th): two, three or four of them.
    const count = Number(/: (\d)$/.exec((await popup.getByText(/^Betalingen huurtoeslag: \d$/).textContent())!)![1]);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(await popup.locator('regie-account-page tbody tr').count()).toBe(count);
    await popup.getByText('Talis Woonbedrijf').first().waitFor();
    expect(await popup.getByText(/Beschikking|lopend/).count()).toBe(0);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.screenshot({ path: `${SCREENSHOTS}/data-fetch-review.png`, fullPage: true });
    const closed = popup.waitForEvent('close');
    await button(popup, 'Toevoegen').click();
    await closed;

    // Back in the form: what was added, signed, with "Verwijderen".
    await heading(element(page), 'Toegevoegd van Demo Toeslagen: Huurtoeslag: betalingen').waitFor();
    await element(page)
      .getByText(/^Ondertekend door Demo Toeslagen, opgehaald op .*, ongewijzigd\.$/)
      .waitFor();
    expect(await element(page).locator('tbody tr').count()).toBe(count);
    const digest = (await element(page).locator('.digest').textContent())!.replace('SHA-256: ', '');
    expect(await axeViolations(page)).toEqual([]);
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}/data-fetch-attached-${width}.png`, fullPage: true });
    }
    // A reload keeps it: the form's backend holds it for this application.
    await page.reload();
    await heading(element(page), 'Toegevoegd van Demo Toeslagen: Huurtoeslag: betalingen').waitFor();

    await page.getByLabel('Waarvoor vraagt u bijzondere bijstand?').fill('Een nieuwe wasmachine');
    await button(page, 'Aanvraag versturen').click();
    await heading(page, 'Uw aanvraag is verstuurd').waitFor();
    await page.getByText(`SHA-256: ${digest}`).waitFor();

    // The applicant's receipt names the same hash.
    const account = await person.context.newPage();
    await account.goto(`${suite.stack.serverOrigin}/u/nijmegen/account`);
    const { receipt, consentId } = await account.evaluate(async () => {
      const list = (await (await fetch('/api/v1/nijmegen/account/consents')).json()) as UserConsentList;
      const consent = list.consents.find((candidate) => candidate.consumer.id === 'gemeente-nijmegen-bijstand')!;
      const token = await (await fetch(`/api/v1/nijmegen/account/consents/${consent.consentId}/receipt`)).text();
      return { receipt: token, consentId: consent.consentId };
    });
    expect(decodeJwt(receipt)).toMatchObject({ data: { content_sha256: digest } });
    // The readable receipt shows it too.
    await account.goto(`${suite.stack.serverOrigin}/u/nijmegen/receipts/${consentId}`);
    await account.getByText(digest, { exact: true }).waitFor();
    expect(await axeViolations(account)).toEqual([]);

    // The caseworker checks it again with the SDK and sees the same hash.
    const caseworker = await person.context.newPage();
    await caseworker.goto(`${suite.stack.examplesOrigin}/bijstand/medewerker`);
    await caseworker
      .getByText(/Huurtoeslag: ondertekend door Demo Toeslagen, opgehaald op .*, ongewijzigd\./)
      .waitFor();
    await caseworker.getByText(`SHA-256: ${digest}`).waitFor();
    expect(await axeViolations(caseworker)).toEqual([]);
    await caseworker.screenshot({ path: `${SCREENSHOTS}/data-fetch-caseworker.png`, fullPage: true });
    // The BSN stayed at the source, and nothing fetched is left in regiekit's data directory.
    suite.stack.store.checkpoint();
    const stored = readdirSync(join(suite.stack.dataDir, 'tenants'))
      .map((file) => readFileSync(join(suite.stack.dataDir, 'tenants', file)).toString('latin1'))
      .join('');
    for (const secret of ['999990019', 'Talis Woonbedrijf', 'TS-2026-000172']) expect(stored).not.toContain(secret);
    expect(suite.watch.origins).toEqual(
      [suite.stack.examplesOrigin, suite.stack.serverOrigin, suite.stack.sourceOrigin].sort(),
    );
  });

  it('adds nothing when the applicant declines what was fetched; both choices stay', async () => {
    const person = await suite.person();
    const page = await atTheForm(person);
    const popup = await fetchUpToReview(person, page);
    const closed = popup.waitForEvent('close');
    await button(popup, 'Niet toevoegen').click();
    await closed;
    await element(page).getByRole('status').filter({ hasText: 'Niets toegevoegd.' }).waitFor();
    expect(await element(page).locator('.attached').count()).toBe(0);
    expect(await element(page).getByRole('radio').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('takes proof the applicant adds themselves, asking regiekit nothing', async () => {
    const person = await suite.person();
    const asked: string[] = [];
    person.context.on('request', (request) => {
      if (request.url().startsWith(suite.stack.serverOrigin) && !request.url().includes('/cdn/'))
        asked.push(request.url());
    });
    const page = await atTheForm(person);
    await element(page)
      .getByRole('radio', { name: /^Zelf bewijs toevoegen/ })
      .check();
    await page.getByLabel(/Bedragen en data van de betalingen/).fill('20 november € 318, 20 oktober € 318');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    await button(page, 'Aanvraag versturen').click();
    await heading(page, 'Uw aanvraag is verstuurd').waitFor();
    expect(asked).toEqual([]);
    const caseworker = await person.context.newPage();
    await caseworker.goto(`${suite.stack.examplesOrigin}/bijstand/medewerker`);
    await caseworker.getByText('Huurtoeslag: zelf aangeleverd: 20 november € 318, 20 oktober € 318').first().waitFor();
  });

  it('removes what was added before the application is sent, by keyboard', async () => {
    const person = await suite.person();
    const page = await atTheForm(person);
    const popup = await fetchUpToReview(person, page);
    const closed = popup.waitForEvent('close');
    await button(popup, 'Toevoegen').click();
    await closed;
    const remove = button(element(page), 'Verwijderen');
    await remove.focus();
    await page.keyboard.press('Enter');
    await element(page).getByRole('status').filter({ hasText: 'Verwijderd.' }).waitFor();
    expect(await element(page).locator('.attached').count()).toBe(0);
    await page.reload();
    await heading(page, 'Aanvraag bijzondere bijstand').waitFor();
    expect(await element(page).locator('.attached').count()).toBe(0);
  });
});
