import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.js';
import { resolveConfig } from '../config/resolve-config.js';
import { createLogger } from '../http/logger.js';
import { openStorage } from '../storage/open-storage.js';
import { SWITCHBOARD_SECRETS, testConfigInput } from '../testing/test-server.js';
import { benchKeyPrefix, dropKeys, findRedis, type BenchRedis } from './bench-redis.js';
import { describeMachine, loadAverage } from './machine.js';
import { percentile, printTable } from './stats.js';
import { stubIrmaFetch } from './stub-irma.js';

/**
 * Where the time of one resolve goes: requests that stop at successive
 * stages of the resolve path, sent one at a time with app.request (no
 * sockets, no load generator), so each row adds one stage to the one above.
 * It explains the throughput figures; it is not a throughput figure itself.
 */
const LIVE_SESSIONS = 1000;
const WARM_UP = 300;
const SAMPLES = 2000;
const NEVER_REFUSE = {
  perSwitchboardCall: 1e9,
  failuresPerCallerPerHour: 1e9,
  failuresPerMinute: 1e9,
  alarmFailuresPerMinute: 1e9,
  failuresPerDay: 1e9,
};

const guessCode = () => String(Math.floor(Math.random() * 1e10)).padStart(10, '0');

async function timeEach(action: (i: number) => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + SAMPLES; i++) {
    const started = performance.now();
    await action(i);
    if (i >= WARM_UP) times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

async function measureEngine(engine: 'sqlite' | 'redis', redis: BenchRedis): Promise<string[][]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'regiekit-bench-'));
  const keyPrefix = benchKeyPrefix('cost');
  const config = resolveConfig(
    testConfigInput({
      publicUrl: 'http://127.0.0.1:8080',
      logLevel: 'silent',
      dataDir,
      ...(engine === 'redis' && { storage: { engine: 'redis', url: redis.url, keyPrefix } }),
    }),
    {},
  );
  const { close, ...shared } = await openStorage(config);
  try {
    const app = createApp(config, {
      ...shared,
      logger: createLogger('silent'),
      attemptLimits: NEVER_REFUSE,
      irmaFetch: stubIrmaFetch(),
    });
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${SWITCHBOARD_SECRETS.nijmegen}` };
    const resolve = (body: string, auth = headers) =>
      app.request('/api/v1/nijmegen/switchboard/resolve', { method: 'POST', headers: auth, body });
    for (let i = 0; i < LIVE_SESSIONS; i++)
      await app.request('/api/v1/nijmegen/calls', { method: 'POST', headers, body: '{"purpose":"general"}' });
    const calls = shared.store.forTenant('nijmegen').calls;
    const rows: [string, number][] = [
      ['GET /healthz: the middleware alone', await timeEach(() => app.request('/healthz'))],
      [
        'resolve, wrong secret (401): + tenant, switchboard auth, error answer',
        await timeEach(() => resolve('{}', { ...headers, Authorization: 'Bearer wrong' })),
      ],
      ['resolve, invalid body (400): + body read, schema validation', await timeEach(() => resolve('{"code":"1"}'))],
      [
        'resolve, wrong code (404): + code HMAC, limiter and lookup together, failure count',
        await timeEach((i) => resolve(JSON.stringify({ code: guessCode(), callId: `cost-${i}` }))),
      ],
      [
        'store alone: findByLiveCode (a miss)',
        await timeEach(() => calls.findByLiveCode(['no-such-hash'], Date.now())),
      ],
      ['store alone: claimCode (a miss)', await timeEach(() => calls.claimCode(['no-such-hash'], 'cost', Date.now()))],
    ];
    return rows.map(([name, p50]) => [engine === 'sqlite' ? 'SQLite' : 'Redis', name, `${Math.round(p50 * 1000)} µs`]);
  } finally {
    await close();
    rmSync(dataDir, { recursive: true, force: true });
    if (engine === 'redis') await dropKeys(redis.url, keyPrefix);
  }
}

async function main(): Promise<void> {
  const redis = await findRedis();
  console.log(
    `\nresolve cost breakdown on ${describeMachine()}, ${loadAverage()} at the start, Redis ${redis.version}`,
  );
  try {
    const rows = [...(await measureEngine('sqlite', redis)), ...(await measureEngine('redis', redis))];
    printTable(
      `Where a resolve's time goes: one request at a time, in-process (app.request), ${LIVE_SESSIONS.toLocaleString('en-US')} pending sessions, p50 of ${SAMPLES.toLocaleString('en-US')}`,
      ['engine', 'request (each row adds a stage)', 'p50'],
      rows,
    );
  } finally {
    await redis.stop();
  }
}

await main();
process.exit(0);
