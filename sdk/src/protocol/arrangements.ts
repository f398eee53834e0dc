import { z } from 'zod';
import { IsoDateTime, OpaqueId, PlainText } from './common.js';
import { PartySummary, Pseudonym } from './connect.js';
import {
  AcceptancePolicy,
  ArrangementOutcome,
  ArrangementProposal,
  ArrangementReason,
  PolicyHash,
  SignedAcceptancePolicy,
} from './arrangement-policy.js';

// --- Arrangements on the server ---

export const ArrangementState = z
  .enum(['requested', 'accepted', 'countered', 'refused', 'active', 'missed', 'lapsed', 'completed'])
  .meta({ id: 'ArrangementState' });
export type ArrangementState = z.infer<typeof ArrangementState>;

export const InstalmentState = z.enum(['due', 'paid', 'missed']).meta({ id: 'InstalmentState' });
export type InstalmentState = z.infer<typeof InstalmentState>;

export const Instalment = z
  .object({
    number: z.number().int().min(1),
    dueMonth: z.string().describe('YYYY-MM'),
    amountCents: z.number().int().min(1),
    state: InstalmentState,
  })
  .meta({ id: 'Instalment' });
export type Instalment = z.infer<typeof Instalment>;

/** The debtor's app asks for an arrangement on a connection; the debtor confirms it with the passkey. */
export const RequestArrangementRequest = z
  .strictObject({
    sub: Pseudonym.describe('Your pseudonym for the signed-in debtor.'),
    connectionId: Pseudonym.describe("Your pseudonym for the debtor's connection with the creditor."),
    policy: SignedAcceptancePolicy.describe(
      'The policy you evaluated the proposal against, as the creditor signed it.',
    ),
    proposal: ArrangementProposal,
    presentedAs: ArrangementOutcome.describe('What you showed the debtor; the server evaluates again and must agree.'),
  })
  .meta({ id: 'RequestArrangementRequest' });
export type RequestArrangementRequest = z.infer<typeof RequestArrangementRequest>;

export const ArrangementFlowStarted = z
  .object({
    arrangementId: OpaqueId,
    startUrl: z.url().describe("The decision page on the server's origin (open it in a window of its own)."),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'ArrangementFlowStarted' });
export type ArrangementFlowStarted = z.infer<typeof ArrangementFlowStarted>;

/** An arrangement as both sides see it (each with its own pseudonym for the connection). */
export const ArrangementView = z
  .object({
    arrangementId: OpaqueId,
    connectionId: Pseudonym.describe('Your pseudonym for the connection.'),
    provider: PartySummary,
    state: ArrangementState,
    proposal: ArrangementProposal.describe('What was asked; after an accepted counter-proposal, what was agreed.'),
    counterProposal: ArrangementProposal.optional(),
    policyVersion: z.number().int(),
    policyHash: PolicyHash,
    outcome: ArrangementOutcome.describe('What the policy said of the request.'),
    reasons: z.array(ArrangementReason),
    reason: z.string().optional().describe("The creditor's words with a refusal or a counter-proposal."),
    whileKept: AcceptancePolicy.shape.whileKept,
    payTo: AcceptancePolicy.shape.payTo,
    paymentReference: z.string().describe('What to put in each transfer, so the creditor finds the payment.'),
    instalments: z.array(Instalment),
    missedCount: z.number().int().min(0),
    lapse: AcceptancePolicy.shape.lapse,
    receipt: z.string().optional().describe("The server's signed receipt of the debtor's confirmation (JWS)."),
    decision: z
      .string()
      .optional()
      .describe("The creditor's signed acceptance in advance (JWS), citing the policy hash."),
    counterFlowUrl: z
      .url()
      .optional()
      .describe('Countered: where the debtor accepts the counter-proposal with the passkey.'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'ArrangementView' });
export type ArrangementView = z.infer<typeof ArrangementView>;

export const ArrangementList = z.object({ arrangements: z.array(ArrangementView) }).meta({ id: 'ArrangementList' });
export type ArrangementList = z.infer<typeof ArrangementList>;

export const ReportInstalmentRequest = z
  .strictObject({ outcome: z.enum(['paid', 'missed']) })
  .meta({ id: 'ReportInstalmentRequest' });
export type ReportInstalmentRequest = z.infer<typeof ReportInstalmentRequest>;

export const CounterProposalRequest = z
  .strictObject({ counterProposal: ArrangementProposal, reason: PlainText(1, 1000) })
  .meta({ id: 'CounterProposalRequest' });
export type CounterProposalRequest = z.infer<typeof CounterProposalRequest>;

export const RefuseArrangementRequest = z
  .strictObject({ reason: PlainText(1, 1000) })
  .meta({ id: 'RefuseArrangementRequest' });
export type RefuseArrangementRequest = z.infer<typeof RefuseArrangementRequest>;

/**
 * The creditor's answer from its arrangement endpoint, as the payload of a
 * compact JWS signed with its payload key: accepted in advance (citing the
 * policy version's hash), or left for its staff to review.
 */
export const ArrangementAnswer = z
  .object({
    arrangementId: OpaqueId,
    decision: z.enum(['accepted', 'review']),
    policyHash: PolicyHash,
  })
  .meta({ id: 'ArrangementAnswer' });
export type ArrangementAnswer = z.infer<typeof ArrangementAnswer>;

/** Every creditor's current acceptance policy, as a debt-help app reads them. */
export const ArrangementPolicyList = z
  .object({
    policies: z.array(
      z.object({
        providerId: z.string(),
        policy: SignedAcceptancePolicy,
        jwksUrl: z.url().describe('The keys the creditor signs with: verify the policy before you rely on it.'),
      }),
    ),
  })
  .meta({ id: 'ArrangementPolicyList' });
export type ArrangementPolicyList = z.infer<typeof ArrangementPolicyList>;

/** The page on the server's origin where the debtor confirms a request or a counter-proposal. */
export const ArrangementDecisionView = z
  .object({
    kind: z.literal('arrangement'),
    flowId: OpaqueId,
    step: z.enum(['request', 'counter-proposal']),
    provider: PartySummary,
    proposal: ArrangementProposal,
    outcome: ArrangementOutcome,
    reasons: z.array(ArrangementReason),
    reason: z.string().optional(),
    whileKept: AcceptancePolicy.shape.whileKept,
    policyVersion: z.number().int(),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'ArrangementDecisionView' });
export type ArrangementDecisionView = z.infer<typeof ArrangementDecisionView>;
