import { checkPlanInput, owedAtStart, type PlanInput } from '../debts.js';
import type { PaymentOrder } from '../compiled-plan.js';
import { simulate, type DebtMonth, type PaymentSchedule } from '../simulate.js';
import { planCost } from '../strategies.js';
import { buildRepaymentModel, type RepaymentModel, type Switch } from './repayment-model.js';

export interface ExactPlan {
  /** 'optimal' when the schedule is proven cheapest (within the gap asked for and the simulation's rounding to cents); 'time-limit' when HiGHS stopped first. */
  status: 'optimal' | 'time-limit';
  /** The cheapest schedule found: what to pay each debt each month, in whole cents. */
  schedule: PaymentSchedule;
  /** What that schedule costs under the rules as the simulation counts them (whole cents): the starting debts plus all growth over the horizon. */
  costCents: number;
  /** A proven lower bound on the cost of any schedule, in cents: no plan under the modelled rules can cost less. */
  lowerBoundCents: number;
  seconds: number;
  size: { columns: number; rows: number; binaries: number };
}

export interface ExactOptions {
  /** Stop after this many seconds with the best schedule and bound so far. */
  timeLimitSeconds?: number;
  /** Stop when the schedule is proven within this many cents of the optimum (default: 0.01 % of the starting debts). */
  absoluteGapCents?: number;
  /**
   * A plan to start from (the planner's order, or a schedule): the solver
   * begins with it as its first solution, so even a search stopped by the
   * time limit is never worse than this plan.
   */
  start?: PaymentOrder | PaymentSchedule;
}

/** The yes/no values a known plan gives the model's switches, read from the plan's simulation. */
function switchValues(
  input: PlanInput,
  start: PaymentOrder | PaymentSchedule,
  switches: Switch[],
): Map<string, number> {
  const months = new Map<string, DebtMonth>();
  simulate(input, start, (debt) => months.set(`${debt.id}/${debt.month}`, debt));
  const values = new Map<string, number>();
  for (const { name, debtId, month, meaning } of switches) {
    const debt = months.get(`${debtId}/${month}`)!;
    const on =
      meaning === 'open-before'
        ? debt.beforeCents > 0
        : meaning === 'open-after'
          ? debt.costsCents + debt.interestCents + debt.principalCents > 0
          : meaning === 'costs-settled'
            ? debt.costsCents === 0
            : debt.costsCents + debt.interestCents === 0;
    values.set(name, on ? 1 : 0);
  }
  return values;
}

type Highs = import('highs').Highs;
type HighsLoader = () => Promise<Highs>;
let highs: Promise<Highs> | undefined;

/** Loads the WebAssembly solver once. Node's ESM import gives the loader as default; the package's CommonJS typings see it one level down. */
async function loadHighs(): Promise<Highs> {
  const module = (await import('highs')) as unknown as { default: HighsLoader | { default: HighsLoader } };
  return typeof module.default === 'function' ? module.default() : module.default.default();
}

interface StageResult {
  optimal: boolean;
  /** Undefined when HiGHS stopped before it found any schedule. */
  schedule: PaymentSchedule | undefined;
  /** The model's cost of the schedule, and a proven lower bound, both in cents (the starting debts included). */
  costCents: number;
  lowerBoundCents: number;
}

/** Solves one model with HiGHS, started from a known plan's switch values if one is given. */
function solveStage(
  solver: Highs,
  input: PlanInput,
  model: RepaymentModel,
  { timeLimitSeconds, gap, start }: { timeLimitSeconds: number; gap: number; start?: PaymentOrder | PaymentSchedule },
): StageResult {
  const offset = openingCents(input) + model.fixedGrowthCents;
  return solver.withModel({ format: 'lp', data: model.program.toLpText() }, (instance) => {
    // HiGHS's own feasibility tolerance: a tighter one makes it give up on some households with an error instead of a schedule.
    instance.options.set({
      output_flag: false,
      time_limit: Math.max(0.5, timeLimitSeconds),
      mip_rel_gap: 0,
      mip_abs_gap: gap,
    });
    if (start) {
      // Only the switches are handed over: HiGHS fixes them and finds the best payments that fit them.
      const wanted = switchValues(input, start, model.switches);
      const indices: number[] = [];
      const values: number[] = [];
      const columns = instance.getDimensions().numCols;
      for (let column = 0; column < columns; column++) {
        const value = wanted.get(instance.getColName(column));
        if (value === undefined) continue;
        indices.push(column);
        values.push(value);
      }
      instance.setSolution({ indices, values });
    }
    instance.run();
    const status = instance.getModelStatus();
    const { optimal, timeLimit } = solver.constants.modelStatus;
    if (status !== optimal && status !== timeLimit)
      throw new Error(`HiGHS could not solve the repayment model (status ${status})`);
    const bound = Number(instance.info.get('mip_dual_bound'));
    const values = instance.getSolution().colValue;
    const found = values.length > 0 && !Number.isNaN(values[0]) && Number.isFinite(instance.getObjectiveValue());
    if (!found)
      return {
        optimal: false,
        schedule: undefined,
        costCents: Number.POSITIVE_INFINITY,
        lowerBoundCents: offset + (Number.isFinite(bound) ? bound : 0),
      };
    const valueOf = new Map<string, number>();
    for (let column = 0; column < values.length; column++) valueOf.set(instance.getColName(column), values[column]!);
    const schedule = model.payments.map((month) =>
      Object.fromEntries(
        Object.entries(month)
          .map(
            ([id, names]) => [id, Math.round(names.reduce((sum, name) => sum + (valueOf.get(name) ?? 0), 0))] as const,
          )
          .filter(([, cents]) => cents > 0),
      ),
    );
    const costCents = offset + instance.getObjectiveValue();
    return {
      optimal: status === optimal,
      schedule,
      costCents,
      lowerBoundCents: offset + (Number.isFinite(bound) ? bound : instance.getObjectiveValue()),
    };
  });
}

const openingCents = (input: PlanInput) => input.debts.reduce((sum, debt) => sum + owedAtStart(debt), 0);

/**
 * Solves the repayment problem exactly with HiGHS (WebAssembly): the cheapest
 * schedule of payments under the modelled rules, with a proven bound. Meant
 * for servers, tests and benchmarks: the `highs` package (1.15 or later) is
 * not installed with the SDK, so a server that wants this mode adds it (the
 * reference server's image leaves it out), it is never part of a CDN bundle,
 * and a large case takes seconds.
 *
 * It works in two stages. First a relaxation (the payment-allocation
 * switches may be fractions) is solved, which is quick and bounds every
 * schedule from below; its schedule, replayed under the real rules, is a
 * good plan too. Then the real model is solved, started from the plan given
 * as `start` (or the relaxation's schedule). The result is the cheapest of
 * these schedules as the simulation counts it, so never worse than `start`,
 * with the higher of the two stages' bounds.
 */
export async function solveExactly(
  input: PlanInput,
  { timeLimitSeconds = 60, absoluteGapCents, start }: ExactOptions = {},
): Promise<ExactPlan> {
  checkPlanInput(input);
  // HiGHS measures its relative gap on the growth alone; the plan's cost is the debts plus the growth, so the stopping rule is absolute.
  const gap = absoluteGapCents ?? Math.max(1, openingCents(input) * 1e-4);
  highs ??= loadHighs();
  const solver = await highs;
  const started = performance.now();
  const secondsLeft = () => timeLimitSeconds - (performance.now() - started) / 1000;

  const relaxed = solveStage(solver, input, buildRepaymentModel(input, { allocation: 'relaxed' }), {
    timeLimitSeconds: timeLimitSeconds * RELAXATION_SHARE,
    gap,
    start,
  });
  const model = buildRepaymentModel(input);
  // The plan given is handed to the real model as its start; the relaxation's schedule only when none was given, because
  // its switch values, read from the simulation's whole cents, do not always complete to a solution of the model.
  const startOfExact = start ?? relaxed.schedule;
  const exact = solveStage(solver, input, model, {
    timeLimitSeconds: Math.max(secondsLeft(), timeLimitSeconds * (1 - RELAXATION_SHARE)),
    gap,
    ...(startOfExact && { start: startOfExact }),
  });

  // The cheapest of the plans at hand, as the simulation counts it: so the result is never worse than the plan given.
  const plans = [exact.schedule, relaxed.schedule, start].filter(
    (plan): plan is PaymentOrder | PaymentSchedule => plan !== undefined,
  );
  if (plans.length === 0) throw new Error('HiGHS stopped before it found any schedule');
  // Each as the simulation pays it: the solver's payments rounded to cents could exceed a month's room by a cent.
  const [best] = plans
    .map((plan) => simulate(input, plan))
    .map((simulation) => ({
      schedule: simulation.months.map((month) => month.payments),
      costCents: planCost(simulation),
    }))
    .sort((a, b) => a.costCents - b.costCents);
  const lowerBoundCents = Math.min(best!.costCents, Math.max(relaxed.lowerBoundCents, exact.lowerBoundCents));
  return {
    status: best!.costCents - lowerBoundCents <= gap + roundingCents(input) ? 'optimal' : 'time-limit',
    schedule: best!.schedule,
    costCents: best!.costCents,
    lowerBoundCents,
    seconds: (performance.now() - started) / 1000,
    size: model.program.size,
  };
}

/**
 * How far the simulation's whole cents may drift from the model's exact
 * fractions: each debt's growth is rounded once a month.
 */
export const roundingCents = (input: PlanInput) => input.horizonMonths * input.debts.length;

/** The relaxation gets this share of the time: it gives the bound, while the real model mostly completes a good start. */
const RELAXATION_SHARE = 0.6;
