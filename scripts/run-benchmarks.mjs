#!/usr/bin/env node
// Runs every benchmark in turn, each in a process of its own (and each forks
// the servers it measures). Benchmarks print ratios against baselines measured
// in the same run, so results compare across machines. docs/performance.md
// explains the figures.
//
// One Redis serves them all: REGIE_BENCH_REDIS_URL, else 127.0.0.1:6379, else
// a redis-server started here for the run and stopped at the end. PostgreSQL:
// each benchmark makes a database of its own (REGIE_BENCH_DATABASE_URL's
// server, else the one on 127.0.0.1:5432, else a cluster it starts) and drops
// it; the durability benchmark crashes a cluster of its own.
import { execFileSync } from 'node:child_process';
import { findRedis } from '../reference-server/dist/bench/bench-redis.js';

const benchmarks = [
  'reference-server/dist/bench/throughput.js',
  'reference-server/dist/bench/resolve-cost.js',
  'reference-server/dist/bench/sse-memory.js',
  'reference-server/dist/bench/console-latency.js',
  'reference-server/dist/bench/console-fan-out.js',
  'reference-server/dist/bench/stored-work.js',
  'reference-server/dist/bench/postgres-durability.js',
  'reference-server/dist/bench/repayment-plans.js',
  'reference-server/dist/bench/my-data.js',
  'reference-server/dist/bench/data-fetch.js',
  'reference-server/dist/bench/reuse.js',
  ['reference-server/dist/bench/reuse.js', { REGIE_BENCH_REUSE_ENGINE: 'postgres' }],
  'reference-server/dist/bench/arrangements.js',
  'reference-server/dist/bench/citizen-wait.js',
];

const redis = await findRedis();
try {
  for (const entry of benchmarks) {
    const [file, env] = Array.isArray(entry) ? entry : [entry, {}];
    execFileSync(process.execPath, [file], {
      stdio: 'inherit',
      env: { ...process.env, ...env, REGIE_BENCH_REDIS_URL: redis.url },
    });
  }
} finally {
  await redis.stop();
}
