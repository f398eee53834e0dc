import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { CONFIRMATION_CODE_ALPHABET } from '@regiekit/sdk/protocol';
import { axeViolations } from './support/browser.js';
import { PHONE, type Person } from './support/people.js';
import { browserSuite } from './support/browser-suite.js';
import { activeConnections, userIdOf } from './support/debt-app.js';

const suite = browserSuite();

/** The customer at the desktop, signed in to the creditor portal. */
async function desktop(): Promise<Person> {
  const created = await suite.person();
  return created;
}

/** Someone with a phone: its own passkeys, so its own regie account. */
async function phone(): Promise<Person> {
  const created = await suite.person(PHONE);
  return created;
}

const tenant = () => suite.stack.store.forTenant('nijmegen');
const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const alert = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text });
const status = (element: Locator, text: string) =>
  element.locator('[part="status"]').filter({ hasText: new RegExp(`^${text}$`) });

const SCAN_QUESTION = 'Demo Energie wil uw klantaccount koppelen aan uw regie-account.';
const USED = 'Deze koppelcode is al gebruikt. Vraag in het portaal een nieuwe code aan.';

/** Logs in to Demo Energie's portal as a demo customer; the element shows a QR code. Returns the element and its connect URL. */
async function openPortal({ page }: Person, customer: string): Promise<{ element: Locator; connectUrl: string }> {
  await page.goto(`${suite.stack.examplesOrigin}/creditor-portal/demo-energie/`);
  await page.getByLabel('Klant').selectOption(customer);
  await button(page, 'Inloggen').click();
  const element = page.locator('regie-connect-token');
  await status(element, 'Wacht op scannen').waitFor();
  const connectUrl = await element.getByRole('link', { name: 'Koppelen op dit apparaat' }).getAttribute('href');
  if (!connectUrl) throw new Error('the element shows no connect link');
  return { element, connectUrl };
}

/** What scanning the QR code does: the phone opens the connect URL, in a new tab unless one is given. */
async function scan(person: Person, connectUrl: string, tab?: Page): Promise<Page> {
  const page = tab ?? (await person.context.newPage());
  await page.goto(connectUrl);
  return page;
}

/** The phone makes a regie account with a passkey and takes the token; returns the code as shown ("K7R 4MX"). */
async function approveWithNewAccount(page: Page): Promise<string> {
  await button(page, 'Nieuw account met passkey').click();
  await heading(page, 'Uw bevestigingscode').waitFor();
  return (await page.locator('[part="confirmation-code"]').textContent())!.trim();
}

/** Moves the keyboard focus with Tab until it is on `target` (inside shadow roots too). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const focused = await target.evaluate((el) => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active === el;
    });
    if (focused) return;
  }
  throw new Error('the target cannot be reached with Tab');
}

/** The person at the desktop types what the phone shows, with the keyboard, and presses Enter. */
async function typeCode(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/** The same code with every character changed: a well-formed code that is not the one. */
const otherCode = (code: string) =>
  code.replace(
    /\S/g,
    (ch) =>
      CONFIRMATION_CODE_ALPHABET[(CONFIRMATION_CODE_ALPHABET.indexOf(ch) + 1) % CONFIRMATION_CODE_ALPHABET.length]!,
  );

describe('Connecting by QR code, in Chromium', () => {
  it('connects: the desktop shows the QR, the phone makes an account and shows a code, the desktop types it', async () => {
    const customer = await desktop();
    const { element, connectUrl } = await openPortal(customer, 'DE-100231');
    expect(connectUrl).toMatch(new RegExp(`^${suite.stack.serverOrigin}/u/nijmegen/connect#t=[\\w-]+$`));
    expect(await element.locator('svg[part="qr"]').getAttribute('aria-label')).toBe(
      'QR-code om uw klantaccount te koppelen, te scannen met de camera van uw telefoon',
    );
    expect(await axeViolations(customer.page)).toEqual([]);

    const mobile = await phone();
    await scan(mobile, connectUrl, mobile.page);
    await heading(mobile.page, SCAN_QUESTION).waitFor();
    // The token leaves the address bar at once: no history entry or screenshot keeps it.
    expect(mobile.page.url()).toBe(`${suite.stack.serverOrigin}/u/nijmegen/connect`);
    expect(await axeViolations(mobile.page)).toEqual([]);
    const code = await approveWithNewAccount(mobile.page);
    expect(code).toMatch(new RegExp(`^[${CONFIRMATION_CODE_ALPHABET}]{3} [${CONFIRMATION_CODE_ALPHABET}]{3}$`));
    // Shown, and said in the live region for screen reader users.
    await mobile.page
      .getByRole('paragraph')
      .filter({ hasText: /^Typ deze code in het portaal van Demo Energie\.$/ })
      .waitFor();
    await mobile.page
      .getByRole('status')
      .filter({ hasText: 'Typ deze code in het portaal van Demo Energie.' })
      .waitFor({ state: 'attached' });
    expect(await axeViolations(mobile.page)).toEqual([]);

    await status(element, 'Gescand').waitFor();
    expect(await axeViolations(customer.page)).toEqual([]);
    await tabTo(customer.page, customer.page.getByLabel('Bevestigingscode'));
    await typeCode(customer.page, code);
    await status(element, 'Gekoppeld').waitFor();
    await element.getByText('Uw klantaccount is gekoppeld aan uw regie-account.').waitFor();
    expect(await axeViolations(customer.page)).toEqual([]);

    await heading(mobile.page, 'Gekoppeld met Demo Energie.').waitFor();
    expect(await axeViolations(mobile.page)).toEqual([]);
    const connections = await activeConnections(suite.stack, await userIdOf(suite.stack, mobile));
    expect(connections.map((c) => c.providerId)).toEqual(['demo-energie']);
  });

  it('refuses a wrong confirmation code with the attempts left, and connects with the right one', async () => {
    const customer = await desktop();
    const { element, connectUrl } = await openPortal(customer, 'DE-100874');
    const mobile = await phone();
    await scan(mobile, connectUrl, mobile.page);
    const code = await approveWithNewAccount(mobile.page);
    await status(element, 'Gescand').waitFor();

    const field = customer.page.getByLabel('Bevestigingscode');
    await tabTo(customer.page, field);
    await typeCode(customer.page, otherCode(code));
    await alert(customer.page, 'Deze code klopt niet. U kunt het nog 2 keer proberen.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await status(element, 'Gescand').count()).toBe(1);
    expect(await activeConnections(suite.stack, await userIdOf(suite.stack, mobile))).toEqual([]);
    expect(await axeViolations(customer.page)).toEqual([]);

    // Focus stays in the field with the wrong code selected: typing replaces it.
    expect(
      await field.evaluate(
        (input: HTMLInputElement) =>
          input.selectionStart === 0 && input.selectionEnd === input.value.length && input.value.length > 0,
      ),
    ).toBe(true);
    await typeCode(customer.page, code.replace(' ', '').toLowerCase());
    await status(element, 'Gekoppeld').waitFor();
    await heading(mobile.page, 'Gekoppeld met Demo Energie.').waitFor();
    expect(
      (await activeConnections(suite.stack, await userIdOf(suite.stack, mobile))).map((c) => c.providerId),
    ).toEqual(['demo-energie']);
  });

  it('refuses a connect link opened again after it was used, and connects nothing new', async () => {
    const customer = await desktop();
    const { element, connectUrl } = await openPortal(customer, 'DE-100231');
    const mobile = await phone();
    await scan(mobile, connectUrl, mobile.page);
    const code = await approveWithNewAccount(mobile.page);
    await status(element, 'Gescand').waitFor();
    await tabTo(customer.page, customer.page.getByLabel('Bevestigingscode'));
    await typeCode(customer.page, code);
    await status(element, 'Gekoppeld').waitFor();
    const owner = await userIdOf(suite.stack, mobile);
    const before = await tenant().connections.listForProvider('demo-energie');

    // Scanned once more, by the same phone and by someone else: both are told it is used, and cannot approve.
    const again = await scan(mobile, connectUrl);
    await alert(again, USED).waitFor();
    expect(await button(again, 'Bevestigen met passkey').count()).toBe(0);
    expect(await axeViolations(again)).toEqual([]);
    const stranger = await phone();
    await scan(stranger, connectUrl, stranger.page);
    await alert(stranger.page, USED).waitFor();
    expect(await button(stranger.page, 'Nieuw account met passkey').count()).toBe(0);

    expect(await tenant().connections.listForProvider('demo-energie')).toEqual(before);
    expect(await activeConnections(suite.stack, owner)).toHaveLength(1);
    expect(await status(element, 'Gekoppeld').count()).toBe(1);
  });

  it('lets only the first account that approves take the token; a second person gets an error and no code', async () => {
    const customer = await desktop();
    const { element, connectUrl } = await openPortal(customer, 'DE-100231');
    const owner = await phone();
    const intruder = await phone();
    // Both have the question on screen (say the QR code was photographed over the shoulder).
    await scan(owner, connectUrl, owner.page);
    await scan(intruder, connectUrl, intruder.page);
    await Promise.all([heading(owner.page, SCAN_QUESTION).waitFor(), heading(intruder.page, SCAN_QUESTION).waitFor()]);

    const code = await approveWithNewAccount(owner.page);
    await button(intruder.page, 'Nieuw account met passkey').click();
    await alert(intruder.page, USED).waitFor();
    expect(await intruder.page.locator('[part="confirmation-code"]').count()).toBe(0);
    expect(await button(intruder.page, 'Bevestigen met passkey').count()).toBe(0);
    expect(await axeViolations(intruder.page)).toEqual([]);
    // Opened again afterwards: refused at once.
    const later = await scan(intruder, connectUrl);
    await alert(later, USED).waitFor();
    expect(await button(later, 'Nieuw account met passkey').count()).toBe(0);

    // The portal still waits for the owner's code, and it connects the owner's account only.
    await status(element, 'Gescand').waitFor();
    await tabTo(customer.page, customer.page.getByLabel('Bevestigingscode'));
    await typeCode(customer.page, code);
    await status(element, 'Gekoppeld').waitFor();
    await heading(owner.page, 'Gekoppeld met Demo Energie.').waitFor();
    expect(await activeConnections(suite.stack, await userIdOf(suite.stack, owner))).toHaveLength(1);
    expect(await activeConnections(suite.stack, await userIdOf(suite.stack, intruder))).toEqual([]);
  });
});
