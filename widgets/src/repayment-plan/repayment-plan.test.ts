import { afterEach, describe, expect, it, vi } from 'vitest';
import { planRepayment, type PlanInput } from '@regiekit/sdk/plan';
import '../define/repayment-plan.js';
import type { RegieRepaymentPlan } from './repayment-plan.js';
import { axeViolations } from '../testing/test-support.js';

const INPUT: PlanInput = {
  startMonth: '2027-01',
  horizonMonths: 36,
  monthlyRoomCents: 30_000,
  debts: [
    { id: 'fine', creditor: 'CJIB', kind: 'cjib', principalCents: 25_000, dueDate: '2027-02-15' },
    { id: 'loan', creditor: 'Krediet BV', kind: 'consumer-credit', principalCents: 400_000, dueDate: '2026-10-01' },
    {
      id: 'rent',
      creditor: 'Woonstichting',
      kind: 'rent',
      principalCents: 90_000,
      dueDate: '2026-11-01',
      minimumPaymentCents: 15_000,
    },
  ],
};

afterEach(() => {
  document.body.innerHTML = '';
});

/** The element under `lang`, given only the debts: it makes the plan itself. */
async function mountWithInput(input: PlanInput, lang = 'nl'): Promise<RegieRepaymentPlan> {
  document.body.innerHTML = `<div lang="${lang}"><regie-repayment-plan></regie-repayment-plan></div>`;
  const element = document.querySelector('regie-repayment-plan') as RegieRepaymentPlan;
  element.input = input;
  await element.updateComplete;
  return element;
}

const rowNames = (root: ShadowRoot) =>
  [...root.querySelectorAll('table')[0]!.querySelectorAll('tbody tr th')].map((cell) => cell.textContent);
const alertText = (root: ShadowRoot) => root.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim();

async function mount(lang = 'nl'): Promise<ShadowRoot> {
  document.body.innerHTML = `<div lang="${lang}"><regie-repayment-plan></regie-repayment-plan></div>`;
  const element = document.querySelector('regie-repayment-plan') as RegieRepaymentPlan;
  element.plan = planRepayment(INPUT, { searchBudgetMs: 20 });
  await element.updateComplete;
  return element.shadowRoot!;
}

describe('<regie-repayment-plan>', () => {
  it('shows the balances as a labelled picture and the order, payoff month and reason per creditor as a table', async () => {
    const root = await mount();
    const chart = root.querySelector('svg')!;
    expect(chart.getAttribute('role')).toBe('img');
    expect(chart.getAttribute('aria-label')).toContain('3 schulden over 36 maanden');
    expect(chart.querySelectorAll('polyline')).toHaveLength(3);
    const rows = [...root.querySelectorAll('table')[0]!.querySelectorAll('tbody tr')];
    expect(rows.map((row) => row.querySelector('th')!.textContent)).toEqual(['CJIB', 'Woonstichting', 'Krediet BV']);
    expect(rows[0]!.textContent).toContain('CJIB eerst, de boete stijgt met 50%');
    expect(rows[0]!.textContent).toContain('maand 2 (2027-02)');
    // Rent is kept current every month whatever its place: its reason says so.
    expect(rows[1]!.textContent).toContain('vaste lasten eerst');
    expect(root.querySelector('p')!.textContent).toMatch(/^Dit plan kost €\s[\d.]+,\d\d in totaal/);
    expect(root.querySelectorAll('[role="region"][tabindex="0"]')).toHaveLength(2);
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
  });

  it('speaks English under lang="en"', async () => {
    const root = await mount('en');
    expect(root.querySelector('caption')!.textContent).toBe('Order of payment');
    expect(root.textContent).toContain('CJIB first, the fine rises by 50%');
    expect(root.querySelector('summary')!.textContent).toBe('Show the balance per month');
  });
});

describe('<regie-repayment-plan> given only the debts (`input`)', () => {
  it('makes the plan itself and shows it: order of the creditors, payoff month, summary', async () => {
    const element = await mountWithInput(INPUT);
    const root = element.shadowRoot!;
    expect(rowNames(root)).toEqual(['CJIB', 'Woonstichting', 'Krediet BV']);
    expect(root.querySelectorAll('table')[0]!.querySelector('tbody tr')!.textContent).toContain('maand 2 (2027-02)');
    expect(root.querySelector('[role="status"]')!.textContent).toMatch(/^Dit plan kost €\s[\d.]+,\d\d in totaal/);
    expect(root.querySelector('[role="alert"]')).toBeNull();
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
  });

  it('announces each plan in the status region that was there before it: the first, and one for a new input', async () => {
    document.body.innerHTML = '<div lang="nl"><regie-repayment-plan></regie-repayment-plan></div>';
    const element = document.querySelector('regie-repayment-plan') as RegieRepaymentPlan;
    await element.updateComplete;
    const root = element.shadowRoot!;
    const status = root.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('Nog geen plan.');
    element.input = INPUT;
    await element.updateComplete;
    expect(root.querySelector('[role="status"]')).toBe(status);
    const first = status.textContent;
    expect(first).toMatch(/^Dit plan kost/);
    element.input = { ...INPUT, debts: INPUT.debts.filter((debt) => debt.id !== 'fine'), monthlyRoomCents: 20_000 };
    await element.updateComplete;
    expect(rowNames(root)).toEqual(['Woonstichting', 'Krediet BV']);
    expect(root.querySelector('[role="status"]')).toBe(status);
    expect(status.textContent).not.toBe(first);
  });

  it('shows a given plan over its input', async () => {
    const element = await mountWithInput(INPUT);
    element.plan = planRepayment({ ...INPUT, debts: [INPUT.debts[0]!] }, { searchBudgetMs: 20 });
    await element.updateComplete;
    expect(rowNames(element.shadowRoot!)).toEqual(['CJIB']);
  });

  it('names refused input in an alert, in Dutch: which debt and what to correct, and no table', async () => {
    const debts = INPUT.debts.map((debt) => (debt.id === 'loan' ? { ...debt, dueDate: '1-10-2026' } : debt));
    const element = await mountWithInput({ ...INPUT, debts });
    const root = element.shadowRoot!;
    expect(alertText(root)).toBe(
      'Er kan geen plan worden gemaakt. Schuld 2 (Krediet BV): de vervaldatum ontbreekt of is geen geldige datum.',
    );
    expect(root.querySelector('table')).toBeNull();
    expect(root.querySelector('svg')).toBeNull();
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
  });

  it('names refused input in English under lang="en", and follows a change of language', async () => {
    const element = await mountWithInput({ ...INPUT, monthlyRoomCents: 0 }, 'en');
    const root = element.shadowRoot!;
    expect(alertText(root)).toBe('No plan can be made. The amount you can pay each month must be more than €0.');
    element.parentElement!.setAttribute('lang', 'nl');
    await new Promise((resolve) => setTimeout(resolve));
    await element.updateComplete;
    expect(alertText(root)).toBe(
      'Er kan geen plan worden gemaakt. Het bedrag dat u per maand kunt aflossen moet groter zijn dan € 0.',
    );
  });

  it.each([
    [
      'nl',
      { ...INPUT, debts: [] },
      'Er kan geen plan worden gemaakt. Er staat geen schuld in de lijst. Vul ten minste één schuld in.',
    ],
    [
      'en',
      { ...INPUT, debts: [{ ...INPUT.debts[1]!, principalCents: -5 }] },
      'No plan can be made. Debt 1 (Krediet BV): the amount owed must be an amount from €0 to €1,000,000.',
    ],
    [
      'nl',
      { ...INPUT, debts: [{ ...INPUT.debts[2]!, minimumPaymentCents: 12.5 }] },
      'Er kan geen plan worden gemaakt. Schuld 1 (Woonstichting): het minimale bedrag per maand moet een bedrag zijn van € 0 tot € 1.000.000.',
    ],
    ['en', { ...INPUT, horizonMonths: 600 }, 'No plan can be made. The plan must run for 1 to 120 months.'],
    [
      'en',
      { ...INPUT, debts: [{ ...INPUT.debts[1]!, letterReceivedOn: '2027-02-30' }] },
      'No plan can be made. Debt 1 (Krediet BV): the date of the 14-day letter is not a valid date.',
    ],
    [
      'nl',
      { ...INPUT, debts: [{ ...INPUT.debts[1]!, dueDate: '2026-04-31' }] },
      'Er kan geen plan worden gemaakt. Schuld 1 (Krediet BV): de vervaldatum ontbreekt of is geen geldige datum.',
    ],
  ] as const)('under lang="%s", names %j', async (lang, input, text) => {
    const element = await mountWithInput(input as PlanInput, lang);
    expect(alertText(element.shadowRoot!)?.replace(/\u00a0/g, ' ')).toBe(text);
  });

  it('names both health insurers when two are listed as the current one, in Dutch and English', async () => {
    const premium = (id: string, creditor: string) => ({
      id,
      creditor,
      kind: 'health-insurer' as const,
      principalCents: 30_000,
      dueDate: '2026-10-01',
      monthsInArrears: 2,
    });
    const input = { ...INPUT, debts: [premium('a', 'Zilver'), INPUT.debts[1]!, premium('b', 'Groen')] };
    const nl = await mountWithInput(input);
    expect(alertText(nl.shadowRoot!)).toBe(
      'Er kan geen plan worden gemaakt. Zowel schuld 1 (Zilver) als schuld 3 (Groen) staat als huidige zorgverzekeraar in de lijst. Dat kan er maar één zijn, want het CAK rekent de hogere premie één keer per persoon. Vul een achterstand bij een vorige zorgverzekeraar in als een andere soort schuld.',
    );
    const en = await mountWithInput(input, 'en');
    expect(alertText(en.shadowRoot!)).toMatch(
      /^No plan can be made\. Both debt 1 \(Zilver\) and debt 3 \(Groen\) are listed as the current health insurer\./,
    );
  });

  it('says in its summary when the order makes no difference, and what is still owed at the end', async () => {
    const one = await mountWithInput({ ...INPUT, monthlyRoomCents: 5_000, debts: [INPUT.debts[1]!] });
    expect(one.shadowRoot!.querySelector('[role="status"]')!.textContent).toMatch(
      /^Dit plan kost €\s[\d.]+,\d\d in totaal\. Een andere volgorde van betalen maakt hier niets uit\. Na 36 maanden staat er nog €\s[\d.]+,\d\d open\.$/,
    );
    const all = await mountWithInput({ ...INPUT, monthlyRoomCents: 100_000 }, 'en');
    const summary = all.shadowRoot!.querySelector('[role="status"]')!.textContent!;
    expect(summary).toMatch(
      /^This plan costs €[\d,]+\.\d\d in total: €[\d,]+\.\d\d less than paying the highest rate first/,
    );
    expect(summary).not.toContain('still owed');
  });

  it('says so when the agreed minimum payments are more than the room, and not when they fit', async () => {
    // Rent at EUR 150 and a loan arrangement at EUR 200 a month, with EUR 300 to spend: EUR 50 short.
    const arranged = { ...INPUT, debts: [{ ...INPUT.debts[1]!, minimumPaymentCents: 20_000 }, INPUT.debts[2]!] };
    const nl = await mountWithInput(arranged);
    expect(nl.shadowRoot!.querySelector('[role="status"]')!.textContent).toMatch(
      / De afgesproken vaste bedragen zijn €\s50,00 per maand meer dan u kunt aflossen\.$/,
    );
    const en = await mountWithInput({ ...arranged, monthlyRoomCents: 35_000 }, 'en');
    expect(en.shadowRoot!.querySelector('[role="status"]')!.textContent).not.toContain('minimum');
  });

  it('lets nothing escape from input that is no plan input at all, and says so', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const element = await mountWithInput({ ...INPUT, debts: [null] } as unknown as PlanInput);
    expect(alertText(element.shadowRoot!)).toBe(
      'Er kan geen plan worden gemaakt. De gegevens voor het plan zijn onvolledig of hebben niet de juiste vorm.',
    );
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });

  it('clears the alert when a correct input follows', async () => {
    const element = await mountWithInput({ ...INPUT, monthlyRoomCents: -1 });
    element.input = INPUT;
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[role="alert"]')).toBeNull();
    expect(rowNames(element.shadowRoot!)).toEqual(['CJIB', 'Woonstichting', 'Krediet BV']);
  });
});
