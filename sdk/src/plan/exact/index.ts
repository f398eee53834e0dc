export { buildRepaymentModel, type RepaymentModel } from './repayment-model.js';
export { roundingCents, solveExactly, type ExactOptions, type ExactPlan } from './solve-exact.js';
