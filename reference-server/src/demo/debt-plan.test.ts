import { describe, expect, it } from 'vitest';
import { planRepayment } from '@regiekit/sdk/plan';
import type { FetchedDebts } from './debt-plan.js';
import { DEMO_PROVIDERS } from './demo-parties.js';
import { planInputFrom } from './debt-plan.js';

/** What the debt app holds after fetching J. Jansen's lists at both demo creditors on 25 November 2026. */
const fetched: FetchedDebts[] = DEMO_PROVIDERS.map((provider) => {
  const items = provider.customers.find((customer) => customer.name === 'J. Jansen')!.debts;
  return {
    providerId: provider.id,
    providerName: provider.name.nl,
    items,
    totalCents: items.reduce((sum, item) => sum + item.amountCents, 0),
    keyId: provider.payloadKey.keyId,
    fetchedOn: '2026-11-25',
  };
});

describe('the debt app’s plan input from fetched debts', () => {
  it('makes one debt per creditor, of the creditor’s kind, its items summed from the earliest due date', () => {
    const input = planInputFrom(fetched, new Date('2026-11-25T10:00:00Z'));
    expect(input).toEqual({
      startMonth: '2026-12',
      horizonMonths: 36,
      monthlyRoomCents: 20_000,
      debts: [
        {
          id: 'demo-energie',
          creditor: 'Demo Energie',
          kind: 'energy',
          principalCents: 61_150,
          dueDate: '2026-09-30',
          letterReceivedOn: '2026-11-25',
        },
        // Two premium months unpaid (the deductibles are no premium); the 14-day letter taken as read on the day of fetching.
        {
          id: 'demo-zorg',
          creditor: 'Demo Zorgverzekeraar',
          kind: 'health-insurer',
          principalCents: 108_350,
          dueDate: '2026-08-01',
          letterReceivedOn: '2026-11-25',
          monthsInArrears: 2,
        },
      ],
    });
    // At the suggested room both are paid off within the plan.
    const plan = planRepayment(input, { searchBudgetMs: 20 });
    expect(Object.keys(plan.simulation.paidOffIn).sort()).toEqual(['demo-energie', 'demo-zorg']);
  });

  it('has no letter without an aanmaning, leaves out a creditor with nothing open, and calls an unknown creditor "other"', () => {
    const input = planInputFrom(
      [
        { ...fetched[0]!, items: fetched[0]!.items.map((item) => ({ ...item, stage: 'herinnering' })) },
        { ...fetched[1]!, items: [], totalCents: 0 },
        { ...fetched[0]!, providerId: 'demo-telecom', providerName: 'Demo Telecom' },
      ],
      new Date('2026-12-31T23:00:00Z'),
      25_000,
    );
    expect(input.startMonth).toBe('2027-01');
    expect(input.monthlyRoomCents).toBe(25_000);
    expect(input.debts.map((debt) => [debt.id, debt.kind, debt.letterReceivedOn])).toEqual([
      ['demo-energie', 'energy', null],
      ['demo-telecom', 'other', '2026-11-25'],
    ]);
  });
});
