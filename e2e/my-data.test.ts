import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { strFromU8, unzipSync } from 'fflate';
import { IssuerKeys, SignedDataVerificationError, verifySignedCredential } from '@regiekit/sdk/signed-data';
import { axeViolations, SCREENSHOTS } from './support/browser.js';
import { browserSuite } from './support/browser-suite.js';
import { passkeysInTab, type Person } from './support/people.js';

// My data in Chromium, across the company's portal (examples origin), regie's decision page (server
// origin) and a recipient (examples origin): see, download, correct (the company's staff accepts),
// forward a selection that the recipient verifies, and find the forward among the consents.
const suite = browserSuite();

const heading = (page: Page | Locator, name: string) => page.getByRole('heading', { name, exact: true });
const button = (page: Page | Locator, name: string) => page.getByRole('button', { name, exact: true });
const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
const myData = (page: Page) => page.locator('regie-my-data');
const category = (page: Page, title: string) =>
  myData(page)
    .locator('section.category')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) });

/** J. Jansen logs in to Demo Energie's portal and opens "Mijn gegevens". */
async function customerAtMyData(person: Person): Promise<void> {
  const { page } = person;
  await page.goto(`${suite.stack.examplesOrigin}/creditor-portal/demo-energie/`);
  await button(page, 'Inloggen').click();
  await page.getByRole('link', { name: 'Naar mijn gegevens' }).click();
  await heading(page, 'Uw gegevens bij Demo Energie').waitFor();
}

/** Submits the element's form: the confirmation window opens with the person's passkeys in it. */
async function confirmInWindow(person: Person, submit: () => Promise<void>, question: string, confirm: string) {
  const [popup] = await Promise.all([person.page.waitForEvent('popup'), submit()]);
  const passkeys = await passkeysInTab(person, popup);
  await heading(popup, question).waitFor();
  expect(new URL(popup.url()).origin).toBe(suite.stack.serverOrigin);
  expect(await axeViolations(popup)).toEqual([]);
  await popup.screenshot({
    path: `${SCREENSHOTS}/my-data-decision-${confirm.toLowerCase().replace(/\W+/g, '-')}.png`,
    fullPage: true,
  });
  const closed = popup.waitForEvent('close');
  // A first-time customer makes a regie account on the way; afterwards the passkey is there.
  const hasAccount = (await person.passkeys.credentials()).length > 0;
  await button(popup, hasAccount ? confirm : 'Nieuw account met passkey').click();
  await closed;
  await passkeys.mirroredUses();
}

describe('My data at Demo Energie, in Chromium', () => {
  it('shows the customer’s data with why it is kept, and downloads one file whose credentials verify', async () => {
    const person = await suite.person({ acceptDownloads: true });
    await customerAtMyData(person);
    const { page } = person;
    for (const title of ['Klantgegevens', 'Energiecontract', 'Meterstanden', 'Betalingen'])
      await heading(page, title).waitFor();
    await category(page, 'Klantgegevens').getByText('Stationsplein 12, 6512 AB Nijmegen', { exact: true }).waitFor();
    // 36 monthly readings: 20 shown, the rest on request.
    const readings = category(page, 'Meterstanden');
    expect(await readings.locator('tbody tr').count()).toBe(20);
    await button(readings, 'Toon alle 36 regels').click();
    expect(await readings.locator('tbody tr').count()).toBe(36);
    await readings.getByText('Waarom en hoe lang').click();
    await readings.getByText(/voorschot wordt automatisch berekend/).waitFor();
    // Payments are not portable: nothing to forward there.
    expect(await button(category(page, 'Betalingen'), 'Doorsturen').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}/my-data-${width}.png`, fullPage: true });
    }

    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Alles downloaden').click()]);
    await status(page, 'Het bestand met al uw gegevens is gedownload.').waitFor();
    expect(download.suggestedFilename()).toMatch(/^mijn-gegevens-demo-energie-\d{4}-\d\d-\d\d\.zip$/);
    const files = unzipSync(new Uint8Array(await readFile(await download.path())));
    expect(Object.keys(files)).toContain('summary.html');
    const contract = strFromU8(files['credentials/02-energy-contract.sd-jwt']!);
    const issuer = `${suite.stack.serverOrigin}/issuers/nijmegen/demo-energie`;
    const checked = await verifySignedCredential(contract, { trustedIssuers: [issuer], keys: new IssuerKeys() });
    expect(checked.data).toMatchObject({ holder: 'J. Jansen', product: 'Groene stroom, 3 jaar vast' });
  });

  it('sends a correction confirmed with a new passkey; staff accept it; the customer sees it done and the old data revoked', async () => {
    const person = await suite.person({ acceptDownloads: true });
    await customerAtMyData(person);
    const { page } = person;
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Alles downloaden').click()]);
    const before = strFromU8(
      unzipSync(new Uint8Array(await readFile(await download.path())))['credentials/01-klantgegevens.sd-jwt']!,
    );

    const details = category(page, 'Klantgegevens');
    await button(details, 'Correctie vragen').click();
    await page.getByLabel('Welk gegeven klopt niet?').selectOption({ label: 'E-mail' });
    await page.getByText('Nu: j.jansen@example.nl').waitFor();
    await page.getByLabel('Wat zou het moeten zijn?').fill('jan.jansen@example.nl');
    await page.getByLabel('Waarom klopt het niet?').fill('Ik gebruik dit adres niet meer.');
    expect(await axeViolations(page)).toEqual([]);
    await confirmInWindow(
      person,
      () => button(page, 'Verder, bevestigen met passkey').click(),
      'Correctie sturen aan Demo Energie?',
      'Correctie sturen',
    );
    await status(page, 'Uw correctieverzoek is verstuurd.').waitFor();
    await page.getByText('Verstuurd, wacht op antwoord').waitFor();

    // Demo Energie's staff change the data and accept.
    const staff = await person.context.newPage();
    await staff.goto(`${suite.stack.examplesOrigin}/creditor-portal/demo-energie/medewerkers/correcties`);
    await staff.getByText('jan.jansen@example.nl').first().waitFor();
    await button(staff, 'Doorvoeren en accepteren').click();
    await heading(staff, 'Beantwoord').waitFor();
    await staff.close();

    await page.reload();
    await heading(page, 'Uw gegevens bij Demo Energie').waitFor();
    await category(page, 'Klantgegevens').getByText('jan.jansen@example.nl', { exact: true }).waitFor();
    await page.getByText('Verbeterd', { exact: true }).waitFor();
    const issuer = `${suite.stack.serverOrigin}/issuers/nijmegen/demo-energie`;
    const outcome = await verifySignedCredential(before, { trustedIssuers: [issuer], keys: new IssuerKeys() }).then(
      () => 'valid',
      (error: unknown) => (error instanceof SignedDataVerificationError ? error.reason : String(error)),
    );
    expect(outcome).toBe('revoked');
  });

  it('forwards chosen contract fields to Demo Woningcorporatie, which shows them verified; the forward is among the consents', async () => {
    const person = await suite.person();
    await customerAtMyData(person);
    const { page } = person;
    await button(category(page, 'Energiecontract'), 'Doorsturen').click();
    await page.getByRole('radio', { name: /Demo Woningcorporatie/ }).check();
    await page.getByRole('checkbox', { name: /^Product/ }).check();
    await page.getByRole('checkbox', { name: /^Ingangsdatum/ }).check();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/my-data-forward-form.png`, fullPage: true });
    await confirmInWindow(
      person,
      () => button(page, 'Verder, bevestigen met passkey').click(),
      'Gegevens van Demo Energie doorsturen aan Demo Woningcorporatie?',
      'Doorsturen',
    );
    await status(page, 'Uw gegevens staan klaar voor Demo Woningcorporatie.').waitFor();

    await page.goto(`${suite.stack.examplesOrigin}/woningcorporatie/`);
    const proof = page.locator('li.card').first();
    await proof.getByText(/ondertekend door Demo Energie/).waitFor();
    expect(await proof.locator('dt').allTextContents()).toEqual(['Product', 'Ingangsdatum']);
    await proof.getByText('Groene stroom, 3 jaar vast', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/my-data-recipient.png`, fullPage: true });

    // Signed in on the server's origin when confirming: the consents page opens at once.
    // The forward is a one-off consent, used once fetched: among the ended ones, with its receipt.
    await page.goto(`${suite.stack.serverOrigin}/u/nijmegen/consents`);
    const ended = page.getByRole('region', { name: 'Beëindigde toestemmingen' });
    await ended.getByText('Toon 1 beëindigde toestemming', { exact: true }).click();
    const forward = ended.getByRole('listitem');
    await forward.getByRole('heading', { name: 'Demo Woningcorporatie', exact: true }).waitFor();
    await forward.getByText('Toestemming gebruikt', { exact: true }).waitFor();
    await forward.getByRole('link', { name: 'Ontvangstbewijs bekijken' }).click();
    await heading(page, 'Ontvangstbewijs van uw toestemming').waitFor();
    await page.getByText('Demo Woningcorporatie', { exact: true }).waitFor();
    expect(suite.watch.origins).toEqual([suite.stack.examplesOrigin, suite.stack.serverOrigin].sort());
  });
});
