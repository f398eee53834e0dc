import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchKeyPrefix, dropKeys, findRedis, type BenchRedis } from './bench-redis.js';
import { addLiveCallRows, benchSchemaPrefix, findPostgres, type BenchPostgres } from './bench-postgres.js';
import { CALL_START_BODY, callsUrl, disclosedCalls, resolveUrl, SWITCHBOARD_HEADERS, warmUp } from './citizen-http.js';
import { addLiveSessions, type SessionCost } from './live-sessions.js';
import { CONNECTIONS, runLoad, SECONDS, warmThenRunLoad, type LoadOptions, type LoadResult } from './load.js';
import { describeMachine, loadAverage } from './machine.js';
import { startBenchServer, type BenchServer } from './server-process.js';
import { bytes, perSecond, printTable, ratio, wholeMs } from './stats.js';

/**
 * Call-start and resolve throughput with 1,000 live sessions on each engine
 * (and on PostgreSQL also with 100,000, the rest added straight to its table),
 * against a trivial Hono endpoint served the same way in the same process,
 * and what a live session costs in memory and storage.
 *
 * Resolving is measured twice, because a code resolves once:
 * - wrong codes: every attempt does the whole path (limiter counts, lookup of
 *   the code's hash, the claim that finds nothing, the failure count) against
 *   1,000 live sessions and answers 404. That is also the load a guessing
 *   attack puts on the server, so it can run as long as needed.
 * - right codes: ONE_SHOT_CODES calls disclosed beforehand, each resolved
 *   once (claim, announcement to the console feed), answering 200.
 */
const LIVE_SESSIONS = 1000;
const ONE_SHOT_CODES = 2000;
const WARM_UP_JOURNEYS = 100;
const RESOLVE_TARGET = 0.5;
const RESOLVE_WISH = 0.7;
/** A resolve costs no more than three of the app's cheapest requests (GET /healthz, same middleware). */
const LEAN_RESOLVE_TARGET = 0.33;

/** PostgreSQL once more, with this many live sessions: a busy day's worth of records in the index. */
const MANY_LIVE_SESSIONS = 100_000;

type Engine = 'sqlite' | 'redis' | 'postgres';

interface Stores {
  redis: BenchRedis;
  postgres: BenchPostgres;
}

interface EngineFigures {
  engine: Engine;
  liveSessions: number;
  ping: LoadResult;
  echo: LoadResult;
  healthz: LoadResult;
  callStart: LoadResult;
  wrongCode: LoadResult;
  rightCode: LoadResult;
  cost: SessionCost;
  /** The server process's CPU per request (µs) during the measured runs of /healthz and of wrong codes. */
  cpu: { healthz: number; wrongCode: number };
  /** The machine's load when this engine's runs ended. */
  load: string;
}

/**
 * A load run (after its warm-up) and the server's CPU per request during it: the figure the
 * other work on a shared machine does not move, where requests per second swing with it.
 */
async function cpuPerRequest(
  server: BenchServer,
  options: LoadOptions,
): Promise<{ result: LoadResult; micros: number }> {
  await runLoad({ ...options, duration: 1, amount: undefined });
  const before = await server.cpu();
  const result = await runLoad(options);
  return { result, micros: ((await server.cpu()) - before) / result.requests };
}

/** Ten digits that are no live code (1,000 live out of 10^10: a hit is a one in ten million chance per try). */
const guessCode = () => String(Math.floor(Math.random() * 1e10)).padStart(10, '0');

async function measureEngine(
  engine: Engine,
  { redis, postgres }: Stores,
  liveSessions = LIVE_SESSIONS,
): Promise<EngineFigures> {
  const dataDir = engine === 'sqlite' ? mkdtempSync(join(tmpdir(), 'regiekit-bench-')) : undefined;
  const keyPrefix = engine === 'redis' ? benchKeyPrefix('load') : undefined;
  const schemaPrefix = engine === 'postgres' ? benchSchemaPrefix('load') : undefined;
  const server = await startBenchServer({
    engine,
    dataDir,
    redisUrl: redis.url,
    keyPrefix,
    databaseUrl: postgres.url,
    schemaPrefix,
  });
  try {
    await warmUp(server.origin, WARM_UP_JOURNEYS);
    // The baselines touch no store; running them here also lets the warm-up's request state lapse before memory is read.
    const ping = await warmThenRunLoad({ url: `${server.pingOrigin}/ping`, expectStatus: 200 });
    const echo = await warmThenRunLoad({
      url: `${server.pingOrigin}/echo`,
      method: 'POST',
      headers: SWITCHBOARD_HEADERS,
      body: JSON.stringify({ code: guessCode(), callId: 'guess-0' }),
      expectStatus: 200,
    });
    const healthz = await cpuPerRequest(server, { url: `${server.origin}/healthz`, expectStatus: 200 });
    const { cost } = await addLiveSessions(
      server,
      LIVE_SESSIONS,
      keyPrefix ? { url: redis.url, prefix: keyPrefix } : undefined,
    );
    if (liveSessions > LIVE_SESSIONS)
      await addLiveCallRows(postgres.url, `${schemaPrefix}_t_nijmegen`, liveSessions - LIVE_SESSIONS);

    let guess = 0;
    const wrongCode = await cpuPerRequest(server, {
      url: resolveUrl(server.origin),
      method: 'POST',
      headers: SWITCHBOARD_HEADERS,
      nextBody: () => JSON.stringify({ code: guessCode(), callId: `guess-${guess++}` }),
      expectStatus: 404,
    });

    // Live sessions are now 1,000 + ONE_SHOT_CODES, and back at 1,000 when the run ends.
    const oneShot = await disclosedCalls(server.origin, ONE_SHOT_CODES);
    let next = 0;
    const rightCode = await runLoad({
      url: resolveUrl(server.origin),
      method: 'POST',
      headers: SWITCHBOARD_HEADERS,
      amount: oneShot.length,
      nextBody: () => JSON.stringify({ code: oneShot[next]?.code ?? guessCode(), callId: `answered-${next++}` }),
      expectStatus: 200,
    });

    // Last, because every start adds a pending session.
    const callStart = await warmThenRunLoad({
      url: callsUrl(server.origin),
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: CALL_START_BODY,
      expectStatus: 200,
    });
    return {
      engine,
      liveSessions,
      ping,
      echo,
      healthz: healthz.result,
      callStart,
      wrongCode: wrongCode.result,
      rightCode,
      cost,
      cpu: { healthz: healthz.micros, wrongCode: wrongCode.micros },
      load: loadAverage(),
    };
  } finally {
    await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (keyPrefix) await dropKeys(redis.url, keyPrefix);
  }
}

const ENGINE_NAMES: Record<Engine, string> = { sqlite: 'SQLite', redis: 'Redis', postgres: 'PostgreSQL' };

function printEngine(figures: EngineFigures): void {
  const { ping } = figures;
  const row = (name: string, result: LoadResult) => [
    name,
    perSecond(result.perSecond),
    wholeMs(result.p50),
    wholeMs(result.p99),
    ratio(result.perSecond, ping.perSecond),
    String(result.unexpected),
  ];
  printTable(
    `${ENGINE_NAMES[figures.engine]}: ${figures.liveSessions.toLocaleString('en-US')} live sessions, autocannon ${CONNECTIONS} connections, ${SECONDS} s after 1 s warm-up (${figures.load})`,
    ['request', 'throughput', 'p50', 'p99', 'vs trivial Hono', 'unexpected answers'],
    [
      row('GET /ping (trivial Hono app, same process)', ping),
      row('POST /echo (trivial Hono app, reads the JSON body)', figures.echo),
      row('GET /healthz (the app)', figures.healthz),
      row('POST /calls (call start, 200)', figures.callStart),
      row('POST /switchboard/resolve, wrong code (404)', figures.wrongCode),
      row(
        `POST /switchboard/resolve, right code (200, ${ONE_SHOT_CODES.toLocaleString('en-US')} once)`,
        figures.rightCode,
      ),
    ],
  );
}

function printCosts(all: EngineFigures[]): void {
  const optional = (value: number | undefined) => (value === undefined ? 'n/a' : bytes(value));
  printTable(
    `Memory and storage per live session: growth while ${LIVE_SESSIONS.toLocaleString('en-US')} disclosed calls were added, after a full GC, / ${LIVE_SESSIONS.toLocaleString('en-US')}`,
    [
      'engine',
      'server heap at once',
      'server heap 9 s later',
      'server RSS before -> after (whole process)',
      'SQLite file',
      'Redis used_memory',
      'Redis MEMORY USAGE (keys)',
    ],
    all.map(({ engine, cost }) => [
      ENGINE_NAMES[engine],
      bytes(cost.heapBytesAtOnce),
      bytes(cost.heapBytes),
      `${bytes(cost.rssBefore)} -> ${bytes(cost.rssAfter)}`,
      optional(cost.sqliteBytes),
      optional(cost.redisUsedMemory),
      cost.redisKeyBytes === undefined ? 'n/a' : `${bytes(cost.redisKeyBytes)} (${cost.redisKeys!.toFixed(1)} keys)`,
    ]),
  );
}

function printTargets(all: EngineFigures[]): void {
  console.log(
    `\nResolve throughput / trivial Hono GET /ping (target >= ${RESOLVE_TARGET}, wanted >= ${RESOLVE_WISH}); in brackets / trivial POST /echo:`,
  );
  for (const { engine, liveSessions, ping, echo, wrongCode, rightCode } of all) {
    for (const [name, result] of [
      ['wrong code', wrongCode],
      ['right code', rightCode],
    ] as const) {
      const value = result.perSecond / ping.perSecond;
      const verdict =
        value >= RESOLVE_WISH
          ? 'meets the target and the wish'
          : value >= RESOLVE_TARGET
            ? 'meets the target, not the wish'
            : 'MISSES the target';
      console.log(
        `  ${`${ENGINE_NAMES[engine]} (${liveSessions.toLocaleString('en-US')})`.padEnd(20)} ${name}: ${value.toFixed(2)} (${(result.perSecond / echo.perSecond).toFixed(2)}) ${verdict}`,
      );
    }
  }
}

function printLeanResolve(all: EngineFigures[]): void {
  console.log(
    `\nResolve / the app's own GET /healthz (target >= ${LEAN_RESOLVE_TARGET}): throughput ratio, and healthz's server CPU per request over the resolve's:`,
  );
  for (const { engine, healthz, wrongCode, rightCode, cpu } of all) {
    for (const [name, result] of [
      ['wrong code', wrongCode],
      ['right code', rightCode],
    ] as const) {
      const value = result.perSecond / healthz.perSecond;
      console.log(
        `  ${ENGINE_NAMES[engine].padEnd(7)} ${name}: ${value.toFixed(2)} ${value >= LEAN_RESOLVE_TARGET ? 'meets the target' : 'MISSES the target'}`,
      );
    }
    const byCpu = cpu.healthz / cpu.wrongCode;
    console.log(
      `  ${ENGINE_NAMES[engine].padEnd(7)} wrong code by server CPU: ${Math.round(cpu.healthz)} µs / ${Math.round(cpu.wrongCode)} µs = ${byCpu.toFixed(2)} ${byCpu >= LEAN_RESOLVE_TARGET ? 'meets the target' : 'MISSES the target'}`,
    );
  }
}

async function main(): Promise<void> {
  const redis = await findRedis();
  const postgres = await findPostgres();
  console.log(
    `\nthroughput benchmark on ${describeMachine()}, ${loadAverage()} at the start, Redis ${redis.version}${redis.started ? ' (started for this run)' : ` at ${new URL(redis.url).host}`}, PostgreSQL ${postgres.version}${postgres.started ? ' (started for this run)' : ` at ${new URL(postgres.url).host}`}`,
  );
  try {
    const stores = { redis, postgres };
    const all = [
      await measureEngine('sqlite', stores),
      await measureEngine('redis', stores),
      await measureEngine('postgres', stores),
      await measureEngine('postgres', stores, MANY_LIVE_SESSIONS),
    ];
    for (const figures of all) printEngine(figures);
    printCosts(all.filter((figures) => figures.liveSessions === LIVE_SESSIONS));
    printTargets(all);
    printLeanResolve(all);
  } finally {
    await redis.stop();
    await postgres.stop();
  }
}

await main();
