import { RegieRepaymentPlan } from '../repayment-plan/repayment-plan.js';
import { define } from '../shared/define.js';

define('regie-repayment-plan', RegieRepaymentPlan);

declare global {
  interface HTMLElementTagNameMap {
    'regie-repayment-plan': RegieRepaymentPlan;
  }
}
