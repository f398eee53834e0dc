import { checkPlanInput, type PlanInput } from '../debts.js';
import { simulate, type DebtMonth, type PaymentOrder, type PaymentSchedule } from '../simulate.js';
import { buildRepaymentModel, type Switch } from './repayment-model.js';

export interface ExactPlan {
  /** 'optimal' when HiGHS proved the schedule cheapest (within the gap asked for); 'time-limit' when it stopped early. */
  status: 'optimal' | 'time-limit';
  /** The cheapest schedule found: what to pay each debt each month, in whole cents. */
  schedule: PaymentSchedule;
  /** The model's cost of that schedule: the starting debts plus all growth over the horizon, in cents. */
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
function switchValues(input: PlanInput, start: PaymentOrder | PaymentSchedule, switches: Switch[]): Map<string, number> {
  const months = new Map<string, DebtMonth>();
  simulate(input, start, (debt) => months.set(`${debt.id}/${debt.month}`, debt));
  const values = new Map<string, number>();
  for (const { name, debtId, month, meaning } of switches) {
    const debt = months.get(`${debtId}/${month}`)!;
    const on =
      meaning === 'open-before' ? debt.beforeCents > 0
      : meaning === 'open-after' ? debt.costsCents + debt.interestCents + debt.principalCents > 0
      : meaning === 'costs-settled' ? debt.costsCents === 0
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

/**
 * Solves the repayment problem exactly with HiGHS (WebAssembly): the cheapest
 * schedule of payments under the modelled rules, with a proven bound. Meant
 * for servers, tests and benchmarks: `highs` is an optional peer dependency
 * and never part of a CDN bundle, and a large case takes seconds.
 */
export async function solveExactly(input: PlanInput, { timeLimitSeconds = 60, absoluteGapCents, start }: ExactOptions = {}): Promise<ExactPlan> {
  checkPlanInput(input);
  const model = buildRepaymentModel(input);
  const opening = input.debts.reduce((sum, debt) => sum + debt.principalCents + (debt.costsCents ?? 0) + (debt.interestCents ?? 0), 0);
  // HiGHS measures its relative gap on the growth alone; the plan's cost is the debts plus the growth, so the stopping rule is absolute.
  const gap = absoluteGapCents ?? Math.max(1, opening * 1e-4);
  highs ??= loadHighs();
  const solver = await highs;
  const started = performance.now();
  return solver.withModel({ format: 'lp', data: model.program.toLpText() }, (instance) => {
    instance.options.set({ output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: 0, mip_abs_gap: gap, mip_feasibility_tolerance: 1e-9 });
    if (start) {
      // Only the switches are handed over: HiGHS fixes them and finds the best payments that fit them.
      const wanted = switchValues(input, start, model.switches);
      const indices: number[] = [];
      const values: number[] = [];
      const columns = instance.getDimensions().numCols;
      for (let column = 0; column < columns; column++) {
        const value = wanted.get(instance.getColName(column));
        if (value !== undefined) indices.push(column), values.push(value);
      }
      instance.setSolution({ indices, values });
    }
    instance.run();
    const status = instance.getModelStatus();
    const { optimal, timeLimit } = solver.constants.modelStatus;
    if (status !== optimal && status !== timeLimit) throw new Error(`HiGHS could not solve the repayment model (status ${status})`);
    const values = instance.getSolution().colValue;
    const valueOf = new Map<string, number>();
    for (let column = 0; column < values.length; column++) valueOf.set(instance.getColName(column), values[column]!);
    if (valueOf.size === 0 || Number.isNaN(values[0])) throw new Error('HiGHS stopped before it found any schedule');
    const schedule = model.payments.map((month) =>
      Object.fromEntries(Object.entries(month).map(([id, names]) => [id, Math.round(names.reduce((sum, name) => sum + (valueOf.get(name) ?? 0), 0))] as const).filter(([, cents]) => cents > 0)),
    );
    const offset = opening + model.fixedGrowthCents;
    const bound = Number(instance.info.get('mip_dual_bound'));
    const plan: ExactPlan = {
      status: status === optimal ? 'optimal' : 'time-limit',
      schedule,
      costCents: offset + instance.getObjectiveValue(),
      lowerBoundCents: offset + (Number.isFinite(bound) ? bound : instance.getObjectiveValue()),
      seconds: (performance.now() - started) / 1000,
      size: model.program.size,
    };
    return plan;
  });
}
