import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/**
 * The machine the figures were measured on. Absolute numbers mean little
 * without it; the ratios the benchmarks print travel better.
 */
export function describeMachine(): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    // /proc/cpuinfo names the CPU even where os.cpus() is vague (containers, VMs).
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
  } catch {
    // not Linux: keep what os.cpus() said
  }
  return `${model}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node.js ${process.version}`;
}

/**
 * Other work on the machine moves every figure: the one-minute load average
 * goes with each table, so a reader can tell a quiet run from a busy one.
 */
export const loadAverage = (): string => `load average ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`;
