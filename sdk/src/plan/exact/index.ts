/**
 * The repayment planner's exact mode: the same cost model as a mixed-integer program solved
 * by HiGHS (add `highs` where you use it). For servers and development; never in a CDN bundle.
 * @module @regiekit/sdk/plan/exact
 */
export { buildRepaymentModel, type RepaymentModel } from './repayment-model.js';
export { roundingCents, solveExactly, type ExactOptions, type ExactPlan } from './solve-exact.js';
