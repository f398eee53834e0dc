import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { axeViolations, launchChromium } from './support/browser.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';

let browser: Browser;
let stack: DemoStack;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let consoleLines: string[];

beforeAll(async () => {
  // The pages below come from the browser driver, not from a socket, so Chromium counts them as
  // public and would refuse their requests to the loopback server (Local Network Access). In
  // production page and server are both public; this switch puts the test in that situation.
  [browser, stack] = await Promise.all([
    launchChromium(['--disable-features=LocalNetworkAccessChecks']),
    startDemoStack(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
  pageErrors = [];
  consoleLines = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message: ConsoleMessage) => consoleLines.push(`${message.type()}: ${message.text()}`));
});
afterEach(() => context.close());

/**
 * A page on the municipality's own origin, as its web team wrote it: its own
 * HTML and its own Content-Security-Policy, embedding the CDN scripts from the
 * regiekit server. Served through the browser driver, so each test states the
 * exact page and policy it is about.
 */
async function municipalPage(path: string, csp: string, body: string): Promise<void> {
  const url = `${stack.examplesOrigin}${path}`;
  await page.route(url, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp },
      body: `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Contact</title></head><body><main><h1>Contact</h1>${body}</main></body></html>`,
    }),
  );
  await page.goto(url);
}

const cdn = (file: string) => `${stack.serverOrigin}/cdn/${file}`;
const callButton = () => page.locator('regie-call-button').first();
const dialog = () => callButton().locator('dialog');

describe('the CDN scripts on a municipal page', () => {
  it('load as a classic <script src> from another origin, and the element defines', async () => {
    const script = await fetch(cdn('regie-call-button.js'));
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    await municipalPage(
      '/classic.html',
      `default-src 'none'; script-src ${stack.serverOrigin}; connect-src ${stack.serverOrigin}`,
      `<script src="${cdn('regie-call-button.js')}"></script>
       <regie-call-button server="${stack.serverOrigin}" tenant="nijmegen" purpose="general"></regie-call-button>`,
    );
    await page.waitForFunction(() => customElements.get('regie-call-button') !== undefined, undefined, {
      timeout: 5_000,
    });
    await callButton().getByRole('button', { name: 'Bellen met Yivi' }).click();
    await dialog().locator('svg[part="qr"]').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("are harmless twice under `trusted-types lit-html`: no error, and the first copy's elements work", async () => {
    await municipalPage(
      '/two-copies.html',
      `default-src 'none'; script-src ${stack.serverOrigin}; connect-src ${stack.serverOrigin}; require-trusted-types-for 'script'; trusted-types lit-html`,
      `<script type="module" src="${cdn('regie-call-button.js')}"></script>
       <script type="module" src="${cdn('regiekit.js')}"></script>
       <script src="${cdn('regie-call-button.js')}?copy=classic"></script>
       <regie-call-button server="${stack.serverOrigin}" tenant="nijmegen" purpose="general"></regie-call-button>`,
    );
    await page.waitForFunction(() => customElements.get('regie-consent-dialog') !== undefined, undefined, {
      timeout: 5_000,
    });
    await callButton().getByRole('button', { name: 'Bellen met Yivi' }).click();
    await dialog().locator('svg[part="qr"]').waitFor();
    expect(pageErrors).toEqual([]);
    // The page author learns why a second copy could not bring elements of its own, and what to do.
    expect(consoleLines.some((line) => line.includes('allow-duplicates'))).toBe(true);
  });

  it("work twice under `trusted-types lit-html 'allow-duplicates'`, the second copy's own elements too", async () => {
    await municipalPage(
      '/two-copies-allowed.html',
      `default-src 'none'; script-src ${stack.serverOrigin}; connect-src ${stack.serverOrigin}; require-trusted-types-for 'script'; trusted-types lit-html 'allow-duplicates'`,
      `<script type="module" src="${cdn('regie-call-button.js')}"></script>
       <script type="module" src="${cdn('regiekit.js')}"></script>
       <regie-call-button server="${stack.serverOrigin}" tenant="nijmegen" purpose="general"></regie-call-button>
       <regie-agent-console server="${stack.serverOrigin}" tenant="nijmegen"></regie-agent-console>`,
    );
    await page.locator('regie-agent-console').getByLabel('Gebruikersnaam').waitFor({ timeout: 5_000 });
    await callButton().getByRole('button', { name: 'Bellen met Yivi' }).click();
    await dialog().locator('svg[part="qr"]').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('under a CSP without the server in connect-src: a neutral message for the citizen, the CSP named in the console', async () => {
    await municipalPage(
      '/no-connect-src.html',
      `default-src 'none'; script-src ${stack.serverOrigin}; connect-src 'self'`,
      `<script type="module" src="${cdn('regie-call-button.js')}"></script>
       <regie-call-button server="${stack.serverOrigin}" tenant="nijmegen" purpose="general"></regie-call-button>`,
    );
    await callButton().getByRole('button', { name: 'Bellen met Yivi' }).click();
    await dialog()
      .getByText('Bellen met Yivi is vanaf deze pagina niet bereikbaar.', { exact: false })
      .first()
      .waitFor();
    expect(await dialog().textContent()).not.toContain('internet');
    await expect
      .poll(() => consoleLines.find((line) => line.includes('Content-Security-Policy')))
      .toMatch(
        new RegExp(`^error: <regie-call-button>: .*Content-Security-Policy.* ${stack.serverOrigin} \\(connect-src\\)`),
      );
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('the language of the municipal page', () => {
  it('is followed when the page switches <html lang> at run time', async () => {
    await page.goto(`${stack.examplesOrigin}/municipal/`);
    await callButton().getByRole('button', { name: 'Bellen met Yivi' }).waitFor();
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    await callButton().getByRole('button', { name: 'Call with Yivi' }).waitFor({ timeout: 2_000 });
    await callButton().getByRole('button', { name: 'Call with Yivi' }).click();
    await dialog().getByText('Scan this QR code with the Yivi app.', { exact: false }).waitFor();
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'nl'));
    await dialog().getByText('Scan deze QR-code met de Yivi-app.', { exact: false }).waitFor({ timeout: 2_000 });
  });

  it("has an English link on Nijmegen's page that opens Nijmegen's English page, and back", async () => {
    await page.goto(`${stack.examplesOrigin}/municipal/`);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${stack.examplesOrigin}/municipal/en.html`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toContain('Nijmegen');
    expect(
      await page.locator('regie-call-button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('tenant'))),
    ).toEqual(['nijmegen', 'nijmegen']);
    await callButton().getByRole('button', { name: 'Call with Yivi' }).waitFor();
    await page.getByRole('link', { name: 'Nederlands' }).click();
    await page.waitForURL(`${stack.examplesOrigin}/municipal/`);
    expect(await page.title()).toContain('Nijmegen');
  });
});
