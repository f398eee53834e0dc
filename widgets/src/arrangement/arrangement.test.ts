import { afterEach, describe, expect, it } from 'vitest';
import { planRepayment, type PlanInput } from '@regiekit/sdk/plan';
import { proposeArrangements, scheduleOf } from '@regiekit/sdk/arrangements';
import type { AcceptancePolicy, ArrangementView } from '@regiekit/sdk/protocol';
import '../define/arrangement.js';
import type { RegieArrangement } from './arrangement.js';
import { type RegieArrangementReplanEvent, type RegieArrangementRequestEvent } from '../shared/events.js';
import { axeViolations } from '../testing/test-support.js';

const INPUT: PlanInput = {
  startMonth: '2027-01',
  horizonMonths: 36,
  monthlyRoomCents: 20_000,
  debts: [
    { id: 'energy', creditor: 'Demo Energie', kind: 'energy', principalCents: 60_000, dueDate: '2026-11-01' },
    { id: 'health', creditor: 'Demo Zorgverzekeraar', kind: 'other', principalCents: 150_000, dueDate: '2026-10-01' },
  ],
};

const POLICY: AcceptancePolicy = {
  providerId: 'demo-energie',
  version: 1,
  validFrom: '2026-01-01T00:00:00Z',
  term: { minMonths: 1, maxMonths: 12 },
  minimumInstalment: { amountCents: 2_500, shareOfBalanceBasisPoints: 0 },
  balance: { minCents: 0, maxCents: 100_000 },
  whileKept: { interestStops: true, collectionCostsStop: true },
  lapse: { missedInstalments: 2, graceDays: 14 },
  pause: { allowed: false, maxMonths: 0 },
  exclusions: { atBailiff: true, failedWithinMonths: 12 },
  payTo: { iban: 'NL91ABNA0417164300', beneficiaryName: 'Demo Energie' },
};

const VIEW: ArrangementView = {
  arrangementId: 'arr-0123456789abcdef',
  connectionId: 'c'.repeat(43),
  provider: { id: 'demo-energie', displayName: { nl: 'Demo Energie', en: 'Demo Energy' } },
  state: 'missed',
  proposal: {
    balanceCents: 60_000,
    instalmentCents: scheduleOf(60_000, 10_000),
    startMonth: '2027-01',
    pauseMonths: 0,
    facts: { atBailiff: false, lastFailedArrangement: null },
  },
  policyVersion: 1,
  policyHash: 'h'.repeat(43),
  outcome: 'accepted-in-advance',
  reasons: [],
  whileKept: POLICY.whileKept,
  payTo: POLICY.payTo,
  paymentReference: 'Regeling arr-01234567',
  instalments: scheduleOf(60_000, 10_000).map((amountCents, k) => ({
    number: k + 1,
    dueMonth: `2027-0${k + 1}`,
    amountCents,
    state: k === 0 ? 'paid' : k === 1 ? 'missed' : 'due',
  })),
  missedCount: 1,
  lapse: POLICY.lapse,
  createdAt: '2026-12-06T10:00:00Z',
  updatedAt: '2026-12-06T10:00:00Z',
};

afterEach(() => {
  document.body.innerHTML = '';
});

async function mount(setup: (element: RegieArrangement) => void, lang = 'nl') {
  document.body.innerHTML = `<div lang="${lang}"><regie-arrangement></regie-arrangement></div>`;
  const element = document.querySelector('regie-arrangement') as RegieArrangement;
  setup(element);
  await element.updateComplete;
  return element;
}

describe('<regie-arrangement>', () => {
  it('shows a proposal per creditor with amount, term, total, what stops and whether it is accepted at once, and asks on a click', async () => {
    const plan = planRepayment(INPUT, { effort: 50 });
    const proposals = proposeArrangements(plan, INPUT, { 'Demo Energie': POLICY, 'Demo Zorgverzekeraar': POLICY });
    const element = await mount((e) => (e.proposals = proposals));
    const root = element.shadowRoot!;
    const cards = [...root.querySelectorAll('li.card')];
    expect(cards).toHaveLength(2);
    const energy = cards.find((card) => card.textContent!.includes('Demo Energie'))!;
    expect(energy.textContent).toContain('Wordt meteen geaccepteerd');
    expect(energy.textContent).toContain('rente, incassokosten');
    const health = cards.find((card) => card.textContent!.includes('Demo Zorgverzekeraar'))!;
    expect(health.textContent).toContain('Een medewerker beoordeelt het');
    expect(health.textContent).toContain('Het saldo is hoger dan');
    let asked: RegieArrangementRequestEvent | undefined;
    element.addEventListener('regie-arrangement-request', (event) => (asked = event));
    energy.querySelector('button')!.click();
    expect(asked?.arrangement.creditor).toBe('Demo Energie');
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
  });

  it('shows a missed instalment with the grace left and a re-plan, the schedule with a QR code per due instalment and the balance', async () => {
    const element = await mount((e) => (e.arrangement = VIEW), 'en');
    const root = element.shadowRoot!;
    expect(root.querySelector('[role="status"]')!.textContent).toContain('Instalment missed');
    expect(root.querySelector('.alert')!.textContent).toContain('One more missed instalment ends the arrangement.');
    const rows = [...root.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(6);
    expect(rows[0]!.textContent).toContain('Paid');
    expect(rows[0]!.querySelector('details')).toBeNull();
    const qr = rows[2]!.querySelector('details svg.qr')!;
    expect(qr.getAttribute('aria-label')).toContain('€100.00');
    expect(rows[2]!.textContent).toContain('NL91ABNA0417164300');
    expect(rows[2]!.textContent).toContain('Regeling arr-01234567 termijn 3');
    expect(root.querySelector('svg.balance')!.getAttribute('aria-label')).toBe('Balance: from €600.00 to €500.00');
    let replan: RegieArrangementReplanEvent | undefined;
    element.addEventListener('regie-arrangement-replan', (event) => (replan = event));
    (root.querySelector('button.secondary') as HTMLButtonElement).click();
    expect(replan?.arrangementId).toBe(VIEW.arrangementId);
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
  });

  it('offers a counter-proposal on the server’s page, and says when nothing is there', async () => {
    const countered = {
      ...VIEW,
      state: 'countered' as const,
      instalments: [],
      counterProposal: { ...VIEW.proposal, instalmentCents: scheduleOf(60_000, 5_000) },
      counterFlowUrl: 'https://regie.example/u/t/flows/f',
    };
    const root = (await mount((e) => (e.arrangement = countered))).shadowRoot!;
    // The terms shown are the creditor's counter-proposal: EUR 50 a month for 12 months.
    expect(root.querySelector('dl')!.textContent!.replace(/\s+/g, ' ')).toContain('12 maanden');
    expect(root.querySelector('a.action')!.getAttribute('href')).toBe(countered.counterFlowUrl);
    expect(await axeViolations(root as unknown as Element)).toEqual([]);
    const empty = (await mount(() => undefined)).shadowRoot!;
    expect(empty.textContent).toContain('Nog geen regeling of voorstel.');
  });
});
