import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { VirtualAuthenticator } from './passkeys.js';

/**
 * Watches every page a test opens, across navigations and origins: each
 * document must arrive with a Content-Security-Policy that has a script-src
 * and no 'unsafe-inline', no page may report a violation of it, and its
 * stylesheets and scripts must load. The listener is added by the driver (a
 * binding and an init script), not by an inline script, so the pages' own
 * CSP stays as strict as in production.
 */
export class PageWatch {
  private readonly problems: string[] = [];
  private readonly documents = new Set<string>();

  async watch(context: BrowserContext): Promise<void> {
    await context.exposeBinding('__regieReportCsp', (_source, where: string, violation: string) => {
      this.problems.push(`${where}: CSP violation ${violation}`);
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __regieReportCsp: (where: string, violation: string) => void })
          .__regieReportCsp;
        report(location.href, `${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    // A stylesheet or script that does not load goes unnoticed by the eye, not by this. (A 404 with
    // the wrong MIME type is refused by the browser: a failed request rather than a response.)
    const needed = (kind: string) => kind === 'stylesheet' || kind === 'script';
    context.on('requestfailed', (request) => {
      if (needed(request.resourceType()))
        this.problems.push(`${request.url()}: ${request.resourceType()} failed (${request.failure()?.errorText})`);
    });
    context.on('response', (response) => {
      const kind = response.request().resourceType();
      if (needed(kind) && response.status() >= 400)
        this.problems.push(`${response.url()}: ${kind} answered ${response.status()}`);
      if (kind !== 'document' || response.status() !== 200) return;
      const url = response.url();
      this.documents.add(new URL(url).origin);
      const csp = response.headers()['content-security-policy'] ?? '';
      if (!/script-src [^;]*'self'/.test(csp) || csp.includes('unsafe-inline'))
        this.problems.push(`${url}: no strict CSP (${csp || 'none'})`);
    });
  }

  /** The origins whose pages were loaded so far. */
  get origins(): string[] {
    return [...this.documents].sort();
  }

  /** What went wrong so far, then a clean slate for the next test. */
  take(): string[] {
    const problems = [...this.problems];
    this.problems.length = 0;
    this.documents.clear();
    return problems;
  }
}

/** One person at one device: a browser context with one tab and its own passkey authenticator. */
export interface Person {
  context: BrowserContext;
  page: Page;
  passkeys: VirtualAuthenticator;
}

/** A phone as a person holds it; the desktop is the default context. */
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

export async function newPerson(
  browser: Browser,
  watch: PageWatch,
  options: BrowserContextOptions = {},
): Promise<Person> {
  const context = await browser.newContext(options);
  await watch.watch(context);
  const page = await context.newPage();
  return { context, page, passkeys: await VirtualAuthenticator.attach(page) };
}

/**
 * A popup or another tab the person's page opened: Chromium's virtual
 * authenticator belongs to one tab, so the new tab gets one of its own with
 * the person's passkeys on it, and each use there is mirrored back, as the
 * browser's one passkey store would have it.
 */
export async function passkeysInTab(person: Person, tab: Page): Promise<VirtualAuthenticator> {
  const passkeys = await VirtualAuthenticator.attach(tab);
  for (const credential of await person.passkeys.credentials()) await passkeys.add(credential);
  passkeys.mirrorTo(person.passkeys);
  return passkeys;
}
