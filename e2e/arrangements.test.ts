import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from './support/browser.js';
import { connectByLink, signUpAtDebtApp } from './support/debt-app.js';
import { passkeysInTab, type Person } from './support/people.js';
import { browserSuite } from './support/browser-suite.js';

const suite = browserSuite();

const heading = (page: Page | Locator, name: string) => page.getByRole('heading', { name, exact: true });
const button = (page: Page | Locator, name: string) => page.getByRole('button', { name, exact: true });
const debts = (page: Page) => page.getByRole('region', { name: 'Uw schulden' });
const arrangements = (page: Page) => page.getByRole('region', { name: 'Regelingen' });
/** One arrangement's element: its status line, and the region named after the creditor. */
const arrangementWith = (page: Page, creditor: string) =>
  arrangements(page)
    .locator('regie-arrangement[data-kind="arrangement"]')
    .filter({ has: page.getByRole('heading', { name: `Regeling met ${creditor}`, exact: true }) });
const normalSpaces = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Signed in to the debt app, both demo creditors connected, consent given for both and the debts fetched. */
async function debtorWithPlan(): Promise<Person> {
  const person = await suite.person({ locale: 'nl-NL' });
  const { page } = person;
  await signUpAtDebtApp(suite.stack, person);
  for (const provider of ['Demo Energie', 'Demo Zorgverzekeraar']) await connectByLink(person, provider);
  const [popup] = await Promise.all([page.waitForEvent('popup'), button(debts(page), 'Toestemming vragen').click()]);
  const passkeys = await passkeysInTab(person, popup);
  const closed = popup.waitForEvent('close').then(() => passkeys.mirroredUses());
  await button(popup, 'Toestemming geven met passkey').click();
  await closed;
  await button(debts(page), 'Gegevens ophalen').click();
  await page.getByRole('status').filter({ hasText: 'De gegevens zijn opgehaald en gecontroleerd.' }).waitFor();
  await arrangements(page).waitFor();
  return person;
}

/** Regie's decision page in a popup: the person reads the terms and confirms with the passkey; the app reloads. */
async function confirmInPopup(person: Person, open: () => Promise<unknown>, question: string, confirm: string) {
  const { page } = person;
  const [popup] = await Promise.all([page.waitForEvent('popup'), open()]);
  const passkeys = await passkeysInTab(person, popup);
  const closed = popup.waitForEvent('close').then(() => passkeys.mirroredUses());
  await heading(popup, question).waitFor();
  expect(new URL(popup.url()).origin).toBe(suite.stack.serverOrigin);
  expect(await axeViolations(popup)).toEqual([]);
  const reloaded = page.waitForEvent('load');
  await button(popup, confirm).click();
  await closed;
  await reloaded;
}

/** The creditor's staff page in a tab of its own: one action, then back to the list. */
async function asStaff(person: Person, provider: string, act: (page: Page) => Promise<void>) {
  const staff = await person.context.newPage();
  await staff.goto(`${suite.stack.examplesOrigin}/creditor-portal/${provider}/medewerkers/regelingen`);
  await heading(staff, 'Betalingsregelingen (medewerkers)').waitFor();
  await act(staff);
  await heading(staff, 'Betalingsregelingen (medewerkers)').waitFor();
  expect(await axeViolations(staff)).toEqual([]);
  await staff.close();
}

describe('Payment arrangements from the debt app, in Chromium', () => {
  it('asks both creditors: Demo Energie accepts at once, Demo Zorgverzekeraar counters and the debtor accepts; an instalment paid and one missed', async () => {
    const person = await debtorWithPlan();
    const { page } = person;

    // One proposal per creditor, within the room, with whether it is accepted at once.
    const proposals = arrangements(page).locator('regie-arrangement[data-kind="proposals"]');
    const energyCard = proposals.getByRole('listitem').filter({ hasText: 'Demo Energie' });
    const healthCard = proposals.getByRole('listitem').filter({ hasText: 'Demo Zorgverzekeraar' });
    await energyCard.getByText('Wordt meteen geaccepteerd', { exact: true }).waitFor();
    await healthCard.getByText('Een medewerker beoordeelt het', { exact: true }).waitFor();
    expect(normalSpaces(await healthCard.innerText())).toContain('Het saldo is hoger dan € 1.000,00.');
    expect(await axeViolations(page)).toEqual([]);

    // Demo Energie: within its policy, active at once. Asked by keyboard: Tab to the button, Enter.
    const askEnergy = button(energyCard, 'Regeling aanvragen bij Demo Energie');
    await askEnergy.focus();
    expect(await askEnergy.evaluate((element) => element.matches(':focus-visible, :focus'))).toBe(true);
    await confirmInPopup(
      person,
      () => page.keyboard.press('Enter'),
      'Betalingsregeling aanvragen bij Demo Energie?',
      'Aanvragen met passkey',
    );
    const energy = arrangementWith(page, 'Demo Energie');
    await energy.getByText('Loopt', { exact: true }).first().waitFor();
    await energy.getByRole('table', { name: 'Termijnen' }).waitFor();
    await energy.getByRole('img', { name: /^Saldo: van €\s611,50 naar €\s611,50$/ }).waitFor();

    // Demo Zorgverzekeraar: over EUR 1,000, so its staff decide.
    const healthButton = arrangements(page)
      .locator('regie-arrangement[data-kind="proposals"]')
      .getByRole('button', { name: 'Regeling aanvragen bij Demo Zorgverzekeraar' });
    await confirmInPopup(
      person,
      () => healthButton.click(),
      'Betalingsregeling aanvragen bij Demo Zorgverzekeraar?',
      'Aanvragen met passkey',
    );
    await arrangementWith(page, 'Demo Zorgverzekeraar')
      .getByText('Aangevraagd, wacht op antwoord', { exact: true })
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await asStaff(person, 'demo-zorg', async (staff) => {
      await staff.getByLabel('Tegenvoorstel: bedrag per maand in euro').fill('60');
      await staff.getByLabel('Toelichting voor de klant').fill('Zestig euro per maand past bij uw plan.');
      await button(staff, 'Tegenvoorstel doen').click();
    });
    await page.reload();
    const health = arrangementWith(page, 'Demo Zorgverzekeraar');
    await health.getByText('Tegenvoorstel ontvangen', { exact: true }).first().waitFor();
    await health.getByText(/Zestig euro per maand past bij uw plan\./).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await confirmInPopup(
      person,
      () => health.getByRole('link', { name: 'Tegenvoorstel bekijken' }).click(),
      'Het tegenvoorstel van Demo Zorgverzekeraar aannemen?',
      'Aannemen met passkey',
    );
    await arrangementWith(page, 'Demo Zorgverzekeraar').getByText('Loopt', { exact: true }).first().waitFor();
    expect(
      await arrangementWith(page, 'Demo Zorgverzekeraar')
        .getByRole('table', { name: 'Termijnen' })
        .locator('tbody tr')
        .count(),
    ).toBe(19);

    // Demo Energie's staff: the first instalment paid, the second missed.
    await asStaff(person, 'demo-energie', async (staff) => {
      await button(staff, 'Termijn 1 betaald').click();
    });
    await asStaff(person, 'demo-energie', async (staff) => {
      await button(staff, 'Termijn 2 gemist').click();
    });
    await page.reload();
    const missed = arrangementWith(page, 'Demo Energie');
    await missed.getByText('Termijn gemist', { exact: true }).first().waitFor();
    await missed.getByText('Bij nog een gemiste termijn vervalt de regeling.', { exact: true }).waitFor();
    // The events the app received, newest first.
    expect(
      (await arrangements(page).getByRole('list').filter({ hasText: 'termijn 2 gemist' }).first().innerText()).split(
        '\n',
      ),
    ).toEqual(expect.arrayContaining(['Demo Energie: termijn 2 gemist', 'Demo Energie: termijn 1 betaald']));
    const replan = button(missed, 'Opnieuw plannen');
    await replan.waitFor();
    // Each due instalment has its payment QR code with the same data in words.
    await missed.getByText('Betalen met QR-code', { exact: true }).first().click();
    await missed
      .getByRole('img', { name: /^QR-code voor de betaling van/ })
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The re-plan offer, by keyboard too, takes the person to the monthly room of the plan.
    await replan.focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('room');
    // At 320 px nothing scrolls sideways.
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await axeViolations(page)).toEqual([]);
  });
});
