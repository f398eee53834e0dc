import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Debian's Chromium, started the way this machine allows (no sandbox as root, no background network).
 * `extraArgs` for a test that needs one more switch, with its reason next to it.
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/**
 * Records every Content-Security-Policy violation on the page. The listener is
 * added by the browser driver, not by an inline script, so the page's own CSP
 * stays as strict as it is in production.
 */
export async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const store: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = store;
    document.addEventListener('securitypolicyviolation', (event) =>
      store.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

/** WCAG 2.2 A/AA violations on the whole page, shadow roots and the modal dialog included. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the driver, so no inline script is needed under the strict CSP.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
  });
}

/** Where tests leave screenshots for a person to look at (REGIE_SCREENSHOTS, or a new temporary folder); never compared. */
export const SCREENSHOTS = process.env.REGIE_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'regiekit-screens-'));
