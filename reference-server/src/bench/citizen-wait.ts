import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { DEFAULT_EXAMPLES_DIR } from '../demo/examples-site.js';
import { startBenchDemoStack, type BenchDemoStack } from './demo-stack.js';
import { hasMark, PROBES, readMarks, timeOneRequest } from './citizen-wait-probes.js';
import { describeMachine, loadAverage } from './machine.js';
import { ms, printTable } from './stats.js';

/**
 * The citizen's wait (issue 22, item 3): in Debian's Chromium with DevTools
 * network emulation at Slow 4G (150 ms latency, 1.6 Mbit/s down, 750 kbit/s
 * up), cold cache, how long a person waits
 * - from navigating to the municipal example page until its call button is
 *   interactive, and from the click until the QR code is on screen (three
 *   ways of clicking, see CLICKS);
 * - from navigating to regie's consent decision page until its decision
 *   buttons are interactive;
 * - from navigating to a creditor portal's page until `<regie-connect-token>`
 *   shows its QR code.
 * "Interactive" and "on screen": the element is upgraded and rendered, the
 * control (or the QR code's SVG path) is in its shadow root, enabled and laid
 * out, checked in an animation frame, so the browser is about to paint it.
 * Baselines in the same run: the same municipal page without the element
 * (navigation until its load event), and one request to the server from the
 * page (what any click that asks the server costs at least).
 * Once at Slow 4G alone (the targets: page → button ≤ 600 ms, click → QR ≤
 * 250 ms), once with the CPU slowed 4x as well (a slow phone).
 */
const RUNS = Number(process.env.REGIE_BENCH_CITIZEN_RUNS ?? 7);
const TARGET_PAGE_MS = 600;
const TARGET_QR_MS = 250;
/**
 * How the button is clicked, timed from the click (the release): at once, the
 * pointer arriving, pressing and releasing within a few milliseconds (the worst
 * case, as only a script clicks); a tap, pressed for 100 ms; and a mouse user,
 * whose pointer rests on the button 400 ms first. Hover, focus and press start
 * loading the call's lazily loaded part.
 */
const CLICKS = [
  { name: 'clicked at once', restMs: 0, pressMs: 0 },
  { name: 'a tap, pressed 100 ms', restMs: 0, pressMs: 100 },
  { name: 'pointer on the button 400 ms first', restMs: 400, pressMs: 0 },
] as const;
type Click = (typeof CLICKS)[number];

const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6e6 / 8) * 1,
  uploadThroughput: 750e3 / 8,
};

interface Conditions {
  name: string;
  cpuSlowdown: number;
}
const CONDITIONS: Conditions[] = [
  { name: 'Slow 4G', cpuSlowdown: 1 },
  { name: 'Slow 4G, CPU 4x slower', cpuSlowdown: 4 },
];

/** The municipal example without its script: what the page itself costs. */
const BARE_PAGE = 'municipal/bench-bare.html';
function barePage(): string {
  const page = readFileSync(`${DEFAULT_EXAMPLES_DIR}/municipal/index.html`, 'utf8');
  const bare = page.replace(/<script[^>]*regie-call-button[^>]*><\/script>/, '');
  if (bare === page) throw new Error('the municipal example has no call button script to leave out');
  return bare;
}

const marksOf = (page: Page) => page.evaluate(readMarks);

async function waitForMark(page: Page, name: string): Promise<number> {
  await page.waitForFunction(hasMark, name, { timeout: 30_000, polling: 50 });
  return (await marksOf(page))[name]!;
}

/** A new tab under the conditions, cache off: a first visit. */
async function throttledPage(context: BrowserContext, conditions: Conditions): Promise<Page> {
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: conditions.cpuSlowdown });
  return page;
}

interface Samples {
  bare: number[];
  roundTrip: number[];
  pageToButton: number[];
  clickToQr: Record<Click['name'], number[]>;
  decision: number[];
  connectQr: number[];
}

/** One visit to the municipal page: to the button, then the click to the QR code. */
async function municipalVisit(
  browser: Browser,
  stack: BenchDemoStack,
  conditions: Conditions,
  click: Click,
): Promise<{ button: number; qr: number }> {
  const context = await browser.newContext();
  await context.addInitScript({ content: PROBES });
  const page = await throttledPage(context, conditions);
  await page.goto(`${stack.examplesOrigin}/municipal/`, { waitUntil: 'commit' });
  const button = await waitForMark(page, 'call-button');
  const target = page.locator('regie-call-button').first().locator('button[part="button"]');
  if (click.restMs > 0) {
    await target.hover();
    await page.waitForTimeout(click.restMs);
  }
  await target.click({ delay: click.pressMs });
  const qr = await waitForMark(page, 'call-qr');
  const marks = await marksOf(page);
  await context.close();
  return { button, qr: qr - marks.click! };
}

async function bareVisit(browser: Browser, stack: BenchDemoStack, conditions: Conditions) {
  const context = await browser.newContext();
  await context.addInitScript({ content: PROBES });
  const page = await throttledPage(context, conditions);
  await page.goto(`${stack.examplesOrigin}/${BARE_PAGE}`, { waitUntil: 'commit' });
  const load = await waitForMark(page, 'load');
  // One request to the server from the page, as the click's first is: a tiny answer (404) from the CDN path, open to every origin.
  const roundTrip = await page.evaluate(timeOneRequest, `${stack.serverOrigin}/cdn/round-trip`);
  await context.close();
  return { load, roundTrip };
}

/** A signed-up person with a connected creditor and a consent decision waiting; the decision page's address. */
async function consentDecision(
  browser: Browser,
  stack: BenchDemoStack,
): Promise<{ context: BrowserContext; url: string }> {
  const context = await browser.newContext();
  await context.addInitScript({ content: PROBES });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const button = (name: string) => page.getByRole('button', { name, exact: true }).click();
  const heading = (name: string) => page.getByRole('heading', { name, exact: true }).waitFor();
  await page.goto(`${stack.examplesOrigin}/debt-app/`);
  await button('Inloggen met regie');
  await button('Nieuw account met passkey');
  await page.getByRole('status').filter({ hasText: 'U bent ingelogd met uw regie-account.' }).waitFor();
  await button('Koppelen met Demo Energie');
  await button('Bevestigen met passkey');
  await heading('Inloggen om te koppelen');
  await button('Inloggen');
  await heading('Klantaccount koppelen');
  await button('Koppelen');
  await heading('Rond de koppeling met Demo Energie af.');
  await button('Bevestigen met passkey');
  await page.getByRole('status').filter({ hasText: 'De koppeling is gemaakt.' }).waitFor();
  const [popup] = await Promise.all([context.waitForEvent('page'), button('Toestemming vragen')]);
  await popup.waitForURL(/\/u\/nijmegen\/flows\//);
  const url = popup.url();
  await popup.close();
  await page.close();
  return { context, url };
}

/** Signed in at Demo Energie's portal, whose front page then carries `<regie-connect-token>`. */
async function portalCustomer(
  browser: Browser,
  stack: BenchDemoStack,
): Promise<{ context: BrowserContext; url: string }> {
  const context = await browser.newContext();
  await context.addInitScript({ content: PROBES });
  const page = await context.newPage();
  const url = `${stack.examplesOrigin}/creditor-portal/demo-energie/`;
  await page.goto(url);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await page.locator('regie-connect-token').waitFor();
  await page.close();
  return { context, url };
}

async function visitUntil(context: BrowserContext, url: string, mark: string, conditions: Conditions): Promise<number> {
  const page = await throttledPage(context, conditions);
  await page.goto(url, { waitUntil: 'commit' });
  const at = await waitForMark(page, mark);
  await page.close();
  return at;
}

async function measure(browser: Browser, stack: BenchDemoStack, conditions: Conditions): Promise<Samples> {
  const samples: Samples = {
    bare: [],
    roundTrip: [],
    pageToButton: [],
    clickToQr: { 'clicked at once': [], 'a tap, pressed 100 ms': [], 'pointer on the button 400 ms first': [] },
    decision: [],
    connectQr: [],
  };
  const decision = await consentDecision(browser, stack);
  const portal = await portalCustomer(browser, stack);
  // One visit of each first, not counted: the server's own first-request work is not the citizen's network.
  await bareVisit(browser, stack, conditions);
  await municipalVisit(browser, stack, conditions, CLICKS[0]);
  await visitUntil(decision.context, decision.url, 'decision', conditions);
  await visitUntil(portal.context, portal.url, 'connect-qr', conditions);
  for (let run = 0; run < RUNS; run++) {
    const bare = await bareVisit(browser, stack, conditions);
    samples.bare.push(bare.load);
    samples.roundTrip.push(bare.roundTrip);
    for (const click of CLICKS) {
      const visit = await municipalVisit(browser, stack, conditions, click);
      samples.pageToButton.push(visit.button);
      samples.clickToQr[click.name].push(visit.qr);
    }
    samples.decision.push(await visitUntil(decision.context, decision.url, 'decision', conditions));
    samples.connectQr.push(await visitUntil(portal.context, portal.url, 'connect-qr', conditions));
  }
  await decision.context.close();
  await portal.context.close();
  return samples;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function row(what: string, values: number[], target?: number): string[] {
  const mid = median(values);
  return [
    what,
    ms(mid),
    ms(Math.min(...values)),
    ms(Math.max(...values)),
    target === undefined
      ? ''
      : mid <= target
        ? `≤ ${target} ms: met`
        : `≤ ${target} ms: missed by ${Math.round(mid - target)} ms`,
  ];
}

const stack = await startBenchDemoStack({ [BARE_PAGE]: barePage() });
const browser = await chromium.launch({
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
  ],
});
try {
  console.log(`\nThe citizen's wait: ${describeMachine()}; Chromium ${browser.version()}, ${RUNS} cold visits each`);
  for (const conditions of CONDITIONS) {
    const samples = await measure(browser, stack, conditions);
    printTable(
      `${conditions.name} (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up), cache disabled; ${loadAverage()}`,
      ['', 'median', 'min', 'max', 'target'],
      [
        row('baseline: municipal page without the element, to its load event', samples.bare),
        row('baseline: one request to the server from the page', samples.roundTrip),
        row(
          'municipal page → call button interactive',
          samples.pageToButton,
          conditions.cpuSlowdown === 1 ? TARGET_PAGE_MS : undefined,
        ),
        ...CLICKS.map((click) =>
          row(
            `click → QR code on screen (${click.name})`,
            samples.clickToQr[click.name],
            conditions.cpuSlowdown === 1 ? TARGET_QR_MS : undefined,
          ),
        ),
        row('consent decision page → decision buttons interactive', samples.decision),
        row('creditor portal page → connect QR code on screen', samples.connectQr),
      ],
    );
  }
} finally {
  await browser.close();
  await stack.stop();
}
