import { openConsoleStream, type ConsoleStream } from './agent-streams.js';
import { benchKeyPrefix, dropKeys, findRedis } from './bench-redis.js';
import { benchTenants } from './bench-tenants.js';
import { disclosedCall, resolveCode } from './citizen-http.js';
import { describeMachine, loadAverage } from './machine.js';
import { startBenchServer, type BenchServer, type MemoryReport } from './server-process.js';
import { bytes, ms, percentile, printTable } from './stats.js';

/**
 * Console fan-out at the size of a national service: 2,000 agent console
 * streams over two instances on one Redis, 20 tenants with 100 agents each,
 * half of every tenant's agents on each instance. Calls start on one
 * instance and resolve on the other, tenant after tenant, so every row
 * reaches half its streams through the Redis stream. Measured: resolve →
 * row on each of the tenant's 100 streams (target p95 < 25 ms), and the
 * servers' memory per open stream (target < 40 kB), read after a full GC
 * before and after the streams opened.
 */
const TENANTS = Number(process.env.REGIE_BENCH_FAN_OUT_TENANTS ?? 20);
const AGENTS_PER_TENANT = Number(process.env.REGIE_BENCH_FAN_OUT_AGENTS ?? 100);
const CALLS_PER_TENANT = 10;
const WARM_UP_CALLS = 20;
/** A row later than this counts as lost, so a broken feed ends the run instead of hanging it. */
const GIVE_UP_MS = 5000;
const TARGET_P95_MS = 25;
const TARGET_STREAM_BYTES = 40_000;
/** Streams opened at once: a console page reconnecting opens one; 2,000 at once would be a stampede test. */
const OPENING_AT_ONCE = 50;

const waiting = new Map<string, { arrivals: number[]; expected: number; complete: () => void }>();
const onCallAdded = (callId: string, at: number) => {
  const entry = waiting.get(callId);
  if (!entry) return;
  entry.arrivals.push(at);
  if (entry.arrivals.length === entry.expected) entry.complete();
};

/** Every tenant's agents, half on each instance, signed in: their session cookies with where they belong. */
async function seedAgents(instances: [BenchServer, BenchServer], tenants: string[]) {
  const agents: { instance: BenchServer; tenant: string; cookie: string }[] = [];
  for (const tenant of tenants)
    for (const [side, instance] of instances.entries()) {
      const half = AGENTS_PER_TENANT / 2;
      for (const cookie of await instance.seedAgents(half, side * half, tenant))
        agents.push({ instance, tenant, cookie });
    }
  return agents;
}

/** Opens the streams OPENING_AT_ONCE at a time; resolves once each has its snapshot. */
async function openStreams(agents: Awaited<ReturnType<typeof seedAgents>>): Promise<ConsoleStream[]> {
  const streams: ConsoleStream[] = [];
  for (let i = 0; i < agents.length; i += OPENING_AT_ONCE) {
    const batch = agents
      .slice(i, i + OPENING_AT_ONCE)
      .map(({ instance, tenant, cookie }) => openConsoleStream(instance.origin, cookie, onCallAdded, tenant));
    await Promise.all(batch.map((stream) => stream.ready));
    streams.push(...batch);
  }
  return streams;
}

interface Figures {
  everyStream: number[];
  allStreams: number[];
  lost: number;
  baseline: number[];
}

async function measure(instances: [BenchServer, BenchServer], tenants: string[]): Promise<Figures> {
  const figures: Figures = { everyStream: [], allStreams: [], lost: 0, baseline: [] };
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    await (await fetch(`${instances[1].origin}/healthz`)).arrayBuffer();
    figures.baseline.push(performance.now() - started);
  }
  const total = WARM_UP_CALLS + CALLS_PER_TENANT * tenants.length;
  for (let i = 0; i < total; i++) {
    const tenant = tenants[i % tenants.length]!;
    // Started on one instance, resolved on the other, alternating which.
    const [starts, resolves] = i % 2 ? [instances[1], instances[0]] : instances;
    const call = await disclosedCall(starts.origin, tenant);
    const arrivals: number[] = [];
    const allArrived = new Promise<void>((complete) =>
      waiting.set(call.callId, { arrivals, expected: AGENTS_PER_TENANT, complete }),
    );
    const started = performance.now();
    const resolved = await resolveCode(resolves.origin, call.code, `fan-out-${i}`, tenant);
    if (resolved.status !== 200) throw new Error(`resolve answered ${resolved.status}`);
    await Promise.race([allArrived, new Promise((giveUp) => setTimeout(giveUp, GIVE_UP_MS))]);
    waiting.delete(call.callId);
    if (i < WARM_UP_CALLS) continue;
    figures.everyStream.push(...arrivals.map((at) => at - started));
    if (arrivals.length === AGENTS_PER_TENANT) figures.allStreams.push(Math.max(...arrivals) - started);
    else figures.lost += AGENTS_PER_TENANT - arrivals.length;
  }
  return figures;
}

async function main(): Promise<void> {
  const redis = await findRedis();
  const keyPrefix = benchKeyPrefix('fan-out');
  const streamsCount = TENANTS * AGENTS_PER_TENANT;
  console.log(
    `\nconsole fan-out benchmark on ${describeMachine()}, ${loadAverage()} at the start, Redis ${redis.version}: ${streamsCount.toLocaleString('en-US')} streams, ${TENANTS} tenants, two instances`,
  );
  const tenants = benchTenants(TENANTS).map((tenant) => tenant.id);
  try {
    const instances = (await Promise.all(
      [1, 2].map(() => startBenchServer({ engine: 'redis', redisUrl: redis.url, keyPrefix, tenants: TENANTS })),
    )) as [BenchServer, BenchServer];
    try {
      // Every tenant's feed, each instance's paths and a first stream per tenant and instance warmed up (then
      // closed) before memory is read, so what is created once is not charged to the measured streams.
      const agents = await seedAgents(instances, tenants);
      for (const tenant of tenants) await disclosedCall(instances[0].origin, tenant);
      const warmUp = agents.filter((_, i) => i % (AGENTS_PER_TENANT / 2) === 0);
      for (const stream of await openStreams(warmUp)) stream.close();
      const measured = agents.filter((_, i) => i % (AGENTS_PER_TENANT / 2) !== 0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const before = await Promise.all(instances.map((instance) => instance.memory()));
      const streams = await openStreams(measured);
      const after = await Promise.all(instances.map((instance) => instance.memory()));
      // The warm-up agents watch too, so every row goes to all of a tenant's agents.
      streams.push(...(await openStreams(warmUp)));
      const figures = await measure(instances, tenants);
      for (const stream of streams) stream.close();
      report(figures, before, after, measured.length, streamsCount);
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
    }
  } finally {
    await dropKeys(redis.url, keyPrefix);
    await redis.stop();
  }
}

function report(
  figures: Figures,
  before: MemoryReport[],
  after: MemoryReport[],
  measuredStreams: number,
  streams: number,
): void {
  const row = (label: string, values: number[]) => {
    const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(values, p)) as [number, number, number];
    return [label, ms(p50), ms(p95), ms(p99)];
  };
  printTable(
    `${streams.toLocaleString('en-US')} console streams, ${TENANTS} tenants x ${AGENTS_PER_TENANT} agents, two instances on Redis, ${CALLS_PER_TENANT * TENANTS} calls${figures.lost ? ` (${figures.lost} rows LOST)` : ''}`,
    ['measure', 'p50', 'p95', 'p99'],
    [
      row('baseline: GET /healthz round trip', figures.baseline),
      row(`resolve -> row on one of the tenant's ${AGENTS_PER_TENANT} streams`, figures.everyStream),
      row(`resolve -> row on all ${AGENTS_PER_TENANT} of the tenant's streams`, figures.allStreams),
    ],
  );
  const perStream = (pick: (memory: MemoryReport) => number) =>
    after.reduce((sum, memory, i) => sum + pick(memory) - pick(before[i]!), 0) / measuredStreams;
  const heap = perStream((memory) => memory.heapUsed);
  const rss = perStream((memory) => memory.rss);
  printTable(
    `Server memory per open stream (both instances, after a full GC, growth while ${measuredStreams.toLocaleString('en-US')} streams opened)`,
    ['measure', 'per stream'],
    [
      ['heap', bytes(heap)],
      ['heap + external + array buffers', bytes(perStream((m) => m.heapUsed + m.external + m.arrayBuffers))],
      ['RSS (whole process, V8 keeps pages it may reuse)', bytes(rss)],
    ],
  );
  const p95 = percentile(figures.everyStream, 95);
  console.log(
    `\nresolve -> row p95 ${ms(p95)} (target < ${TARGET_P95_MS} ms): ${figures.lost === 0 && p95 < TARGET_P95_MS ? 'met' : 'MISSED'}; heap per stream ${bytes(heap)} (target < ${bytes(TARGET_STREAM_BYTES)}): ${heap < TARGET_STREAM_BYTES ? 'met' : 'MISSED'}`,
  );
}

await main();
// The agents' stream readers would keep the event loop alive; the benchmark is done.
process.exit(0);
