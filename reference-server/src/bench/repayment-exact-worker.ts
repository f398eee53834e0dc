import { parentPort } from 'node:worker_threads';
import type { PaymentSchedule, PlanInput } from '@regiekit/sdk/plan';
import { solveExactly } from '@regiekit/sdk/plan/exact';

/** What the repayment benchmark asks of a worker: solve one household exactly, started from the planner's schedule. */
export interface ExactTask {
  index: number;
  input: PlanInput;
  start: PaymentSchedule;
  timeLimitSeconds: number;
}

export interface ExactAnswer {
  index: number;
  costCents: number;
  lowerBoundCents: number;
  proven: boolean;
  seconds: number;
}

// One HiGHS per worker thread: the solver is single-threaded, so the benchmark runs one worker per core.
parentPort!.on('message', async ({ index, input, start, timeLimitSeconds }: ExactTask) => {
  const exact = await solveExactly(input, { timeLimitSeconds, start });
  const answer: ExactAnswer = {
    index,
    costCents: exact.costCents,
    lowerBoundCents: exact.lowerBoundCents,
    proven: exact.status === 'optimal',
    seconds: exact.seconds,
  };
  parentPort!.postMessage(answer);
});
