import { owedAtStart, type PlanInput } from '../plan/debts.js';
import type { Plan } from '../plan/planner.js';
import {
  ARRANGEMENT_LIMITS,
  type AcceptancePolicy,
  type ArrangementDebtFacts,
  type ArrangementProposal,
} from '../protocol/arrangement-policy.js';
import {
  acceptedMonthlyRange,
  evaluateArrangement,
  monthName,
  monthNumber,
  scheduleOf,
  type ArrangementEvaluation,
} from './evaluate.js';
import { euros } from './texts.js';

export type CreditorArrangementStatus = 'accepted-in-advance' | 'needs-review' | 'not-within-room';

/** What the app shows per creditor under "Regeling aanvragen". */
export interface CreditorArrangement {
  creditor: string;
  /** The creditor's debts in the plan that the arrangement pays off together. */
  debtIds: string[];
  status: CreditorArrangementStatus;
  /** Null when no arrangement fits in the room: then `note` says why. */
  proposal: ArrangementProposal | null;
  /** The policy's verdict on the proposal; null without a policy. */
  evaluation: ArrangementEvaluation | null;
  monthlyCents: number;
  termMonths: number;
  totalCents: number;
  /** What stops while the arrangement is kept; unknown (false) without a policy. */
  interestStops: boolean;
  collectionCostsStop: boolean;
  note?: { nl: string; en: string };
}

export interface ArrangementProposals {
  /** In the plan's order: the first creditor had the first claim on the room. */
  creditors: CreditorArrangement[];
  monthlyRoomCents: number;
  /** The most the proposals (with the booked arrangements) ask in any month: never more than the room, unless the booked ones already do. */
  peakMonthlyCents: number;
}

export interface ProposeOptions {
  /** Per creditor name: what the creditor knows about its debt (bailiff, an earlier failed arrangement). */
  facts?: Record<string, ArrangementDebtFacts>;
  /**
   * Per creditor name: the arrangement already agreed or asked for. Its instalments take their
   * share of the room first, and that creditor gets no new proposal.
   */
  booked?: Record<string, ArrangementProposal>;
}

const NO_FACTS: ArrangementDebtFacts = { atBailiff: false, lastFailedArrangement: null };

/** The months each proposal pays in, and what is left of the room in each. */
class RoomLedger {
  private readonly used = new Map<number, number>();
  constructor(readonly roomCents: number) {}

  /** Whether instalments from month `start` fit; if not, the room left in the first month where they do not. */
  fit(start: number, instalments: readonly number[]): { fits: true } | { fits: false; left: number } {
    for (let k = 0; k < instalments.length; k++) {
      const left = this.roomCents - (this.used.get(start + k) ?? 0);
      if (instalments[k]! > left) return { fits: false, left };
    }
    return { fits: true };
  }

  book(start: number, instalments: readonly number[]): void {
    instalments.forEach((amount, k) => this.used.set(start + k, (this.used.get(start + k) ?? 0) + amount));
  }

  peak(): number {
    return Math.max(0, ...this.used.values());
  }
}

const MAX_TRIES_PER_START = 40;

/**
 * Equal instalments between `low` and `high` (the regular amount), as close
 * to `wanted` as the room left allows, from the first month at or after
 * `from` where they fit; null when none fit within the search window.
 */
function fitSchedule(
  ledger: RoomLedger,
  balance: number,
  [low, high]: [number, number],
  wanted: number,
  from: number,
  window: number,
): { start: number; instalments: number[] } | null {
  for (let start = from; start < from + window; start++) {
    let monthly = Math.min(high, Math.max(low, wanted));
    for (let tries = 0; tries < MAX_TRIES_PER_START && monthly >= low; tries++) {
      const instalments = scheduleOf(balance, monthly);
      const fit = ledger.fit(start, instalments);
      if (fit.fits) return { start, instalments };
      monthly = Math.min(monthly - 1, fit.left);
    }
  }
  return null;
}

/**
 * One arrangement proposal per creditor, built on a repayment plan: the
 * creditors in the plan's order, each starting when the plan first pays it,
 * at about the plan's pace, within its policy where it has one, and never
 * asking more of the household than its monthly room in any month, all
 * proposals together. Where a policy cannot be met within the room that is
 * left, it says so and proposes nothing, rather than what would be refused.
 * Every proposal marked accepted in advance passes `evaluateArrangement`.
 */
export function proposeArrangements(
  plan: Plan,
  input: PlanInput,
  policies: Record<string, AcceptancePolicy | undefined>,
  { facts = {}, booked = {} }: ProposeOptions = {},
): ArrangementProposals {
  const ledger = new RoomLedger(input.monthlyRoomCents);
  const start = monthNumber(input.startMonth);
  for (const proposal of Object.values(booked))
    ledger.book(monthNumber(proposal.startMonth) + proposal.pauseMonths - start, proposal.instalmentCents);
  const debtById = new Map(input.debts.map((debt) => [debt.id, debt]));
  const creditors = [...new Set(plan.order.map((id) => debtById.get(id)!.creditor))].filter(
    (creditor) => booked[creditor] === undefined,
  );
  const paidIn = (ids: string[]) =>
    plan.simulation.months.flatMap((row, m) => (ids.some((id) => (row.payments[id] ?? 0) > 0) ? [m] : []));
  const window = plan.simulation.months.length + ARRANGEMENT_LIMITS.maxTermMonths;

  const result = creditors.map((creditor): CreditorArrangement => {
    const debtIds = plan.order.filter((id) => debtById.get(id)!.creditor === creditor);
    const balance = Math.min(
      ARRANGEMENT_LIMITS.maxAmountCents,
      debtIds.reduce((sum, id) => sum + owedAtStart(debtById.get(id)!), 0),
    );
    const policy = policies[creditor];
    const base = {
      creditor,
      debtIds,
      interestStops: policy?.whileKept.interestStops ?? false,
      collectionCostsStop: policy?.whileKept.collectionCostsStop ?? false,
    };
    const empty = { proposal: null, evaluation: null, monthlyCents: 0, termMonths: 0, totalCents: 0 };
    if (balance <= 0) return { ...base, ...empty, status: 'needs-review', note: NOTHING_OWED };
    const months = paidIn(debtIds);
    const from = months[0] ?? plan.simulation.months.length;
    // The plan's pace: the balance spread over the months the plan pays this creditor.
    const wanted = Math.ceil(balance / Math.max(1, months.length));
    const debtFacts = facts[creditor] ?? NO_FACTS;
    const proposalAt = (first: number, instalments: number[]): ArrangementProposal => ({
      balanceCents: balance,
      instalmentCents: instalments,
      startMonth: monthName(start + first),
      pauseMonths: 0,
      facts: debtFacts,
    });

    // Can the policy accept anything in advance for this debt? Ask it about a proposal of the plan's shape.
    const probe = policy && evaluateArrangement(policy, proposalAt(from, scheduleOf(balance, wanted)));
    const acceptable = probe?.nearest != null ? acceptedMonthlyRange(policy!, balance) : null;
    const anyTerm: [number, number] = [Math.ceil(balance / ARRANGEMENT_LIMITS.maxTermMonths), balance];
    const found = fitSchedule(ledger, balance, acceptable ?? anyTerm, wanted, from, window);
    if (found === null) {
      const least = (acceptable ?? anyTerm)[0];
      return { ...base, ...empty, status: 'not-within-room', evaluation: probe ?? null, note: noRoom(least) };
    }
    ledger.book(found.start, found.instalments);
    const proposal = proposalAt(found.start, found.instalments);
    const evaluation = policy ? evaluateArrangement(policy, proposal) : null;
    return {
      ...base,
      status: evaluation?.outcome ?? 'needs-review',
      proposal,
      evaluation,
      monthlyCents: found.instalments[0]!,
      termMonths: found.instalments.length,
      totalCents: balance,
      ...(policy === undefined && { note: NO_POLICY }),
    };
  });
  return { creditors: result, monthlyRoomCents: input.monthlyRoomCents, peakMonthlyCents: ledger.peak() };
}

const NOTHING_OWED = { nl: 'Er staat niets open.', en: 'Nothing is owed.' };
const NO_POLICY = {
  nl: 'Deze schuldeiser heeft geen voorwaarden vooraf: een medewerker beoordeelt het verzoek.',
  en: 'This creditor publishes no conditions in advance: its staff review the request.',
};
const noRoom = (leastCents: number) => ({
  nl: `De schuldeiser vraagt minstens ${euros(leastCents, 'nl')} per maand; daar is binnen de aflossingsruimte geen plaats voor. Vraag hulp bij een schuldhulpverlener.`,
  en: `The creditor asks at least ${euros(leastCents, 'en')} a month; the room for repayments has no place for that. Ask a debt counsellor for help.`,
});
