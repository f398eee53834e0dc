import type {
  AcceptancePolicy,
  ArrangementOutcome,
  ArrangementProposal,
  ArrangementReason,
  ArrangementRule,
} from '../protocol/arrangement-policy.js';
import { reasonText } from './texts.js';

export interface ArrangementEvaluation {
  outcome: ArrangementOutcome;
  /** Every rule the proposal breaks, in nl and en; empty when accepted in advance. */
  reasons: ArrangementReason[];
  /**
   * The proposal closest to this one that the policy accepts in advance (the
   * proposal itself when it is accepted); null when none is: the balance is
   * outside the policy, the debt is excluded, or the term and the minimum
   * instalment cannot both be met.
   */
  nearest: ArrangementProposal | null;
  policyVersion: number;
}

/** Month `YYYY-MM` as a count of months since year 0: differences are whole months. */
export const monthNumber = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
export const monthName = (number: number): string =>
  `${String(Math.floor(number / 12)).padStart(4, '0')}-${String((number % 12) + 1).padStart(2, '0')}`;

/** The least any instalment but the last may be for this balance: the higher of the amount and the share. */
export const minimumInstalmentCents = (policy: AcceptancePolicy, balanceCents: number): number =>
  Math.max(
    policy.minimumInstalment.amountCents,
    Math.ceil((balanceCents * policy.minimumInstalment.shareOfBalanceBasisPoints) / 10_000),
  );

/** Equal instalments of `monthlyCents` and what remains last: how every proposal the SDK makes is shaped. */
export function scheduleOf(balanceCents: number, monthlyCents: number): number[] {
  const whole = Math.floor(balanceCents / monthlyCents);
  const rest = balanceCents - whole * monthlyCents;
  return [...Array<number>(whole).fill(monthlyCents), ...(rest > 0 ? [rest] : [])];
}

/** The regular amounts the policy accepts for this balance, lowest and highest; null when there are none. */
export function acceptedMonthlyRange(policy: AcceptancePolicy, balanceCents: number): [number, number] | null {
  const { minMonths, maxMonths } = policy.term;
  // n(a) = ceil(B / a) instalments: at most maxMonths when a >= B / maxMonths, at least minMonths when a < B / (minMonths - 1).
  const fewest = Math.ceil(balanceCents / maxMonths);
  const most = minMonths <= 1 ? balanceCents : Math.ceil(balanceCents / (minMonths - 1)) - 1;
  // A single instalment is the last one, so the minimum does not apply to it.
  const low = Math.max(fewest, Math.min(minimumInstalmentCents(policy, balanceCents), balanceCents));
  const high = Math.min(balanceCents, most);
  return low <= high ? [low, high] : null;
}

function breaches(policy: AcceptancePolicy, proposal: ArrangementProposal): ArrangementRule[] {
  const rules: ArrangementRule[] = [];
  const balance = proposal.balanceCents;
  const term = proposal.instalmentCents.length;
  if (balance < policy.balance.minCents) rules.push('balance-below-minimum');
  if (balance > policy.balance.maxCents) rules.push('balance-above-maximum');
  if (term < policy.term.minMonths) rules.push('term-too-short');
  if (term > policy.term.maxMonths) rules.push('term-too-long');
  const minimum = minimumInstalmentCents(policy, balance);
  if (proposal.instalmentCents.slice(0, -1).some((amount) => amount < minimum)) rules.push('instalment-too-low');
  if (proposal.pauseMonths > 0 && !policy.pause.allowed) rules.push('pause-not-allowed');
  else if (proposal.pauseMonths > policy.pause.maxMonths) rules.push('pause-too-long');
  if (proposal.facts.atBailiff && policy.exclusions.atBailiff) rules.push('at-bailiff');
  const failed = proposal.facts.lastFailedArrangement;
  const within = policy.exclusions.failedWithinMonths;
  if (failed !== null && within > 0 && monthNumber(proposal.startMonth) - monthNumber(failed) < within)
    rules.push('failed-recently');
  return rules;
}

/** Rules no other amount or term can mend: the creditor's staff decide. */
const BEYOND_REACH = new Set<ArrangementRule>([
  'balance-below-minimum',
  'balance-above-maximum',
  'at-bailiff',
  'failed-recently',
]);

function nearestAccepted(policy: AcceptancePolicy, proposal: ArrangementProposal): ArrangementProposal | null {
  const range = acceptedMonthlyRange(policy, proposal.balanceCents);
  if (range === null) return null;
  const asked = proposal.instalmentCents[0]!;
  const monthly = Math.min(range[1], Math.max(range[0], asked));
  return {
    ...proposal,
    instalmentCents: scheduleOf(proposal.balanceCents, monthly),
    pauseMonths: policy.pause.allowed ? Math.min(proposal.pauseMonths, policy.pause.maxMonths) : 0,
  };
}

/**
 * Whether a creditor's policy accepts a proposal in advance, and if not, why
 * and what would be accepted. Pure and deterministic: the debtor's app, the
 * server and the creditor run the same function on the same data, so what the
 * debtor is shown beforehand is what the creditor decides. Validate both
 * arguments with their schemas first; this function trusts their shape.
 */
export function evaluateArrangement(policy: AcceptancePolicy, proposal: ArrangementProposal): ArrangementEvaluation {
  const rules = breaches(policy, proposal);
  const reasons = rules.map((rule) => reasonText(rule, policy, proposal));
  if (rules.length === 0)
    return { outcome: 'accepted-in-advance', reasons, nearest: proposal, policyVersion: policy.version };
  const nearest = rules.some((rule) => BEYOND_REACH.has(rule)) ? null : nearestAccepted(policy, proposal);
  return { outcome: 'needs-review', reasons, nearest, policyVersion: policy.version };
}
