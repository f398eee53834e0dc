import type {
  AcceptancePolicy,
  ArrangementProposal,
  ArrangementReason,
  ArrangementView,
  Instalment,
  PartySummary,
  SignedAcceptancePolicy,
} from '@regiekit/sdk/protocol';
import type { ArrangementRecord } from '../storage/arrangement-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';

/** What the store keeps sealed: the household's amounts and the creditor's words. */
export interface ArrangementTerms {
  proposal: ArrangementProposal;
  counterProposal?: ArrangementProposal;
  reasons: ArrangementReason[];
  reason?: string;
  whileKept: AcceptancePolicy['whileKept'];
  payTo: AcceptancePolicy['payTo'];
  lapse: AcceptancePolicy['lapse'];
}

export const sealTerms = (tenant: TenantContext, arrangementId: string, terms: ArrangementTerms): string =>
  tenant.crypto.sealPersonalData(JSON.stringify(terms), arrangementId);

export const openTerms = (tenant: TenantContext, record: ArrangementRecord): ArrangementTerms =>
  JSON.parse(tenant.crypto.openPersonalData(record.termsSealed, record.arrangementId)) as ArrangementTerms;

const monthNumber = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthName = (number: number) =>
  `${String(Math.floor(number / 12)).padStart(4, '0')}-${String((number % 12) + 1).padStart(2, '0')}`;

const LETTER_STATE = { d: 'due', p: 'paid', m: 'missed' } as const;

/** The schedule of an agreed proposal, with what the creditor reported of each instalment. */
export function scheduleOf(proposal: ArrangementProposal, letters: string): Instalment[] {
  const first = monthNumber(proposal.startMonth) + proposal.pauseMonths;
  return proposal.instalmentCents.map((amountCents, k) => ({
    number: k + 1,
    dueMonth: monthName(first + k),
    amountCents,
    state: LETTER_STATE[(letters[k] ?? 'd') as keyof typeof LETTER_STATE] ?? 'due',
  }));
}

/** What the debtor writes in each transfer: names the arrangement, and nobody. */
export const paymentReference = (arrangementId: string) => `Regeling ${arrangementId.slice(0, 12)}`;

/** The arrangement as one side sees it, under that side's pseudonym for the connection. */
export function arrangementView(
  record: ArrangementRecord,
  terms: ArrangementTerms,
  provider: PartySummary,
  connectionId: string,
  counterFlowUrl?: string,
): ArrangementView {
  return {
    arrangementId: record.arrangementId,
    connectionId,
    provider,
    state: record.state === 'draft' ? 'requested' : record.state,
    proposal: terms.proposal,
    ...(terms.counterProposal && { counterProposal: terms.counterProposal }),
    policyVersion: record.policyVersion,
    policyHash: record.policyHash,
    outcome: record.outcome,
    reasons: terms.reasons,
    ...(terms.reason !== undefined && { reason: terms.reason }),
    whileKept: terms.whileKept,
    payTo: terms.payTo,
    paymentReference: paymentReference(record.arrangementId),
    instalments: record.instalments === '' ? [] : scheduleOf(terms.proposal, record.instalments),
    missedCount: record.missedCount,
    lapse: terms.lapse,
    ...(record.receipt && { receipt: record.receipt }),
    ...(record.decision && { decision: record.decision }),
    ...(counterFlowUrl && { counterFlowUrl }),
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

/**
 * A creditor's current policy: the highest version among its service
 * descriptions that is in force (`validFrom` passed), and where it takes requests.
 */
export interface CurrentPolicy {
  signed: SignedAcceptancePolicy;
  endpoint: string;
}

export async function currentPolicyOf(
  tenant: TenantContext,
  providerId: string,
  now: number,
): Promise<CurrentPolicy | undefined> {
  const services = (await tenant.store.services.latest()).filter(
    (record) =>
      record.providerId === providerId &&
      record.description.acceptancePolicy !== undefined &&
      Date.parse(record.description.acceptancePolicy.policy.validFrom) <= now,
  );
  const best = services.sort(
    (a, b) => b.description.acceptancePolicy!.policy.version - a.description.acceptancePolicy!.policy.version,
  )[0];
  return best && { signed: best.description.acceptancePolicy!, endpoint: best.description.operationEndpoint };
}
