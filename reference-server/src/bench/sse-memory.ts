import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsoleStream, type ConsoleStream } from './agent-streams.js';
import { benchKeyPrefix, dropKeys, findRedis, type BenchRedis } from './bench-redis.js';
import { describeMachine, loadAverage } from './machine.js';
import { startBenchServer, type MemoryReport } from './server-process.js';
import { bytes, ms, printTable } from './stats.js';

/**
 * 500 agents' live console streams held open on one instance, and what each
 * costs the server: its memory after a full GC with the streams open, minus
 * before, divided by 500. Each agent has a session of its own, as 500 people
 * signed in would. The consoles show no callers, so the figure is the stream
 * itself (subscription, SSE writer, socket, keep-alive loop).
 */
const STREAMS = 500;
/** Opened and closed first, so lazily created state is not charged to the measured streams. */
const WARM_UP_STREAMS = 20;

interface StreamFigures {
  engine: 'sqlite' | 'redis';
  before: MemoryReport;
  after: MemoryReport;
  openMs: number;
}

async function openAll(origin: string, cookies: string[]): Promise<ConsoleStream[]> {
  const streams = cookies.map((cookie) => openConsoleStream(origin, cookie));
  await Promise.all(streams.map((stream) => stream.ready));
  return streams;
}

async function measureEngine(engine: 'sqlite' | 'redis', redis: BenchRedis): Promise<StreamFigures> {
  const dataDir = engine === 'sqlite' ? mkdtempSync(join(tmpdir(), 'regiekit-bench-')) : undefined;
  const keyPrefix = engine === 'redis' ? benchKeyPrefix('sse') : undefined;
  const server = await startBenchServer({ engine, dataDir, redisUrl: redis.url, keyPrefix });
  try {
    const cookies = await server.seedAgents(STREAMS + WARM_UP_STREAMS);
    for (const stream of await openAll(server.origin, cookies.slice(STREAMS))) stream.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = await server.memory();
    const started = performance.now();
    const streams = await openAll(server.origin, cookies.slice(0, STREAMS));
    const openMs = performance.now() - started;
    const after = await server.memory();
    for (const stream of streams) stream.close();
    return { engine, before, after, openMs };
  } finally {
    await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (keyPrefix) await dropKeys(redis.url, keyPrefix);
  }
}

async function main(): Promise<void> {
  const redis = await findRedis();
  console.log(
    `\nconsole stream benchmark on ${describeMachine()}, ${loadAverage()} at the start, Redis ${redis.version}`,
  );
  try {
    const all = [await measureEngine('sqlite', redis), await measureEngine('redis', redis)];
    const per = (figures: StreamFigures, key: keyof Omit<MemoryReport, 'sqliteBytes'>) =>
      bytes((figures.after[key] - figures.before[key]) / STREAMS);
    printTable(
      `${STREAMS} agent console streams (SSE) held open on one instance, per stream (after minus before, full GC, / ${STREAMS})`,
      [
        'engine',
        'server heap',
        'server RSS',
        'external (incl. array buffers)',
        'server RSS with the streams open',
        `time to open all ${STREAMS}`,
      ],
      all.map((figures) => [
        figures.engine === 'sqlite' ? 'SQLite' : 'Redis',
        per(figures, 'heapUsed'),
        per(figures, 'rss'),
        bytes((figures.after.external - figures.before.external) / STREAMS),
        bytes(figures.after.rss),
        ms(figures.openMs),
      ]),
    );
  } finally {
    await redis.stop();
  }
}

await main();
// The client side's sockets close with the process.
process.exit(0);
