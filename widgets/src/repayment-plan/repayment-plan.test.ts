import { afterEach, describe, expect, it } from 'vitest';
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
    { id: 'rent', creditor: 'Woonstichting', kind: 'rent', principalCents: 90_000, dueDate: '2026-11-01', minimumPaymentCents: 15_000 },
  ],
};

afterEach(() => {
  document.body.innerHTML = '';
});

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
