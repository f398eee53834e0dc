import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { axeViolations, SCREENSHOTS } from './support/browser.js';
import { consentOverviewUrl, currentConsents, theEndedConsent, useResults } from './support/consent-overview.js';
import { connectByLink, debtAppSubOf, signUpAtDebtApp } from './support/debt-app.js';
import { passkeysInTab, type Person } from './support/people.js';
import { browserSuite } from './support/browser-suite.js';

const suite = browserSuite();

const heading = (page: Page | Locator, name: string) => page.getByRole('heading', { name, exact: true });
const button = (page: Page | Locator, name: string) => page.getByRole('button', { name, exact: true });
const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
const debts = (page: Page) => page.getByRole('region', { name: 'Uw schulden' });
const consentLine = (page: Page, text: string) => debts(page).getByText(text, { exact: true });
const paymentPlan = (page: Page) => page.getByRole('region', { name: 'Betaalplan' });

const BOTH = ['Demo Energie', 'Demo Zorgverzekeraar'];
/** The demo customer's open items at each creditor (J. Jansen), as the debt app shows them. */
const AMOUNTS: Record<string, { items: string[]; total: string }> = {
  'Demo Energie': { items: ['€ 482,50', '€ 129,00'], total: '€ 611,50' },
  'Demo Zorgverzekeraar': { items: ['€ 156,75', '€ 156,75', '€ 385,00', '€ 385,00'], total: '€ 1.083,50' },
};

/** Someone signed in to the debt app with both demo creditors connected, the debts section in view. */
async function debtor(): Promise<Person> {
  const person = await suite.person();
  await signUpAtDebtApp(suite.stack, person);
  for (const provider of BOTH) await connectByLink(person, provider);
  await button(debts(person.page), 'Toestemming vragen').waitFor();
  return person;
}

interface DecisionWindow {
  popup: Page;
  consentId: string;
  /** Resolves when the popup has closed and its passkey use, if any, is back on the person's own authenticator. */
  closed: Promise<void>;
}

/** "Toestemming vragen": the dialog over the debt app, and regie's decision page in a popup with the person's passkeys. */
async function askConsent(person: Person): Promise<DecisionWindow> {
  const { page } = person;
  const [popup] = await Promise.all([page.waitForEvent('popup'), button(debts(page), 'Toestemming vragen').click()]);
  const passkeys = await passkeysInTab(person, popup);
  const closed = popup.waitForEvent('close').then(() => passkeys.mirroredUses());
  await heading(popup, 'Demo Schuldhulp vraagt uw toestemming').waitFor();
  const flow = new URL(popup.url());
  expect(flow.origin).toBe(suite.stack.serverOrigin);
  const consentId = flow.pathname.match(/^\/u\/nijmegen\/flows\/([\w-]+)$/)?.[1];
  if (!consentId) throw new Error(`the popup shows no consent flow: ${popup.url()}`);
  return { popup, consentId, closed };
}

/** Fetches on the debt app and waits for the page it comes back to. */
async function fetchDebts(page: Page, outcome: string): Promise<void> {
  await button(debts(page), 'Gegevens ophalen').click();
  await status(page, outcome).waitFor();
}

/** The euro amounts have a non-breaking space after the sign. */
const normalSpaces = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The payment plan below the debts: <regie-repayment-plan> planned the fetched debts in the
 * browser, one row per creditor, each paid off in some month of the plan.
 */
async function expectPlanOf(page: Page, providers: string[]): Promise<void> {
  const order = paymentPlan(page).getByRole('table', { name: 'Volgorde van betalen' });
  await order.waitFor();
  expect((await order.locator('tbody th').allInnerTexts()).sort()).toEqual(providers);
  for (const paidOff of await order.locator('tbody td:nth-child(3)').allInnerTexts())
    expect(normalSpaces(paidOff)).toMatch(/^maand \d+ \(\d{4}-\d{2}\)$/);
}

async function expectVerifiedDebts(page: Page, providers: string[]): Promise<void> {
  expect(await debts(page).getByRole('article').count()).toBe(providers.length);
  for (const provider of providers) {
    const source = debts(page).getByRole('article', { name: provider, exact: true });
    await source.getByText(`✓ Geverifieerd: ondertekend door ${provider}`, { exact: true }).waitFor();
    const amounts = await source.locator('tbody td:nth-child(2)').allInnerTexts();
    expect(amounts.map(normalSpaces)).toEqual(AMOUNTS[provider]!.items);
    expect(normalSpaces(await source.getByRole('row', { name: /^Totaal/ }).innerText())).toContain(
      AMOUNTS[provider]!.total,
    );
  }
}

describe('Consent through the dialog on the debt app, in Chromium', () => {
  it('gives consent in the popup for both creditors, fetches both verified, and lists the use with a verifiable receipt', async () => {
    const anna = await debtor();
    const { page } = anna;
    const { popup, consentId, closed } = await askConsent(anna);

    // The consumer's page only waits, in a modal dialog; the decision is on the server's page.
    const dialog = page.getByRole('dialog', { name: 'Geef toestemming in het venster van regie' });
    await dialog.getByRole('status').filter({ hasText: 'Wacht op uw beslissing in het venster van regie.' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    for (const section of ['Waarvoor', 'Welke gegevens', 'Van wie', 'Hoe lang'])
      await heading(popup, section).waitFor();
    await popup.getByText('Vink uit wie deze gegevens niet mag geven.', { exact: true }).waitFor();
    for (const provider of BOTH)
      expect(await popup.getByRole('checkbox', { name: provider, exact: true }).isChecked()).toBe(true);
    await popup.getByText('Doorlopend, tot u intrekt', { exact: true }).waitFor();
    expect(await axeViolations(popup)).toEqual([]);

    await button(popup, 'Toestemming geven met passkey').click();
    await closed;
    await consentLine(page, 'Toestemming: gegeven (bronnen: Demo Energie, Demo Zorgverzekeraar).').waitFor();
    expect(await dialog.isVisible()).toBe(false);

    await fetchDebts(page, 'De gegevens zijn opgehaald en gecontroleerd.');
    await expectVerifiedDebts(page, BOTH);
    await expectPlanOf(page, BOTH);
    expect(await axeViolations(page)).toEqual([]);
    // At 320 px the debts' tables scroll inside a region the keyboard reaches.
    const wide = page.viewportSize()!;
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(wide);
    // The monthly room is the person's to change, by keyboard: with less each month the plan costs more.
    const summary = paymentPlan(page).locator('regie-repayment-plan').getByRole('status');
    const costOf = async () =>
      Number(
        (await summary.innerText())
          .match(/kost €\s([\d.,]+)/)![1]!
          .replace(/\./g, '')
          .replace(',', '.'),
      );
    const costAt200 = await costOf();
    await paymentPlan(page).getByLabel('Bedrag per maand voor uw schulden, in euro').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('60');
    await page.keyboard.press('Enter');
    await expect.poll(costOf).toBeGreaterThan(costAt200);

    await page.getByRole('link', { name: 'Uw toestemmingen bekijken of intrekken' }).click();
    await heading(page, 'Lopende toestemmingen').waitFor();
    expect(page.url()).toBe(consentOverviewUrl(suite.stack));
    const consent = currentConsents(page);
    await expect.poll(() => consent.count()).toBe(1);
    await heading(consent, 'Demo Schuldhulp').waitFor();
    await consent.getByText('Toestemming gegeven', { exact: true }).waitFor();
    expect(await useResults(consent)).toEqual(['Gegevens gedeeld', 'Gegevens gedeeld']);
    expect(await axeViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      button(consent, 'Ondertekend bewijs als bestand').click(),
    ]);
    await status(page, 'Het ontvangstbewijs is gedownload.').waitFor();
    expect(download.suggestedFilename()).toBe(`consent-${consentId}.jws`);
    const receipt = (await readFile(await download.path(), 'utf8')).trim();
    // Anyone can check it with any JOSE library, against the server's published keys.
    const { payload, protectedHeader } = await jwtVerify(
      receipt,
      createRemoteJWKSet(new URL(`${suite.stack.serverOrigin}/.well-known/jwks.json`)),
      { issuer: suite.stack.serverOrigin },
    );
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'consent-receipt+jwt' });
    const sub = await debtAppSubOf(suite.stack, anna);
    expect(payload).toMatchObject({
      sub,
      consent_id: consentId,
      recipient: { id: 'demo-schuldhulp' },
      data_subject: { pseudonym: sub, of: 'demo-schuldhulp' },
      data: { service_type: 'https://regiekit.example/services/payment-due-list/v1', fields: ['items', 'totalCents'] },
      term: { mode: 'recurring' },
    });
    expect((payload.sources as { id: string }[]).map((source) => source.id)).toEqual(['demo-energie', 'demo-zorg']);

    // The same receipt in words, to read and print, a link away.
    await consent.getByRole('link', { name: 'Ontvangstbewijs bekijken' }).click();
    await heading(page, 'Ontvangstbewijs van uw toestemming').waitFor();
    const shown = page.locator('dl.receipt');
    await shown.getByText('Demo Schuldhulp').waitFor();
    await shown.getByText(sub).waitFor();
    expect((await page.locator('pre.token').textContent())!.trim()).toBe(receipt);
    expect(await axeViolations(page)).toEqual([]);
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}/consent-receipt-${width}.png`, fullPage: true });
    }
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('link', { name: 'Terug naar uw toestemmingen' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('link', { name: 'Terug naar uw toestemmingen' }).click();
    await heading(page, 'Lopende toestemmingen').waitFor();
  });

  it('refuses in the popup: the debt app hears "geweigerd" and has nothing to fetch', async () => {
    const bram = await debtor();
    const { page } = bram;
    const { popup, closed } = await askConsent(bram);
    await button(popup, 'Weigeren').click();
    await closed;

    await consentLine(page, 'Toestemming: geweigerd.').waitFor();
    expect(await button(debts(page), 'Gegevens ophalen').count()).toBe(0);
    expect(await debts(page).getByRole('article').count()).toBe(0);
    // It may ask again.
    await button(debts(page), 'Toestemming vragen').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('gives consent for one creditor only: unticking all is refused on the page, and only the ticked creditor’s data arrives', async () => {
    const carla = await debtor();
    const { page } = carla;
    const { popup, closed } = await askConsent(carla);
    const energie = popup.getByRole('checkbox', { name: 'Demo Energie', exact: true });
    const zorg = popup.getByRole('checkbox', { name: 'Demo Zorgverzekeraar', exact: true });

    const sent: string[] = [];
    popup.on('request', (request) => {
      if (request.method() !== 'GET') sent.push(`${request.method()} ${request.url()}`);
    });
    await energie.uncheck();
    await zorg.uncheck();
    await button(popup, 'Toestemming geven met passkey').click();
    await popup.getByRole('alert').filter({ hasText: 'Kies ten minste één organisatie.' }).waitFor();
    expect(await axeViolations(popup)).toEqual([]);
    // No passkey ceremony and no decision went to the server; the debt app still waits.
    expect(sent).toEqual([]);
    await page.getByRole('dialog', { name: 'Geef toestemming in het venster van regie' }).waitFor();

    await energie.check();
    expect(await popup.getByRole('alert').filter({ hasText: 'Kies ten minste één organisatie.' }).count()).toBe(0);
    await button(popup, 'Toestemming geven met passkey').click();
    await closed;
    await consentLine(page, 'Toestemming: gegeven (bronnen: Demo Energie).').waitFor();

    await fetchDebts(page, 'De gegevens zijn opgehaald en gecontroleerd.');
    await expectVerifiedDebts(page, ['Demo Energie']);
    expect(await debts(page).getByRole('article', { name: 'Demo Zorgverzekeraar' }).count()).toBe(0);
    await expectPlanOf(page, ['Demo Energie']);
  });

  it('revokes on the overview with a fresh passkey: the next fetch fails at once and the use log shows the refusal', async () => {
    const daan = await debtor();
    const { page } = daan;
    const { popup, closed } = await askConsent(daan);
    await button(popup, 'Toestemming geven met passkey').click();
    await closed;
    await consentLine(page, 'Toestemming: gegeven (bronnen: Demo Energie, Demo Zorgverzekeraar).').waitFor();
    await fetchDebts(page, 'De gegevens zijn opgehaald en gecontroleerd.');

    await page.goto(consentOverviewUrl(suite.stack));
    const consent = currentConsents(page);
    await heading(consent, 'Demo Schuldhulp').waitFor();
    // Later than the passkey of the decision counts as fresh: revoking has to ask for it again.
    suite.stack.clock.offset = 6 * 60 * 1000;
    const [before] = await daan.passkeys.credentials();
    await button(consent, 'Toestemming intrekken').click();
    const confirm = page.getByRole('dialog', { name: 'Toestemming voor Demo Schuldhulp intrekken?' });
    await button(confirm, 'Annuleren').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await button(confirm, 'Intrekken').click();
    await status(page, 'De toestemming voor Demo Schuldhulp is ingetrokken.').waitFor();
    const [after] = await daan.passkeys.credentials();
    expect(after!.signCount).toBeGreaterThan(before!.signCount);
    await page.getByText('U heeft geen lopende toestemmingen.', { exact: true }).waitFor();

    await page.goto(`${suite.stack.examplesOrigin}/debt-app/`);
    await consentLine(page, 'Toestemming: ingetrokken.').waitFor();
    // The app's page no longer offers to fetch, only to ask again.
    expect(await button(debts(page), 'Gegevens ophalen').count()).toBe(0);
    await button(debts(page), 'Toestemming vragen').waitFor();
    // A page rendered before the revocation still has the button: its fetch fails at once, with the reason.
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => {
      const stale = document.createElement('form');
      stale.method = 'post';
      stale.action = '/debt-app/refresh';
      document.body.append(stale);
      stale.submit();
    });
    await status(
      page,
      'Ophalen kan niet meer: uw toestemming is ingetrokken. Vraag opnieuw toestemming als u dat wilt.',
    ).waitFor();
    expect(await debts(page).getByRole('article').count()).toBe(0);
    expect(await paymentPlan(page).count()).toBe(0);

    await page.goto(consentOverviewUrl(suite.stack));
    const revoked = await theEndedConsent(page);
    await revoked.getByText('Toestemming ingetrokken', { exact: true }).waitFor();
    expect(await useResults(revoked)).toEqual(['Geweigerd', 'Geweigerd', 'Gegevens gedeeld', 'Gegevens gedeeld']);
    expect(await button(revoked, 'Toestemming intrekken').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
