import { seeded } from './population.js';
import type { CompiledPlan } from './compiled-plan.js';
import { orderGrowth } from './simulate.js';

export interface SearchLimits {
  /** How many orders the search may simulate: the budget that makes a plan the same on every machine. */
  evaluations: number;
  /** A safety stop on slow devices: the search ends here even if evaluations are left. */
  deadline: number;
}

/**
 * Looks for the order of stretches (see `Stretches`) whose simulated growth
 * is least. From the best starting order it moves stretches to other places
 * while that lowers the growth (a local optimum), then repeatedly shakes the
 * best order a little and descends again, keeping what is better (iterated
 * local search). The shakes come from a generator seeded by the plan's size,
 * so the same input gives the same plan.
 */
export class OrderSearch {
  private evaluationsLeft: number;
  private best: Int32Array;
  private bestGrowth: number;

  constructor(
    private readonly plan: CompiledPlan,
    starts: Int32Array[],
    private readonly limits: SearchLimits,
  ) {
    this.evaluationsLeft = limits.evaluations;
    this.best = starts[0]!;
    this.bestGrowth = this.evaluate(this.best);
    for (const start of starts.slice(1)) {
      const growth = this.evaluate(start);
      if (growth < this.bestGrowth) [this.best, this.bestGrowth] = [start, growth];
    }
  }

  private get exhausted(): boolean {
    return this.evaluationsLeft <= 0 || Date.now() > this.limits.deadline;
  }

  private evaluate(order: Int32Array, stopAbove?: number): number {
    this.evaluationsLeft--;
    return orderGrowth(this.plan, order, stopAbove);
  }

  /**
   * Moves single stretches, and all stretches of one debt together, while
   * that helps; returns the local optimum reached from `order` and its growth.
   * The second kind of move is needed where a debt is only worth paying if it
   * is paid before its cliff and after it alike (arrears that the CAK premium
   * would outgrow): moving one of its stretches alone never pays.
   */
  private descend(order: Int32Array, growth: number): [Int32Array, number] {
    const n = order.length;
    const next = new Int32Array(n);
    const { debt } = this.plan.stretches;
    const tryNext = () => {
      const nextGrowth = this.evaluate(next, growth);
      if (nextGrowth >= growth) return false;
      order.set(next);
      growth = nextGrowth;
      return true;
    };
    for (let improved = true; improved && !this.exhausted;) {
      improved = false;
      for (let from = 0; from < n && !this.exhausted; from++) {
        for (let to = 0; to < n; to++) {
          if (to === from || to === from - 1) continue;
          moveInto(next, order, from, to);
          improved = tryNext() || improved;
        }
      }
      for (let i = 0; i < this.plan.debts && !this.exhausted; i++) {
        const own = order.filter((s) => debt[s] === i);
        if (own.length < 2) continue;
        const rest = order.filter((s) => debt[s] !== i);
        for (let at = 0; at <= rest.length; at++) {
          next.set(rest.subarray(0, at));
          next.set(own, at);
          next.set(rest.subarray(at), at + own.length);
          improved = tryNext() || improved;
        }
      }
    }
    return [order, growth];
  }

  run(): { order: Int32Array; growth: number } {
    [this.best, this.bestGrowth] = this.descend(this.best.slice(), this.bestGrowth);
    const random = seeded(this.plan.debts * 7919 + this.plan.months);
    const n = this.best.length;
    while (n > 2 && !this.exhausted) {
      const shaken = this.best.slice();
      const scratch = new Int32Array(n);
      for (let k = 0; k < 2 + Math.floor(random() * 3); k++) {
        moveInto(scratch, shaken, Math.floor(random() * n), Math.floor(random() * n));
        shaken.set(scratch);
      }
      const [order, growth] = this.descend(shaken, this.evaluate(shaken));
      if (growth < this.bestGrowth) [this.best, this.bestGrowth] = [order, growth];
    }
    return { order: this.best, growth: this.bestGrowth };
  }
}

/** Writes `order` with the debt at `from` moved to `to` into `target`. */
function moveInto(target: Int32Array, order: Int32Array, from: number, to: number): void {
  const moved = order[from]!;
  let k = 0;
  for (let j = 0; j < order.length; j++) {
    if (j === from) continue;
    if (k === to) target[k++] = moved;
    target[k++] = order[j]!;
  }
  if (k === to) target[k] = moved;
}
