import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { axeViolations, launchChromium } from './support/browser.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';

let browser: Browser;
let stack: DemoStack;
let context: BrowserContext;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startDemoStack()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});
afterEach(() => context?.close());

/** The smallest screen WCAG reflow asks for, and a 1280 × 720 screen zoomed to 200 %. */
const SMALL_PHONE: BrowserContextOptions = { viewport: { width: 320, height: 640 } };
const ZOOMED_200: BrowserContextOptions = { viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 };

/** Opens the call dialog on the municipal page and discloses in the demo wallet, so number and code show. */
async function dialogWithCode(options: BrowserContextOptions): Promise<Page> {
  context = await browser.newContext(options);
  const page = await context.newPage();
  const created = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/nijmegen/calls') && r.request().method() === 'POST',
  );
  await page.goto(`${stack.examplesOrigin}/municipal/`);
  await page.locator('regie-call-button').first().locator('button[part="button"]').click();
  const { sessionPtr } = (await (await created).json()) as { sessionPtr: { u: string } };
  await page.locator('regie-call-button').first().locator('svg[part="qr"]').waitFor();
  await fetch(`${stack.serverOrigin}/demo/irma/wallet/${sessionPtr.u.split('/').pop()}`, {
    method: 'POST',
    body: new URLSearchParams({ persona: 'jan', action: 'disclose' }),
  });
  await page.locator('regie-call-button').first().locator('a[part="call-link"]').waitFor();
  return page;
}

/** Where the dialog is, how wide the page scrolls, and how many lines each digit group takes. */
function measure(page: Page) {
  return page
    .locator('regie-call-button')
    .first()
    .evaluate((host) => {
      const dialog = host.shadowRoot!.querySelector('dialog')!;
      const box = dialog.getBoundingClientRect();
      const lines = (selector: string) =>
        [...host.shadowRoot!.querySelectorAll(`${selector} .group`)].map((group) => group.getClientRects().length);
      return {
        left: box.left,
        right: box.right,
        bottom: box.bottom,
        viewportWidth: innerWidth,
        viewportHeight: innerHeight,
        pageWidth: document.documentElement.scrollWidth,
        scrollsInside: getComputedStyle(dialog).overflowY === 'auto' && dialog.scrollHeight > dialog.clientHeight,
        numberGroups: lines('.number'),
        codeGroups: lines('.code'),
      };
    });
}

describe('the call dialog on small and zoomed screens', () => {
  it('fits a 320 px screen, and keeps every group of number and code on one line', async () => {
    const page = await dialogWithCode(SMALL_PHONE);
    const m = await measure(page);
    expect(m.pageWidth).toBeLessThanOrEqual(320);
    expect(m.left).toBeGreaterThanOrEqual(0);
    expect(m.right).toBeLessThanOrEqual(m.viewportWidth);
    expect(m.numberGroups).toEqual([1, 1, 1, 1]);
    expect(m.codeGroups).toEqual([1, 1, 1]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('at 200 % zoom stays inside the screen and scrolls inside itself, so the call link is reachable', async () => {
    const page = await dialogWithCode(ZOOMED_200);
    const m = await measure(page);
    expect(m.pageWidth).toBeLessThanOrEqual(m.viewportWidth);
    expect(m.left).toBeGreaterThanOrEqual(0);
    expect(m.right).toBeLessThanOrEqual(m.viewportWidth);
    expect(m.bottom).toBeLessThanOrEqual(m.viewportHeight);
    expect(m.scrollsInside).toBe(true);
    expect(m.numberGroups.every((lines) => lines === 1)).toBe(true);
    expect(m.codeGroups.every((lines) => lines === 1)).toBe(true);
    // Keyboard users reach the call link by tabbing; it scrolls into the visible part of the dialog.
    const link = page.locator('regie-call-button').first().locator('a[part="call-link"]');
    await link.focus();
    const box = (await link.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(m.viewportHeight);
    expect(box.y).toBeGreaterThanOrEqual(0);
  });
});
