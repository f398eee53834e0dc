import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, SCREENSHOTS } from './support/browser.js';
import { browserSuite } from './support/browser-suite.js';

// The browser suite also fails a test when any page reports a CSP violation or a script fails to load.
const suite = browserSuite();

const orderTable = (page: Page) =>
  page.getByRole('region', { name: 'Uw betaalplan' }).getByRole('table', { name: 'Volgorde van betalen' });
/** Creditor names in the plan's order (the row headers of the order table). */
const creditorsInOrder = (page: Page) => orderTable(page).locator('tbody th').allInnerTexts();
const normalSpaces = (text: string) => text.replace(/\s+/g, ' ').trim();
/** "€ 1.335,09" as 1335.09. */
const euros = (text: string) => Number(text.replace(/[^\d,]/g, '').replace(',', '.'));

/** Presses Tab until `target` has focus: the control is reached by keyboard, in the page's own tab order. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${target} was not reached in ${limit} presses of Tab`);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id);

/** Replaces what the focused field holds by typing. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

async function openPlanner(page: Page): Promise<void> {
  await page.goto(`${suite.stack.examplesOrigin}/repayment-planner/`);
  await page.waitForFunction(() => customElements.get('regie-repayment-plan') !== undefined, undefined, {
    timeout: 5_000,
  });
  await page.getByRole('group', { name: 'Schuld 6' }).waitFor();
}

describe('the repayment planner example page, in Chromium', () => {
  it('plans the debts typed by keyboard alone: the creditors in order with the month each is paid off, axe-clean', async () => {
    const { page } = await suite.person({ locale: 'nl-NL' });
    await openPlanner(page);
    expect(normalSpaces(await page.locator('regie-repayment-plan').getByRole('status').innerText())).toBe(
      'Nog geen plan.',
    );

    // The tax debt becomes larger.
    await tabTo(page, page.locator('#debt-2-amount'));
    await retype(page, '1.250,00');
    // The consumer credit (row 6) goes, by its own button; focus stays in the list.
    await tabTo(page, page.getByRole('button', { name: 'Verwijder schuld 6' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Schuld 6 (Krediet BV) is verwijderd.' }).waitFor();
    expect(await focusedId(page)).toBe('debt-5-creditor');
    // A telephone bill is added, its kind chosen by typing in the closed select.
    await tabTo(page, page.getByRole('button', { name: 'Schuld toevoegen' }));
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Schuld 6' }).waitFor();
    expect(await focusedId(page)).toBe('debt-7-creditor');
    await page.keyboard.type('Belnet');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Telefoon');
    expect(await page.locator('#debt-7-kind').inputValue()).toBe('telecom');
    await page.keyboard.press('Tab');
    await page.keyboard.type('185,40');
    // Its due date by arrow keys, in whatever order the browser's language puts the parts of the date field:
    // ArrowUp starts an empty day and month at 1 and the year at this year, so it fell due on 1 January.
    await tabTo(page, page.locator('#debt-7-due'));
    for (const key of ['ArrowUp', 'ArrowRight', 'ArrowUp', 'ArrowRight', 'ArrowUp']) await page.keyboard.press(key);
    expect(await page.locator('#debt-7-due').inputValue()).toBe(`${new Date().getFullYear()}-01-01`);
    // It came with a 14-day letter: checking the box shows the letter's date, today unless corrected.
    await tabTo(page, page.locator('#debt-7-letter'));
    await page.keyboard.press('Space');
    await page.locator('#debt-7-letterDate').waitFor();
    expect(await page.locator('#debt-7-letterDate').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The monthly room and the horizon.
    await tabTo(page, page.locator('#room'));
    await retype(page, '350');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: '60 maanden (5 jaar)' }).isChecked()).toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Plan berekenen' }));
    await page.keyboard.press('Enter');

    await orderTable(page).waitFor();
    // The page takes the person to the plan.
    expect(await focusedId(page)).toBe('plan-heading');
    const creditors = await creditorsInOrder(page);
    expect([...creditors].sort()).toEqual([
      'Belastingdienst',
      'Belnet',
      'CJIB',
      'Energiebedrijf Noord',
      'Woonstichting De Linie',
      'Zorgverzekeraar Midden',
    ]);
    const rows = orderTable(page).locator('tbody tr');
    // Four months of rent arrears put the home at risk: they come down below three months' rent before anything else.
    expect(creditors[0]).toBe('Woonstichting De Linie');
    expect(normalSpaces(await rows.first().innerText())).toContain(
      'de huurachterstand is 3 maanden huur of meer, en dan kan de verhuurder de rechter om ontruiming vragen',
    );
    const paidOff = (await rows.locator('td:nth-child(3)').allInnerTexts()).map(normalSpaces);
    expect(paidOff.length).toBe(6);
    for (const month of paidOff) expect(month).toMatch(/^maand \d+ \(\d{4}-\d{2}\)$/);
    // The changed tax debt was planned: € 1.250 plus its collection interest, no longer the example's € 840.
    const paidToTax = euros(await rows.filter({ hasText: 'Belastingdienst' }).locator('td:nth-child(4)').innerText());
    expect(paidToTax).toBeGreaterThan(1250);
    expect(paidToTax).toBeLessThan(1500);
    expect(normalSpaces(await page.locator('regie-repayment-plan').getByRole('status').innerText())).toMatch(
      /^Dit plan kost € [\d.]+,\d\d in totaal/,
    );
    expect(await page.getByRole('img', { name: /^Grafiek: het saldo van 6 schulden over 60 maanden/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('names a debt it cannot plan in an alert, and plans again once it is corrected', async () => {
    const { page } = await suite.person({ locale: 'nl-NL' });
    await openPlanner(page);
    await tabTo(page, page.locator('#debt-3-amount'));
    await retype(page, 'drie');
    await page.keyboard.press('Enter');
    const alert = page.locator('regie-repayment-plan').getByRole('alert');
    await alert.waitFor();
    expect(normalSpaces(await alert.innerText())).toBe(
      'Er kan geen plan worden gemaakt. Schuld 3 (Zorgverzekeraar Midden): het openstaande bedrag moet een bedrag zijn van € 0 tot € 1.000.000.',
    );
    expect(await orderTable(page).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('#debt-3-amount').focus();
    await retype(page, '313,50');
    await page.keyboard.press('Enter');
    await orderTable(page).waitFor();
    expect(await alert.count()).toBe(0);
    expect(await creditorsInOrder(page)).toHaveLength(6);
  });

  it.each([1280, 320])(
    'shows the chart with its axes named and marked, the payoff marks and a legend, at %i px',
    async (width) => {
      const { page } = await suite.person({ locale: 'nl-NL', viewport: { width, height: 900 } });
      await openPlanner(page);
      await page.getByRole('button', { name: 'Plan berekenen' }).click();
      await orderTable(page).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const chart = page.locator('regie-repayment-plan figure.chart');
      expect(normalSpaces(await chart.locator('.axis-name').innerText())).toBe('Saldo in euro');
      const yTicks = (await chart.locator('.y span').allInnerTexts()).map(normalSpaces);
      expect(yTicks).toEqual(['€ 5.000', '€ 2.500', '€ 0']);
      expect((await chart.locator('.x span').allInnerTexts()).map(normalSpaces)).toEqual([
        'maand 1',
        'maand 18',
        'maand 36',
      ]);
      // One mark per debt paid off in the plan, and the legend names every creditor.
      expect(await chart.locator('line.paid').count()).toBe(6);
      expect((await chart.locator('figcaption li').allInnerTexts()).map(normalSpaces)).toEqual(
        expect.arrayContaining(['Woonstichting De Linie', 'Belastingdienst', 'afbetaald']),
      );
      // Still one labelled picture for screen readers; the numbers around it are not read twice.
      expect(await page.getByRole('img', { name: /^Grafiek: het saldo van 6 schulden/ }).count()).toBe(1);
      await chart.screenshot({ path: `${SCREENSHOTS}/repayment-chart-${width}.png` });
      expect(await axeViolations(page)).toEqual([]);
    },
  );
});
