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
export { simulate, type MonthRow, type PaymentOrder, type PaymentSchedule, type Simulation } from './simulate.js';
export { avalanche, balanceMatching, planCost, snowball } from './strategies.js';
export { rateOn, statutoryInterest } from './statutory-interest.js';
