/**
 * The repayment planner: in which order a household pays its creditors so that the least
 * goes to costs, interest and surcharges under Dutch rules; runs in the browser and in Node.
 * @module @regiekit/sdk/plan
 */
export { allocatePayment, type DebtParts } from './allocation.js';
export { collectionCostsOwed, wikCollectionCosts } from './collection-costs.js';
export {
  checkPlanInput,
  CREDITOR_KINDS,
  owedAtStart,
  PLAN_LIMITS,
  PlanInputError,
  type CreditorKind,
  type DebtInput,
  type PlanInput,
} from './debts.js';
export * as dutchRules from './dutch-rules.js';
export { cjibAmountDue } from './fines.js';
export { planRepayment, type Plan } from './planner.js';
export { cliffOutcomes, reasonFor, type CliffOutcome, type Reason } from './reasons.js';
export { generateHousehold, seeded } from './population.js';
export { annualRate, growthRules, type GrowthRules } from './growth-rules.js';
export type { PaymentOrder } from './compiled-plan.js';
export { simulate, type MonthRow, type PaymentSchedule, type Simulation } from './simulate.js';
export { avalanche, balanceMatching, planCost, snowball } from './strategies.js';
export { rateOn, statutoryInterest } from './statutory-interest.js';
