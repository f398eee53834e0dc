/**
 * Payment arrangements: a creditor's acceptance policy ("vooraf akkoord") as signed data,
 * `evaluateArrangement` that decides a proposal the same way in the debtor's app and at the
 * creditor, and `proposeArrangements` that turns a repayment plan into one proposal per
 * creditor within the household's monthly room.
 * @module @regiekit/sdk/arrangements
 */
export {
  acceptedMonthlyRange,
  evaluateArrangement,
  minimumInstalmentCents,
  scheduleOf,
  type ArrangementEvaluation,
} from './evaluate.js';
export {
  proposeArrangements,
  type ArrangementProposals,
  type CreditorArrangement,
  type CreditorArrangementStatus,
  type ProposeOptions,
} from './propose.js';
export {
  ANSWER_JWS_TYPE,
  signArrangementAnswer,
  verifyArrangementAnswer,
  canonicalJson,
  policyHash,
  POLICY_JWS_TYPE,
  PolicyVerificationError,
  signAcceptancePolicy,
  verifyAcceptancePolicy,
  type PolicyKey,
  type PolicyProblem,
  type VerifyPolicyOptions,
} from './policy-signing.js';
export { policyInWords } from './texts.js';
export { generatePolicy } from './population.js';
export { ArrangementsClient } from './arrangements-client.js';
export { epcPayload, EpcPayloadError, type CreditTransfer } from './epc-qr.js';
