import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from './support/browser.js';
import { browserSuite } from './support/browser-suite.js';
import { connectByLink, signUpAtDebtApp } from './support/debt-app.js';

// A newcomer on a desktop whose passkeys live in one tab only (Chromium's virtual authenticator,
// as the README offers): every demo flow can be finished without leaving that tab.
const suite = browserSuite();

const heading = (page: Page | Locator, name: string) => page.getByRole('heading', { name, exact: true });
const button = (page: Page | Locator, name: string) => page.getByRole('button', { name, exact: true });
const link = (page: Page | Locator, name: string) => page.getByRole('link', { name, exact: true });
const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
const tokenStatus = (element: Locator, text: string) =>
  element.locator('[part="status"]').filter({ hasText: new RegExp(`^${text}$`) });

describe('the whole demo in one tab, with passkeys in that tab only', () => {
  it('connects by QR code on this device and comes back to the portal to type the code', async () => {
    const person = await suite.person();
    const { page } = person;
    await signUpAtDebtApp(suite.stack, person);

    await page.goto(`${suite.stack.examplesOrigin}/creditor-portal/demo-zorg/`);
    await button(page, 'Inloggen').click();
    const element = page.locator('regie-connect-token');
    await tokenStatus(element, 'Wacht op scannen').waitFor();
    await link(element, 'Koppelen op dit apparaat').click();

    // The same tab: the account page knows this person is signed in, so only their passkey is asked.
    await heading(page, 'Demo Zorgverzekeraar wil uw klantaccount koppelen aan uw regie-account.').waitFor();
    expect(await button(page, 'Nieuw account met passkey').count()).toBe(0);
    await button(page, 'Bevestigen met passkey').click();
    await heading(page, 'Uw bevestigingscode').waitFor();
    const code = (await page.locator('[part="confirmation-code"]').textContent())!.replace(/\s/g, '');
    expect(await axeViolations(page)).toEqual([]);
    await button(page, 'Terug naar Demo Zorgverzekeraar').click();

    // Back at the portal, which follows the same code: type it, connected.
    await tokenStatus(element, 'Gescand').waitFor();
    await page.getByLabel('Bevestigingscode').fill(code);
    await button(element, 'Bevestigen').click();
    await tokenStatus(element, 'Gekoppeld').waitFor();
    expect(await button(element, 'Nieuwe code').count()).toBe(0);
  });

  it('decides on consent in this window instead of a popup, and comes back with the data', async () => {
    const person = await suite.person();
    const { page } = person;
    await signUpAtDebtApp(suite.stack, person);
    await connectByLink(person, 'Demo Energie');
    const debts = page.getByRole('region', { name: 'Uw schulden' });
    const [popup] = await Promise.all([page.waitForEvent('popup'), button(debts, 'Toestemming vragen').click()]);
    // The popup has no passkey in this setup: the person continues here instead.
    const closed = popup.waitForEvent('close');
    await link(page.locator('regie-consent-dialog'), 'Verder in dit venster').click();
    await closed;
    await heading(page, 'Demo Schuldhulp vraagt uw toestemming').waitFor();
    expect(new URL(page.url()).origin).toBe(suite.stack.serverOrigin);
    await button(page, 'Toestemming geven met passkey').click();
    await button(debts, 'Gegevens ophalen').waitFor();
    expect(new URL(page.url()).origin).toBe(suite.stack.examplesOrigin);
    await button(debts, 'Gegevens ophalen').click();
    await status(page, 'De gegevens zijn opgehaald en gecontroleerd.').waitFor();
  });
});
