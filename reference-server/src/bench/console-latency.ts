import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsoleStream } from './agent-streams.js';
import { benchKeyPrefix, dropKeys, findRedis } from './bench-redis.js';
import { benchSchemaPrefix, findPostgres } from './bench-postgres.js';
import { disclosedCall, resolveCode } from './citizen-http.js';
import { describeMachine, loadAverage } from './machine.js';
import { startBenchServer, type BenchServer } from './server-process.js';
import { ms, percentile, printTable } from './stats.js';

/**
 * How long after a switchboard resolves a code the caller is on every agent's
 * live feed: 100 calls, 20 agents connected over real HTTP on loopback.
 * - SQLite, one instance: agents, citizen and switchboard on the same server.
 * - Redis, two instances (two processes on one Redis, one key prefix): the
 *   agents' streams and the citizens on instance 1, the resolves on
 *   instance 2, so every row travels through the Redis stream.
 * - PostgreSQL, two instances (two processes on one database, no Redis): the
 *   same, every row travelling through the table and LISTEN/NOTIFY.
 * Reported against a baseline measured in the same run: a plain request
 * round trip (GET /healthz) to the resolving server.
 */
const AGENTS = 20;
const CALLS = 100;
const WARM_UP_CALLS = 10;
const BASELINE_REQUESTS = 200;
/** A row later than this counts as lost, so a broken feed ends the run instead of hanging it. */
const GIVE_UP_MS = 5000;
const TARGET_P95_MS = 500;
const WISH_P95_MS = 100;
/** Issue 23: the console row across two instances on PostgreSQL as fast as on Redis. */
const POSTGRES_TARGET_P95_MS = 25;

interface Scenario {
  /** Where agents watch and citizens start their calls. */
  streams: BenchServer;
  /** Where the switchboard resolves. */
  resolves: BenchServer;
}

interface Latencies {
  baseline: number[];
  everyAgent: number[];
  allAgents: number[];
  lost: number;
}

async function measure({ streams, resolves }: Scenario): Promise<Latencies> {
  const baseline: number[] = [];
  for (let i = 0; i < WARM_UP_CALLS + BASELINE_REQUESTS; i++) {
    const started = performance.now();
    await (await fetch(`${resolves.origin}/healthz`)).arrayBuffer();
    if (i >= WARM_UP_CALLS) baseline.push(performance.now() - started);
  }

  const waiting = new Map<string, { arrivals: number[]; complete: () => void }>();
  const cookies = await streams.seedAgents(AGENTS);
  const agents = cookies.map((cookie) =>
    openConsoleStream(streams.origin, cookie, (callId, at) => {
      const entry = waiting.get(callId);
      entry?.arrivals.push(at);
      if (entry?.arrivals.length === AGENTS) entry.complete();
    }),
  );
  await Promise.all(agents.map((agent) => agent.ready));

  const figures: Latencies = { baseline, everyAgent: [], allAgents: [], lost: 0 };
  for (let i = 0; i < WARM_UP_CALLS + CALLS; i++) {
    const call = await disclosedCall(streams.origin);
    const arrivals: number[] = [];
    const allArrived = new Promise<void>((complete) => waiting.set(call.callId, { arrivals, complete }));
    const started = performance.now();
    const resolved = await resolveCode(resolves.origin, call.code, `latency-${i}`);
    if (resolved.status !== 200) throw new Error(`resolve answered ${resolved.status}`);
    await Promise.race([allArrived, new Promise((giveUp) => setTimeout(giveUp, GIVE_UP_MS))]);
    waiting.delete(call.callId);
    if (i < WARM_UP_CALLS) continue;
    figures.everyAgent.push(...arrivals.map((at) => at - started));
    if (arrivals.length === AGENTS) figures.allAgents.push(Math.max(...arrivals) - started);
    else figures.lost += AGENTS - arrivals.length;
  }
  for (const agent of agents) agent.close();
  return figures;
}

function printScenario(name: string, figures: Latencies): void {
  const base50 = percentile(figures.baseline, 50);
  const base95 = percentile(figures.baseline, 95);
  const row = (label: string, values: number[]) => {
    const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(values, p)) as [number, number, number];
    return [label, ms(p50), ms(p95), ms(p99), `${(p50 / base50).toFixed(1)}x`, `${(p95 / base95).toFixed(1)}x`];
  };
  printTable(
    `${name}: ${CALLS} calls, ${AGENTS} agents connected, loopback HTTP${figures.lost ? ` (${figures.lost} rows LOST)` : ''}`,
    ['measure', 'p50', 'p95', 'p99', 'p50 vs round trip', 'p95 vs round trip'],
    [
      row('baseline: GET /healthz round trip', figures.baseline),
      row(`resolve -> row on an agent's stream (${CALLS} x ${AGENTS})`, figures.everyAgent),
      row(`resolve -> row on all ${AGENTS} streams`, figures.allAgents),
    ],
  );
}

/** Two instances on shared storage: agents and citizens on the first, resolves on the second. */
async function acrossTwoInstances(start: () => Promise<BenchServer>): Promise<Latencies> {
  const instances = await Promise.all([start(), start()]);
  const [one, two] = instances as [BenchServer, BenchServer];
  return measure({ streams: one, resolves: two }).finally(() =>
    Promise.all(instances.map((instance) => instance.stop())),
  );
}

function verdictOf(figures: Latencies, target: number, wish = target): string {
  const p95 = percentile(figures.allAgents, 95);
  const verdict =
    figures.lost > 0
      ? 'MISSES it: rows were lost'
      : p95 < wish
        ? wish === target
          ? 'meets the target'
          : 'meets the target and the wish'
        : p95 < target
          ? 'meets the target, not the wish'
          : 'MISSES the target';
  return `${ms(p95)} (target < ${target} ms${wish === target ? '' : `, wanted < ${wish} ms`}): ${verdict}`;
}

async function main(): Promise<void> {
  const redis = await findRedis();
  const postgres = await findPostgres();
  console.log(
    `\nconsole latency benchmark on ${describeMachine()}, ${loadAverage()} at the start, Redis ${redis.version}, PostgreSQL ${postgres.version}`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'regiekit-bench-'));
  const keyPrefix = benchKeyPrefix('latency');
  try {
    const sqlite = await startBenchServer({ engine: 'sqlite', dataDir });
    const onSqlite = await measure({ streams: sqlite, resolves: sqlite }).finally(() => sqlite.stop());
    printScenario('SQLite, one instance', onSqlite);

    const onRedis = await acrossTwoInstances(() =>
      startBenchServer({ engine: 'redis', redisUrl: redis.url, keyPrefix }),
    );
    printScenario('Redis, two instances (agents on 1, resolves on 2)', onRedis);

    const schemaPrefix = benchSchemaPrefix('latency');
    const onPostgres = await acrossTwoInstances(() =>
      startBenchServer({ engine: 'postgres', databaseUrl: postgres.url, schemaPrefix }),
    );
    printScenario('PostgreSQL, two instances (agents on 1, resolves on 2; no Redis)', onPostgres);

    console.log(`\np95 until the row is on all ${AGENTS} streams:`);
    console.log(`  Redis, two instances: ${verdictOf(onRedis, TARGET_P95_MS, WISH_P95_MS)}`);
    console.log(`  PostgreSQL, two instances: ${verdictOf(onPostgres, POSTGRES_TARGET_P95_MS)}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await dropKeys(redis.url, keyPrefix);
    await redis.stop();
    await postgres.stop();
  }
}

await main();
