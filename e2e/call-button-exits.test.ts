import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';

let browser: Browser;
let stack: DemoStack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startDemoStack()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});
afterEach(() => context.close());

interface CreatedCall {
  callId: string;
  callToken: string;
  sessionPtr: { u: string };
}

const callButton = () => page.locator('regie-call-button').first();
const dialog = () => callButton().locator('dialog');

/** Opens the dialog; the server's answer to "create the call" waits until `release()`. */
async function openWhileCallIsCreated(): Promise<{ created: Promise<CreatedCall>; release: () => void }> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/nijmegen/calls', async (route: Route) => {
    await held;
    await route.continue();
  });
  const created = page
    .waitForResponse(
      (response) => response.url().endsWith('/api/v1/nijmegen/calls') && response.request().method() === 'POST',
    )
    .then((response) => response.json() as Promise<CreatedCall>);
  await page.goto(`${stack.examplesOrigin}/municipal/`);
  await callButton().locator('button[part="button"]').click();
  await dialog().getByText('Even geduld, we maken het gesprek klaar.').waitFor();
  return { created, release };
}

/** What the API says about the call, asked with the citizen's own token. */
async function callStatus(call: CreatedCall): Promise<string> {
  const response = await fetch(`${stack.serverOrigin}/api/v1/nijmegen/calls/${call.callId}`, {
    headers: { Authorization: `Bearer ${call.callToken}` },
  });
  return ((await response.json()) as { status: string }).status;
}

/** The demo wallet, as a citizen who scanned the QR code earlier would use it: pick a person, press Disclose. */
async function walletDisclose(call: CreatedCall): Promise<number> {
  const clientToken = call.sessionPtr.u.split('/').pop();
  const response = await fetch(`${stack.serverOrigin}/demo/irma/wallet/${clientToken}`, {
    method: 'POST',
    body: new URLSearchParams({ persona: 'jan', action: 'disclose' }),
  });
  return response.status;
}

/** The abandoned call is over for good: cancelled by the API's account, and the wallet is refused. */
async function expectCancelledForGood(call: CreatedCall): Promise<void> {
  await expect.poll(() => callStatus(call), { timeout: 5_000 }).toBe('cancelled');
  expect(await walletDisclose(call)).toBe(409);
  expect(await callStatus(call)).toBe('cancelled');
  expect(await stack.store.forTenant('nijmegen').calls.get(call.callId)).toMatchObject({
    status: 'cancelled',
    attributesSealed: null,
  });
}

describe('every way out of the call dialog cancels the call and its Yivi session', () => {
  it('closing the dialog while it is still loading', async () => {
    const { created, release } = await openWhileCallIsCreated();
    await dialog().getByRole('button', { name: 'Sluiten' }).click();
    expect(await dialog().evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    release();
    await expectCancelledForGood(await created);
  });

  it('pressing Escape while it is still loading', async () => {
    const { created, release } = await openWhileCallIsCreated();
    await page.keyboard.press('Escape');
    release();
    await expectCancelledForGood(await created);
  });

  it('leaving the page while the QR code is showing (pagehide)', async () => {
    const { created, release } = await openWhileCallIsCreated();
    release();
    const call = await created;
    await dialog().locator('svg[part="qr"]').waitFor();
    // The browser driver's interception would hold the requests of a page being left; the real page has none.
    await page.unrouteAll();
    await page.goto('about:blank');
    await expectCancelledForGood(call);
  });

  it('the element being removed from the page while it is still loading', async () => {
    const { created, release } = await openWhileCallIsCreated();
    await callButton().evaluate((element) => element.remove());
    release();
    await expectCancelledForGood(await created);
  });
});
