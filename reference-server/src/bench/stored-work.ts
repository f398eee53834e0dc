import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Redis } from 'ioredis';
import type { CallCreated } from '@regiekit/sdk/protocol';
import { createLogger } from '../http/logger.js';
import { randomToken } from '../crypto/random.js';
import pg from 'pg';
import { PostgresStore } from '../storage/postgres/postgres-store.js';
import { RedisStore } from '../storage/redis/redis-store.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import type { Store, TenantStore } from '../storage/store.js';
import { callSteps } from '../testing/call-steps.js';
import { PARTY_AUTH, partyCall } from '../testing/connect-steps.js';
import { consentWorld, type ConsentWorld } from '../testing/consent-steps.js';
import { SWITCHBOARD_SECRETS } from '../testing/test-server.js';
import { benchTenants } from './bench-tenants.js';
import { startPostgresCluster, type StartedPostgres } from '../testing/postgres-server.js';
import { startRedisServer } from '../testing/redis-server.js';
import { benchKeyPrefix, dropKeys, type BenchRedis } from './bench-redis.js';
import { describeMachine, loadAverage } from './machine.js';
import { bytes, ms, percentile, perSecond, printTable } from './stats.js';
import { stubIrmaFetch } from './stub-irma.js';

/**
 * Cost versus stored work: each request's throughput and p99 with 1,000,
 * 10,000 and 100,000 live records of every kind (disclosed calls, consents
 * with their references, connections, connect tokens, party events) in the
 * tenant it asks, on SQLite, Redis and PostgreSQL, ten tenants configured. A request
 * whose cost grew with the store (a scan, a walk through a growing index,
 * work per stored record) would fall behind as the sizes grow; the target is
 * the 100,000 figure within 15 % of the 1,000 figure.
 *
 * In one process through app.request (no sockets): the server's own work
 * only, which is what the store's size can change. The records are written
 * straight to the repositories, copies of records the real flows made, since
 * 100,000 passkey-confirmed consents through HTTP would take hours. Memory
 * per record (heap, SQLite file, Redis) is read while each kind is added.
 */
const SIZES = (process.env.REGIE_BENCH_STORED_SIZES ?? '1000,10000,100000').split(',').map(Number);
/** Which engines to measure (all three unless told). */
const ENGINES = (process.env.REGIE_BENCH_STORED_ENGINES ?? 'sqlite,redis,postgres').split(',');
const TENANTS = 10;
const IN_FLIGHT = 8;
const REQUESTS = Number(process.env.REGIE_BENCH_STORED_REQUESTS ?? 600);
/** Reuse signs and checks two ES256 payloads per call: fewer of them keep the run short. */
const HEAVY_REQUESTS = Math.ceil(REQUESTS / 3);
const TARGET = 0.15;
/**
 * Each request is measured this many times at each size and the best round
 * kept: on a shared two-core machine a round can lose to whatever else runs,
 * and the best one is the closest to what the request itself costs.
 */
const ROUNDS = 3;
const KINDS = ['calls', 'consents', 'connections', 'connect tokens', 'party events'] as const;
type Kind = (typeof KINDS)[number];

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const NEVER_REFUSE = {
  perSwitchboardCall: 1e9,
  failuresPerCallerPerHour: 1e9,
  failuresPerMinute: 1e9,
  alarmFailuresPerMinute: 1e9,
  failuresPerDay: 1e9,
};

interface Measured {
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU time per request: this process's (app and SQLite) plus the Redis server's. */
  cpuMicros: number;
}

/** CPU seconds the store's server has used so far (Redis); 0 for SQLite, whose work is in this process. */
type StoreCpu = () => Promise<number>;

/** `count` requests, IN_FLIGHT at a time: the rate, and the latency each one saw (waiting included). */
async function load(count: number, request: (i: number) => Promise<unknown>, storeCpu: StoreCpu): Promise<Measured> {
  for (let i = 0; i < Math.min(50, count); i++) await request(-1 - i);
  const times: number[] = [];
  let next = 0;
  const [processBefore, storeBefore] = [process.cpuUsage(), await storeCpu()];
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const begun = performance.now();
      await request(i);
      times.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(processBefore);
  const storeMicros = ((await storeCpu()) - storeBefore) * 1e6;
  return {
    perSecond: count / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    cpuMicros: (used.user + used.system + storeMicros) / count,
  };
}

/** Runs `count` writes, 64 at a time (on Redis that keeps the pipe full; SQLite runs them one by one anyway). */
async function seed(count: number, write: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < count) await write(next++);
    }),
  );
}

/**
 * CPU seconds of a PostgreSQL cluster's backends so far, the processes serving the pools'
 * connections (found as children of the postmaster, which is found by its port), from /proc's
 * scheduler statistics. The background processes (checkpointer, WAL writer, autovacuum) are left
 * out: right after a bulk load they work for the load far more than for the requests measured.
 * Counted as a running total of each backend's growth, so a backend that ends (a pool letting an
 * idle connection go) takes nothing back.
 */
function clusterCpu(port: number): StoreCpu {
  const seen = new Map<string, number>();
  let total = 0;
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  return async () => {
    const processes = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
    const postmaster = processes.find((pid) => read(`/proc/${pid}/cmdline`).includes(`-p\0${port}\0`));
    if (!postmaster) return total;
    const parentOf = (pid: string) => read(`/proc/${pid}/stat`).split(') ')[1]?.split(' ')[1];
    // A backend's title names its client's address: "postgres: <user> <database> 127.0.0.1(<port>) <state>".
    const serving = (pid: string) => parentOf(pid) === postmaster && /\d\(\d+\)/.test(read(`/proc/${pid}/cmdline`));
    for (const pid of processes.filter(serving)) {
      // schedstat's first field: nanoseconds on a CPU.
      const seconds = Number(read(`/proc/${pid}/schedstat`).split(' ')[0] || 0) / 1e9;
      total += Math.max(0, seconds - (seen.get(pid) ?? 0));
      seen.set(pid, seconds);
    }
    return total;
  };
}

class Engine {
  private constructor(
    readonly name: string,
    readonly store: Store,
    private readonly footprint: () => Promise<{ file?: number; redis?: number }>,
    readonly cleanUp: () => Promise<void>,
    /** CPU seconds the store's own server has used (INFO cpu on Redis; SQLite runs in this process). */
    readonly cpuSeconds: StoreCpu = async () => 0,
    /** Housekeeping the store would do by itself after a bulk load, done before anything is measured. */
    readonly settle: () => Promise<void> = async () => undefined,
  ) {}

  static async sqlite(): Promise<Engine> {
    const directory = mkdtempSync(join(tmpdir(), 'regiekit-stored-'));
    const ids = benchTenants(TENANTS).map((tenant) => tenant.id);
    const store = new SqliteStore({ directory, tenantIds: ids });
    const fileBytes = () => {
      store.checkpoint();
      return ids.reduce((sum, id) => {
        const file = store.fileOf(id);
        return (
          sum + [file, `${file}-wal`].reduce((size, path) => size + (existsSync(path) ? statSync(path).size : 0), 0)
        );
      }, 0);
    };
    return new Engine(
      'SQLite',
      store,
      async () => ({ file: fileBytes() }),
      async () => rmSync(directory, { recursive: true, force: true }),
    );
  }

  /**
   * A PostgreSQL cluster of this run's own (fsync off: the figures are about work, not the disk), so
   * that the CPU its processes use is this benchmark's alone.
   */
  static async postgres(cluster: StartedPostgres): Promise<Engine> {
    const store = await PostgresStore.connect(
      { engine: 'postgres', url: cluster.url, schemaPrefix: 'stored', poolSize: 10 },
      benchTenants(TENANTS).map((tenant) => tenant.id),
    );
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    return new Engine(
      'PostgreSQL',
      store,
      async () => {
        // The whole cluster holds only this run's database: its size, WAL aside.
        const { rows } = await admin.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size');
        return { file: Number(rows[0]!.size) };
      },
      async () => {
        await admin.end();
      },
      clusterCpu(cluster.port),
      // Autovacuum would otherwise analyse the freshly loaded tables during the measurement (its CPU is
      // left out of the count, but it competes): VACUUM ANALYZE and a CHECKPOINT once, as after a load.
      async () => {
        await admin.query('VACUUM ANALYZE');
        await admin.query('CHECKPOINT');
      },
    );
  }

  static async redis(redis: BenchRedis): Promise<Engine> {
    const keyPrefix = benchKeyPrefix('stored');
    const store = await RedisStore.connect(
      { engine: 'redis', url: redis.url, keyPrefix },
      benchTenants(TENANTS).map((tenant) => tenant.id),
    );
    const info = new Redis(redis.url);
    return new Engine(
      'Redis',
      store,
      async () => ({ redis: Number(/used_memory:(\d+)/.exec(await info.info('memory'))?.[1]) }),
      async () => {
        info.disconnect();
        await dropKeys(redis.url, keyPrefix);
      },
      async () => {
        const cpu = await info.info('cpu');
        const seconds = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(cpu)?.[1] ?? 0);
        return seconds('used_cpu_user') + seconds('used_cpu_sys');
      },
    );
  }

  async memory(): Promise<{ heap: number; file?: number; redis?: number }> {
    for (let i = 0; i < 2; i++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { heap: process.memoryUsage().heapUsed, ...(await this.footprint()) };
  }
}

/** The requests measured, on a world that made one real record of every kind to copy. */
async function prepare(world: ConsentWorld) {
  const { app } = world.server;
  const calls = callSteps(world.server);
  const tenant = world.server.store.forTenant('nijmegen');
  const now = () => world.server.clock.now();

  // A consent the debt app asked and the user gave, its reference, and the creditor's answer at once.
  world.parties.lookupMs = 0;
  const requested = await world.request({ providers: ['energie'] });
  await world.accept(requested.consentId);
  const consent = await world.consumer.consent(requested.consentId);
  const referenceId = consent.references[0]!.referenceId;
  // A connect token the creditor's portal minted and follows.
  const minted = await partyCall<{ tokenId: string; statusToken: string }>(
    app,
    PARTY_AUTH.energie,
    'POST',
    '/api/v1/nijmegen/provider/connect-tokens',
    { customerRef: 'bench-klant' },
  );

  const disclosed = async (): Promise<{ call: CallCreated; code: string }> => {
    const call = await calls.create();
    const status = (await (await calls.status('nijmegen', call)).json()) as { dtmfCode?: string };
    return { call, code: status.dtmfCode! };
  };
  const switchboard = { 'Content-Type': 'application/json', Authorization: `Bearer ${SWITCHBOARD_SECRETS.nijmegen}` };
  const resolve = (code: string, callId: string) =>
    app.request('/api/v1/nijmegen/switchboard/resolve', {
      method: 'POST',
      headers: switchboard,
      body: JSON.stringify({ code, callId }),
    });
  const expect = async (response: Response | Promise<Response>, status: number) => {
    const answer = await response;
    if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${await answer.text()}`);
    await answer.arrayBuffer();
  };
  const guess = () => String(Math.floor(Math.random() * 1e10)).padStart(10, '0');
  let resolveRun = 0;

  const templates = {
    call: (await tenant.calls.get((await disclosed()).call.callId))!,
    consent: (await tenant.consents.get(requested.consentId))!,
    reference: (await tenant.consents.reference(referenceId))!,
    connection: (await tenant.connections.listForProvider('energie'))[0]!,
    token: (await tenant.connectTokens.get(minted.body.tokenId))!,
    event: (await tenant.partyEvents.list('schuldhulp', 0, 1))[0]!,
  };

  const requests: {
    name: string;
    count: number;
    prepare?: (count: number) => Promise<void>;
    run: (i: number) => Promise<unknown>;
  }[] = [];
  let codes: string[] = [];
  requests.push(
    {
      name: 'resolve, wrong code (404)',
      count: REQUESTS,
      run: () => expect(resolve(guess(), `guess-${randomToken(6)}`), 404),
    },
    {
      name: 'resolve, right code (200, each once)',
      count: REQUESTS,
      prepare: async (count) => {
        codes = [];
        for (let i = 0; i < count + 50; i++) codes.push((await disclosed()).code);
      },
      run: (i) => expect(resolve(codes[i < 0 ? codes.length + i : i]!, `right-${resolveRun}-${i}`), 200),
    },
    {
      name: 'call start (POST /calls)',
      count: REQUESTS,
      run: () => calls.create(),
    },
    {
      name: 'consent read (consumer)',
      count: REQUESTS,
      run: () => world.consumer.consent(requested.consentId),
    },
    {
      name: 'reuse through a data reference',
      count: HEAVY_REQUESTS,
      run: () => world.consumer.reuse(referenceId),
    },
    {
      name: "connect token, the portal's status read",
      count: REQUESTS,
      run: () =>
        expect(
          app.request(`/api/v1/nijmegen/connect-tokens/${minted.body.tokenId}`, {
            headers: { Authorization: `Bearer ${minted.body.statusToken}` },
          }),
          200,
        ),
    },
    {
      name: 'events feed, the newest page (consumer)',
      count: REQUESTS,
      run: async () => {
        const latest = await partyCall<{ events: { seq: number }[] }>(
          app,
          PARTY_AUTH.schuldhulp,
          'GET',
          `/api/v1/nijmegen/events?after=${Math.max(0, eventsSeq - 20)}`,
        );
        if (latest.status !== 200) throw new Error(`events answered ${latest.status}`);
      },
    },
  );
  let eventsSeq = 0;

  /** Adds `count` records of one kind to the asked tenant, copies of the real ones with fresh ids. */
  const add: Record<Kind, (store: TenantStore, count: number) => Promise<void>> = {
    calls: (store, count) =>
      seed(count, async () => {
        const callId = randomToken(16);
        await store.calls.insertIfCodeFree(
          { ...templates.call, callId, callTokenHash: randomToken(32), codeHash: randomToken(32) },
          now(),
        );
        await store.calls.markDisclosed(callId, templates.call.attributesSealed!, now());
      }),
    consents: (store, count) =>
      seed(count, async () => {
        const consentId = randomToken(16);
        await store.consents.insert({
          ...templates.consent,
          consentId,
          state: 'requested',
          statusTokenHash: randomToken(32),
          createdAt: now(),
        });
        await store.consents.accept(
          consentId,
          [{ ...templates.reference, referenceId: randomToken(16), consentId }],
          templates.consent.receipt!,
          now(),
        );
      }),
    connections: (store, count) =>
      seed(count, () =>
        store.connections.insert({
          ...templates.connection,
          connectionId: randomToken(16),
          userId: randomToken(16),
          providerPseudonym: randomToken(16),
        }),
      ),
    'connect tokens': (store, count) =>
      seed(count, () =>
        store.connectTokens.insert({
          ...templates.token,
          tokenId: randomToken(16),
          secretHash: randomToken(32),
          statusTokenHash: randomToken(32),
        }),
      ),
    'party events': async (store, count) => {
      const { seq: _seq, ...eventTemplate } = templates.event;
      await seed(count, async () => {
        eventsSeq = Math.max(eventsSeq, await store.partyEvents.append({ ...eventTemplate, at: now() }));
      });
    },
  };
  return { requests, add, nextRun: () => (resolveRun += 1) };
}

interface EngineResult {
  engine: string;
  /** request name -> size -> figures */
  figures: Map<string, Map<number, Measured>>;
  /** kind -> size -> bytes per record */
  memory: Map<Kind, Map<number, { heap: number; file?: number; redis?: number }>>;
}

async function measureEngine(engine: Engine): Promise<EngineResult> {
  const world = await consentWorld({
    store: engine.store,
    options: {
      config: { tenants: benchTenants(TENANTS) },
      deps: { logger: createLogger('silent'), attemptLimits: NEVER_REFUSE, irmaFetch: stubIrmaFetch() },
    },
  });
  const { requests, add, nextRun } = await prepare(world);
  const tenant = engine.store.forTenant('nijmegen');
  const result: EngineResult = { engine: engine.name, figures: new Map(), memory: new Map() };
  let held = 0;
  for (const size of SIZES) {
    const adding = size - held;
    for (const kind of KINDS) {
      const before = await engine.memory();
      await add[kind](tenant, adding);
      const after = await engine.memory();
      const per = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : (a - b) / adding);
      const sizes = result.memory.get(kind) ?? new Map();
      sizes.set(size, {
        heap: per(after.heap, before.heap)!,
        file: per(after.file, before.file),
        redis: per(after.redis, before.redis),
      });
      result.memory.set(kind, sizes);
    }
    held = size;
    await engine.settle();
    for (const request of requests) {
      let measured: Measured | undefined;
      for (let round = 0; round < ROUNDS; round++) {
        await request.prepare?.(request.count);
        const candidate = await load(request.count, request.run, () => engine.cpuSeconds());
        if (!measured || candidate.cpuMicros < measured.cpuMicros) measured = candidate;
        nextRun();
      }
      const sizes = result.figures.get(request.name) ?? new Map<number, Measured>();
      sizes.set(size, measured!);
      result.figures.set(request.name, sizes);
    }
    console.log(`  ${engine.name}: ${size.toLocaleString('en-US')} records per kind measured (${loadAverage()})`);
  }
  return result;
}

function report(results: EngineResult[]): void {
  const [smallest, largest] = [SIZES[0]!, SIZES[SIZES.length - 1]!];
  const verdicts: string[] = [];
  for (const { engine, figures } of results) {
    const rows: string[][] = [];
    for (const [name, sizes] of figures) {
      const base = sizes.get(smallest)!;
      for (const [size, measured] of sizes)
        rows.push([
          name,
          size.toLocaleString('en-US'),
          perSecond(measured.perSecond),
          ms(measured.p50),
          ms(measured.p99),
          `${Math.round(measured.cpuMicros)} µs`,
          `${(measured.cpuMicros / base.cpuMicros).toFixed(2)}x`,
        ]);
      const top = sizes.get(largest)!;
      const growth = top.cpuMicros / base.cpuMicros - 1;
      verdicts.push(
        `  ${engine.padEnd(6)} ${name}: CPU per request ${Math.round(base.cpuMicros)} -> ${Math.round(top.cpuMicros)} µs (${growth <= 0 ? 'no growth' : `+${(growth * 100).toFixed(1)} %`}), throughput ${perSecond(base.perSecond)} -> ${perSecond(top.perSecond)}: ${growth <= TARGET ? 'within' : 'MISSES'} the 15 % target`,
      );
    }
    printTable(
      `${engine}: each request with N live records of every kind in the tenant asked, ${TENANTS} tenants, in process, ${IN_FLIGHT} in flight, best of ${ROUNDS} rounds`,
      [
        'request',
        'records per kind',
        'throughput',
        'p50',
        'p99',
        'CPU per request',
        `CPU vs ${smallest.toLocaleString('en-US')}`,
      ],
      rows,
    );
  }
  console.log(
    `\nCost versus stored work (target: the CPU a request costs at ${largest.toLocaleString('en-US')} within 15 % of ${smallest.toLocaleString('en-US')}):`,
  );
  for (const verdict of verdicts) console.log(verdict);
  for (const { engine, memory } of results) {
    const rows: string[][] = [];
    for (const [kind, sizes] of memory)
      for (const [size, per] of sizes)
        rows.push([
          kind,
          `to ${size.toLocaleString('en-US')}`,
          bytes(per.heap),
          per.file === undefined ? 'n/a' : bytes(per.file),
          per.redis === undefined ? 'n/a' : bytes(per.redis),
        ]);
    printTable(
      `${engine}: memory per record while each kind grew (after a full GC; the heap is this whole process)`,
      ['kind', 'grown', 'heap', 'SQLite files or PostgreSQL database', 'Redis used_memory'],
      rows,
    );
  }
}

async function main(): Promise<void> {
  // A Redis of this run's own, so its CPU figures hold this benchmark's work alone.
  const started = await startRedisServer();
  const redis: BenchRedis = { url: started.url, version: 'of this run', started: true, stop: () => started.stop() };
  const cluster = await startPostgresCluster();
  console.log(
    `\ncost versus stored work on ${describeMachine()}, ${loadAverage()} at the start, a Redis and a PostgreSQL cluster started for this run; sizes ${SIZES.join(', ')}`,
  );
  const results: EngineResult[] = [];
  try {
    const engines = {
      sqlite: () => Engine.sqlite(),
      redis: () => Engine.redis(redis),
      postgres: () => Engine.postgres(cluster),
    };
    for (const [name, open] of Object.entries(engines)) {
      if (!ENGINES.includes(name)) continue;
      const engine = await open();
      try {
        results.push(await measureEngine(engine));
      } finally {
        await engine.store.close();
        await engine.cleanUp();
      }
    }
    report(results);
  } finally {
    await redis.stop();
    await cluster.destroy();
  }
}

await main();
process.exit(0);
