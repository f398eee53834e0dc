import type { PlanInput } from '../debts.js';
import { evictionLimitCents } from '../eviction-limit.js';
import { FIXED_COST_KINDS, growthRules, type GrowthRules } from '../growth-rules.js';
import { simulate } from '../simulate.js';
import { Expression, LinearProgram } from './linear-program.js';

/**
 * The repayment problem as a mixed-integer linear program: the same rules as
 * the simulation (growth-rules.ts, payments settle costs, then interest, then
 * principal), but with the payments per month and debt left free, so the
 * solver finds the cheapest schedule of all, not only the best order.
 *
 * Per debt and month the model tracks what is owed after the payment. Debts
 * whose cost depends only on what is owed (CJIB, CAK, no growth) carry one
 * balance; interest-bearing debts (tax, statutory interest) carry costs,
 * accrued interest and principal, because the order in which a payment
 * settles them changes the interest. Yes/no variables model what is not
 * linear: whether a debt is still open when collection costs or the CAK
 * premium fall due, whether a payment may reach the principal yet (only once
 * costs and interest are settled), and whether a minimum payment applies.
 */
export interface RepaymentModel {
  program: LinearProgram;
  /** Growth that does not depend on any payment (a surcharge on the opening balance, costs due in the first month). */
  fixedGrowthCents: number;
  /** The payment variables per month: debt id -> the variable names whose sum is that month's payment. */
  payments: Record<string, string[]>[];
  /** What each yes/no variable means, so a known plan (the planner's) can be handed to the solver as a start. */
  switches: Switch[];
}

/** A yes/no variable of the model and the fact about one debt in one month it stands for. */
export interface Switch {
  name: string;
  debtId: string;
  month: number;
  meaning: 'open-before' | 'open-after' | 'costs-and-interest-settled' | 'costs-settled';
}

/** Upper bounds on what a debt can owe: its growth when nothing is paid, since paying never adds growth. */
function boundsWithoutPayment(
  opening: { costs: number; interest: number; principal: number },
  rules: GrowthRules,
  months: number,
) {
  let { costs, interest, principal } = opening;
  const before: number[] = [];
  const after: { costs: number; interest: number; principal: number }[] = [];
  for (let m = 0; m < months; m++) {
    before.push(costs + interest + principal);
    if (rules.capitalises[m]) [principal, interest] = [principal + interest, 0];
    const open = costs + interest + principal > 0;
    costs += (costs + interest + principal) * rules.surchargeShare[m]!;
    interest += principal * rules.monthlyRate[m]!;
    if (open) for (const charge of rules.charges) if (charge.month === m) costs += charge.cents;
    if (open && rules.cakPremium && m >= rules.cakPremium.fromMonth) costs += rules.cakPremium.cents;
    after.push({ costs, interest, principal });
  }
  // A little headroom for the simulation's rounding to whole cents.
  const slack = (value: number) => value * 1.001 + 100;
  return {
    before: before.map(slack),
    after: after.map(({ costs, interest, principal }) => ({
      costs: slack(costs),
      nonPrincipal: slack(costs + interest),
      total: slack(costs + interest + principal),
    })),
  };
}

/**
 * The minimums the simulation pays before anything else, fixed costs first,
 * each capped by what is left of the room (the model cannot pay what the room
 * does not hold).
 */
function effectiveMinimums(input: PlanInput): Map<string, number> {
  let room = input.monthlyRoomCents;
  const minimums = new Map<string, number>();
  const withMinimum = input.debts.filter((debt) => (debt.minimumPaymentCents ?? 0) > 0);
  for (const debt of [
    ...withMinimum.filter((d) => FIXED_COST_KINDS.has(d.kind)),
    ...withMinimum.filter((d) => !FIXED_COST_KINDS.has(d.kind)),
  ]) {
    const minimum = Math.min(debt.minimumPaymentCents!, room);
    minimums.set(debt.id, minimum);
    room -= minimum;
  }
  return minimums;
}

/**
 * For debts with a hard limit (rent arrears and eviction): the most each may
 * stand at after each month. Above its limit a debt gets all the room left
 * after the agreed minimums, whatever the plan, so until it is below the limit
 * its course is the one a plan that pays nothing else gives it.
 */
function limitedBalances(input: PlanInput): Map<string, number[]> {
  const limits = new Map(
    input.debts
      .map((debt) => [debt.id, evictionLimitCents(debt)] as const)
      .filter(([, limit]) => Number.isFinite(limit)),
  );
  const highest = new Map([...limits.keys()].map((id) => [id, [] as number[]]));
  if (limits.size > 0) {
    simulate(
      input,
      () => [],
      (debt) => {
        const limit = limits.get(debt.id);
        if (limit !== undefined)
          highest.get(debt.id)!.push(Math.max(limit, debt.costsCents + debt.interestCents + debt.principalCents));
      },
    );
  }
  return highest;
}

/**
 * `allocation: 'relaxed'` builds a relaxation: the switches that make a
 * payment settle costs, then interest, then principal may take any value
 * between 0 and 1. What the relaxation costs at its optimum is a lower bound
 * for the real model, and it solves far faster: the allocation switches are
 * most of the model's yes/no variables while they change its cost least.
 */
export function buildRepaymentModel(
  input: PlanInput,
  { allocation = 'exact' }: { allocation?: 'exact' | 'relaxed' } = {},
): RepaymentModel {
  const lp = new LinearProgram();
  const T = input.horizonMonths;
  const room = input.monthlyRoomCents;
  const objective = Expression.of();
  const payments: Record<string, string[]>[] = Array.from({ length: T }, () => ({}));
  const paidInMonth: Expression[] = Array.from({ length: T }, () => Expression.of());
  const minimums = effectiveMinimums(input);
  const limited = limitedBalances(input);
  const switches: Switch[] = [];
  const yesNo = (name: string, debtId: string, month: number, meaning: Switch['meaning']) => {
    switches.push({ name, debtId, month, meaning });
    return lp.binary(name);
  };
  const allocationSwitch = (name: string, debtId: string, month: number, meaning: Switch['meaning']) =>
    allocation === 'exact' ? yesNo(name, debtId, month, meaning) : lp.continuous(name, 1);

  input.debts.forEach((debt, i) => {
    const rules = growthRules(debt, input);
    const opening = { costs: debt.costsCents ?? 0, interest: debt.interestCents ?? 0, principal: debt.principalCents };
    const bounds = boundsWithoutPayment(opening, rules, T);
    const bearsInterest = rules.model === 'tax' || rules.model === 'statutory';
    const lastCapitalisation = rules.capitalises.lastIndexOf(true);
    const minimum = minimums.get(debt.id) ?? 0;

    // What is owed after the payment of month m (m = -1: the opening position), as expressions.
    let costs = Expression.of(opening.costs);
    let interest = Expression.of(opening.interest);
    let principal = Expression.of(opening.principal);
    let balance = Expression.of(opening.costs + opening.interest + opening.principal);

    const openingTotal = opening.costs + opening.interest + opening.principal;
    /** What was paid to this debt before the current month. */
    let paidBefore = Expression.of();
    // A debt once paid off stays paid off (nothing new is added to it): its "still open" switches only go from 1 to 0.
    let lastOpen: { name: string; month: number; meaning: 'open-before' | 'open-after' } | undefined;
    /** A yes/no that must be 1 when `owed` is above zero: "the debt is still open". */
    const openIndicator = (
      name: string,
      owed: Expression,
      bound: number,
      month: number,
      meaning: 'open-before' | 'open-after',
    ) => {
      if (owed.terms.size === 0) return Expression.of(owed.constant > 0 ? 1 : 0);
      const open = yesNo(name, debt.id, month, meaning);
      lp.require(owed, '<=', Expression.variable(open, bound));
      // Paying a debt off takes at least what it owed at the start: a cut that keeps the solver's
      // relaxation from calling a debt nearly paid off while little has been paid.
      const paid = meaning === 'open-before' ? paidBefore : Expression.of().add(paidBefore).add(`p_${i}_${month}`);
      if (openingTotal > 0) lp.require(Expression.of().add(paid).add(open, openingTotal), '>=', openingTotal);
      // Open before month m means open after month m - 1, so either kind of switch bounds a later one.
      if (lastOpen) lp.require(Expression.variable(open), '<=', Expression.variable(lastOpen.name));
      lastOpen = { name: open, month, meaning };
      return Expression.variable(open);
    };

    for (let m = 0; m < T; m++) {
      const before = balance;
      const growth = Expression.of();
      if (rules.surchargeShare[m]! > 0) growth.add(before, rules.surchargeShare[m]!);
      const charged = rules.charges.reduce((sum, charge) => sum + (charge.month === m ? charge.cents : 0), 0);
      if (charged > 0)
        growth.add(openIndicator(`charge_${i}_${m}`, before, bounds.before[m]!, m, 'open-before'), charged);
      if (rules.cakPremium && m >= rules.cakPremium.fromMonth)
        growth.add(openIndicator(`cak_${i}_${m}`, before, bounds.before[m]!, m, 'open-before'), rules.cakPremium.cents);

      const pay = lp.continuous(`p_${i}_${m}`, room);
      payments[m]![debt.id] = [pay];
      paidInMonth[m]!.add(pay);

      if (!bearsInterest) {
        objective.add(growth);
        const after = lp.continuous(`b_${i}_${m}`);
        lp.require(Expression.variable(after), '=', Expression.of().add(before).add(growth).add(pay, -1));
        balance = Expression.variable(after);
      } else {
        if (rules.capitalises[m])
          [principal, interest] = [Expression.of().add(principal).add(interest), Expression.of()];
        const accrued = principal.scaled(rules.monthlyRate[m]!);
        growth.add(accrued);
        objective.add(growth);
        // Growth other than interest is costs; interest accrues apart, and only capitalisation moves it into the principal.
        const costsBefore = Expression.of().add(costs).add(growth).add(accrued, -1);
        const interestBefore = Expression.of().add(interest).add(accrued);
        const [toCosts, toInterest, toPrincipal] = [
          lp.continuous(`pc_${i}_${m}`, room),
          lp.continuous(`pi_${i}_${m}`, room),
          lp.continuous(`pp_${i}_${m}`, room),
        ];
        lp.require(Expression.of().add(toCosts).add(toInterest).add(toPrincipal), '=', Expression.variable(pay));
        const [c, r, p] = [lp.continuous(`c_${i}_${m}`), lp.continuous(`r_${i}_${m}`), lp.continuous(`q_${i}_${m}`)];
        lp.require(Expression.variable(c), '=', costsBefore.add(toCosts, -1));
        lp.require(Expression.variable(r), '=', interestBefore.add(toInterest, -1));
        lp.require(Expression.variable(p), '=', Expression.of().add(principal).add(toPrincipal, -1));
        // Art. 6:44 BW: nothing reaches the principal while costs or interest are owed after the payment.
        const { costs: costsBound, nonPrincipal } = bounds.after[m]!;
        const settled = allocationSwitch(`s_${i}_${m}`, debt.id, m, 'costs-and-interest-settled');
        lp.require(Expression.variable(toPrincipal), '<=', Expression.variable(settled, room));
        lp.require(Expression.of().add(c).add(r), '<=', Expression.of(nonPrincipal).add(settled, -nonPrincipal));
        // Costs before interest matters only where interest still joins the principal later.
        if (rules.model === 'statutory' && m < lastCapitalisation && costsBound > 100) {
          const costsSettled = allocationSwitch(`k_${i}_${m}`, debt.id, m, 'costs-settled');
          lp.require(Expression.variable(toInterest), '<=', Expression.variable(costsSettled, room));
          lp.require(Expression.variable(c), '<=', Expression.of(costsBound).add(costsSettled, -costsBound));
        }
        [costs, interest, principal] = [Expression.variable(c), Expression.variable(r), Expression.variable(p)];
        balance = Expression.of().add(c).add(r).add(p);
      }

      // A minimum payment: a debt still open after this month got at least its minimum.
      if (minimum > 0)
        lp.require(
          Expression.variable(pay),
          '>=',
          openIndicator(`min_${i}_${m}`, balance, bounds.after[m]!.total, m, 'open-after').scaled(minimum),
        );
      // Rent above the eviction limit comes down as fast as the rules bring it down; the slack absorbs the simulation's rounding.
      const highest = limited.get(debt.id)?.[m];
      if (highest !== undefined) lp.require(balance, '<=', highest + m + 1);
      paidBefore = Expression.of().add(paidBefore).add(pay);
    }
  });

  for (let m = 0; m < T; m++) lp.require(paidInMonth[m]!, '<=', room);
  lp.minimise(objective);
  return { program: lp, fixedGrowthCents: objective.constant, payments, switches };
}
