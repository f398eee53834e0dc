import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { SWITCHBOARD_SECRETS } from '../reference-server/src/testing/test-server.js';
import { TenantCrypto } from '../reference-server/src/crypto/tenant-crypto.js';
import { axeViolations, launchChromium, recordCspViolations } from './support/browser.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';

let browser: Browser;
let stack: DemoStack;
let context: BrowserContext;
let page: Page;
let cspViolations: () => Promise<string[]>;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startDemoStack()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});
beforeEach(async () => {
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.examplesOrigin });
  page = await context.newPage();
  cspViolations = await recordCspViolations(page);
});
afterEach(async () => {
  // Every test runs the page under its strict CSP; nothing may have been blocked.
  if (page.url() !== 'about:blank') expect(await cspViolations()).toEqual([]);
  await context.close();
});

const callButton = (nth = 0) => page.locator('regie-call-button').nth(nth);
const dialog = (nth = 0) => callButton(nth).locator('dialog');

async function expectNoAxeViolations(): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** The newest session waiting in the demo wallet, as the Yivi app would find it by scanning. */
async function walletSessionUrl(): Promise<string> {
  const wallet = await context.newPage();
  await wallet.goto(`${stack.serverOrigin}/demo/irma/wallet`);
  const href = await wallet.locator('ul a').first().getAttribute('href');
  await wallet.close();
  if (!href) throw new Error('no session waiting in the demo wallet');
  return href;
}

/** Uses the demo wallet page like a person: pick a test identity, press a button. */
async function answerInWallet(action: 'Disclose' | 'Cancel'): Promise<void> {
  const wallet = await context.newPage();
  await wallet.goto(await walletSessionUrl());
  await wallet.getByRole('button', { name: action }).click();
  await wallet.getByRole('status').waitFor();
  await wallet.close();
}

/** Tabs from the top of the page until the focus is on `target`'s button; keyboard only. */
async function tabTo(target: Locator): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const onTarget = await target.evaluate(
      (host) => document.activeElement === host && host.shadowRoot?.activeElement?.getAttribute('part') === 'button',
    );
    if (onTarget) return;
  }
  throw new Error('the call button cannot be reached with Tab');
}

/** Whether the keyboard focus is on the element's own button (the one that opens the dialog). */
const buttonHasFocus = (host: Locator) =>
  host.evaluate(
    (el) => document.activeElement === el && el.shadowRoot?.activeElement?.getAttribute('part') === 'button',
  );

const shadowFocus = (host: Locator) =>
  host.evaluate(
    (el) => el.shadowRoot?.activeElement?.textContent?.trim() ?? el.shadowRoot?.activeElement?.tagName ?? null,
  );

/** Tabs inside the dialog until the control named `text` has focus; fails if it cannot be reached. */
async function tabToControl(host: Locator, text: string): Promise<void> {
  await page.bringToFront();
  for (let i = 0; i < 10; i++) {
    if ((await shadowFocus(host)) === text) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`"${text}" cannot be reached with Tab (focus is on ${await shadowFocus(host)})`);
}

function resolve(code: string, callId: string) {
  return fetch(`${stack.serverOrigin}/api/v1/nijmegen/switchboard/resolve`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${SWITCHBOARD_SECRETS.nijmegen}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, callId }),
  });
}

describe('ID-bellen, citizen side, in Chromium', () => {
  it('runs the whole flow by keyboard on a second origin under a strict CSP, with a leading-zero code', async () => {
    stack.nextCodes.push('0012345678');
    const response = await page.goto(`${stack.examplesOrigin}/municipal/`);
    const csp = response!.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(new URL(stack.examplesOrigin).origin).not.toBe(new URL(stack.serverOrigin).origin);

    await tabTo(callButton());
    await page.keyboard.press('Enter');
    await dialog().locator('svg[part="qr"]').waitFor();
    expect(await dialog().evaluate((d: HTMLDialogElement) => d.open && d.matches(':modal'))).toBe(true);
    // Focus moved into the dialog, onto its title.
    expect(await callButton().evaluate((el) => el.shadowRoot?.activeElement?.id)).toBe('title');
    expect(await dialog().locator('svg[part="qr"]').getAttribute('aria-label')).toBe(
      'QR-code om te scannen met de Yivi-app',
    );
    await expectNoAxeViolations();

    await answerInWallet('Disclose');
    const callLink = dialog().locator('a[part="call-link"]');
    await callLink.waitFor();
    expect(await callLink.getAttribute('href')).toBe('tel:+31243299999,0012345678');
    expect(await dialog().locator('.code').textContent()).toBe('001 234 5678');
    expect(await dialog().locator('.number').textContent()).toBe('+31 24 329 9999');
    await expectNoAxeViolations();

    // Keyboard only: Tab to the copy button and press it; the live region confirms.
    await tabToControl(callButton(), 'Code kopiëren');
    await page.keyboard.press('Enter');
    await dialog().getByRole('status').filter({ hasText: 'De code is gekopieerd.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('0012345678');

    // The switchboard simulator dials in with the code and gets exactly this session.
    const tenant = stack.config.tenants[0]!;
    const live = await stack.store
      .forTenant('nijmegen')
      .calls.findByLiveCode(new TenantCrypto(stack.config.keyRing, tenant.id).dtmfCodeHashes('0012345678'), Date.now());
    const simulator = await context.newPage();
    await simulator.goto(`${stack.serverOrigin}/demo/switchboard`);
    await simulator.getByLabel('Code (10 digits)').fill('0012345678');
    await simulator.getByRole('button', { name: 'Call' }).click();
    expect(await simulator.getByRole('status').textContent()).toContain(`session reference ${live!.callId}`);
    expect((await stack.store.forTenant('nijmegen').calls.get(live!.callId))?.status).toBe('called');

    // The same code never resolves a second time.
    expect((await resolve('0012345678', 'CA-another-line')).status).toBe(404);

    await page.keyboard.press('Escape');
    expect(await dialog().evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(await buttonHasFocus(callButton())).toBe(true);
  });

  it('lets the citizen stop in the app and try again, by keyboard', async () => {
    await page.goto(`${stack.examplesOrigin}/municipal/`);
    await tabTo(callButton());
    await page.keyboard.press('Enter');
    await dialog().locator('svg[part="qr"]').waitFor();

    // Opening the session in the wallet is what scanning does: the page follows along.
    const wallet = await context.newPage();
    await wallet.goto(await walletSessionUrl());
    // The wallet stands for another device: the citizen looks at the call button page again.
    await page.bringToFront();
    await dialog().getByText('Volg de stappen in de Yivi-app.').first().waitFor({ timeout: 10_000 });
    await expectNoAxeViolations();
    await wallet.getByRole('button', { name: 'Cancel' }).click();
    // The wallet's answer is a form post: closing the page before it lands would abort it.
    await wallet.getByRole('status').waitFor();
    await wallet.close();

    await dialog().getByText('U bent gestopt. Er zijn geen gegevens gedeeld.').first().waitFor({ timeout: 10_000 });
    await expectNoAxeViolations();
    await tabToControl(callButton(), 'Opnieuw proberen');
    await page.keyboard.press('Enter');
    await dialog().locator('svg[part="qr"]').waitFor({ timeout: 10_000 });
  });

  it('closes on Escape, cancels the Yivi session and returns focus to the button', async () => {
    await page.goto(`${stack.examplesOrigin}/municipal/`);
    await tabTo(callButton(1));
    await page.keyboard.press('Enter');
    await dialog(1).locator('svg[part="qr"]').waitFor();
    const sessionUrl = await walletSessionUrl();
    await page.keyboard.press('Escape');
    expect(await dialog(1).evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(await buttonHasFocus(callButton(1))).toBe(true);
    const statusUrl = sessionUrl.replace('/demo/irma/wallet/', '/demo/irma/session/') + '/status';
    await expect.poll(async () => (await fetch(statusUrl)).json()).toBe('CANCELLED');
  });

  it('shows loading, time-out and error states accessibly', async () => {
    await page.goto(`${stack.examplesOrigin}/municipal/`);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/nijmegen/calls', async (route) => {
      await held;
      await route.continue();
    });
    await callButton().locator('button[part="button"]').click();
    await dialog().getByText('Even geduld, we maken het gesprek klaar.').waitFor();
    await expectNoAxeViolations();
    release();
    await dialog().locator('svg[part="qr"]').waitFor();

    stack.clock.offset += 301_000;
    await dialog().getByText('De tijd is verstreken. Begin opnieuw om te bellen.').first().waitFor({ timeout: 10_000 });
    stack.clock.offset -= 301_000;
    await expectNoAxeViolations();
    await page.keyboard.press('Escape');

    await page.evaluate(() => {
      const broken = document.createElement('regie-call-button');
      broken.setAttribute('server', document.querySelector('regie-call-button')!.getAttribute('server')!);
      broken.setAttribute('tenant', 'nijmegen');
      broken.setAttribute('purpose', 'no-such-purpose');
      document.querySelector('main')!.append(broken);
    });
    await callButton(2).locator('button[part="button"]').click();
    await dialog(2)
      .getByText('Bellen met Yivi is op deze pagina niet goed ingesteld. Bel het algemene nummer.')
      .first()
      .waitFor();
    await expectNoAxeViolations();
  });

  it('loads the Yivi client and QR encoder once, when the keyboard focus comes to the button', async () => {
    const loads: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/cdn/regie-call-button.yivi.js')) loads.push(request.url());
    });
    await page.goto(`${stack.examplesOrigin}/municipal/`);
    await callButton().locator('button[part="button"]').waitFor();
    expect(loads).toEqual([]);
    const loaded = page.waitForResponse('**/cdn/regie-call-button.yivi.js');
    await tabTo(callButton());
    await loaded;
    await page.keyboard.press('Enter');
    await dialog().locator('svg[part="qr"]').waitFor();
    // The import() after the checked preload takes the module the preload put in the module map.
    expect(loads).toHaveLength(1);
  });

  it('runs the lazily loaded Yivi client only if it is the file its bundle was built with', async () => {
    // A CDN that serves something else than the build made: the bundle's hash must stop it.
    await page.route('**/cdn/regie-call-button.yivi.js', async (route) => {
      const original = await (await route.fetch()).text();
      await route.fulfill({
        contentType: 'text/javascript',
        headers: { 'Access-Control-Allow-Origin': '*' },
        body: `${original}\nglobalThis.regieTampered = true;`,
      });
    });
    await page.goto(`${stack.examplesOrigin}/municipal/`);
    await callButton().locator('button[part="button"]').click();
    await dialog().getByText('Er is geen verbinding. Controleer uw internet en probeer het opnieuw.').first().waitFor();
    expect(await page.evaluate(() => 'regieTampered' in globalThis)).toBe(false);
    await expectNoAxeViolations();

    // Trying again loads it anew, and the real file runs.
    await page.unroute('**/cdn/regie-call-button.yivi.js');
    await dialog().getByRole('button', { name: 'Opnieuw proberen' }).click();
    await dialog().locator('svg[part="qr"]').waitFor();
    expect(await page.evaluate(() => 'regieTampered' in globalThis)).toBe(false);
  });

  it('speaks English on an English page and offers the app link on a phone', async () => {
    const phone = await browser.newContext({
      userAgent:
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const mobile = await phone.newPage();
    const violations = await recordCspViolations(mobile);
    await mobile.goto(`${stack.examplesOrigin}/municipal/arnhem.html`);
    const button = mobile.locator('regie-call-button');
    await button.getByRole('button', { name: 'Call with Yivi' }).click();
    const openApp = button.locator('dialog').getByRole('link', { name: 'Open the Yivi app' });
    await openApp.waitFor();
    expect(await openApp.getAttribute('href')).toMatch(/^intent:\/\/qr\/json\//);
    expect(await axeViolations(mobile)).toEqual([]);
    expect(await violations()).toEqual([]);
    await phone.close();
  });
});
