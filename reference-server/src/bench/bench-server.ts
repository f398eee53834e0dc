import { existsSync, statSync } from 'node:fs';
import { Hono } from 'hono';
import { createApp } from '../app.js';
import type { AttemptLimits } from '../calls/attempt-limiter.js';
import { resolveConfig } from '../config/resolve-config.js';
import { hashToken } from '../crypto/key-ring.js';
import { randomToken } from '../crypto/random.js';
import { createLogger } from '../http/logger.js';
import { openStorage } from '../storage/open-storage.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import { freePort, listenOn } from '../testing/listen.js';
import { testConfigInput } from '../testing/test-server.js';
import type { BenchServerOptions, BenchServerReply, BenchServerRequest, MemoryReport } from './server-process.js';
import { benchTenants } from './bench-tenants.js';
import { stubIrmaFetch } from './stub-irma.js';

/**
 * The server under test, forked by server-process.ts: a process of its own,
 * so the load generator shares neither its event loop nor its heap, and the
 * memory it reports is the server's alone. It takes orders over IPC.
 */

/**
 * The limiter still counts every attempt (that work is part of what a resolve
 * costs), but never refuses: a benchmark firing thousands of wrong codes a
 * second would otherwise measure 429s after the first 120.
 */
const COUNT_BUT_NEVER_REFUSE: AttemptLimits = {
  perSwitchboardCall: 1e9,
  failuresPerCallerPerHour: 1e9,
  failuresPerMinute: 1e9,
  alarmFailuresPerMinute: 1e9,
  failuresPerDay: 1e9,
};

const options = JSON.parse(process.env.REGIE_BENCH_SERVER ?? '{}') as BenchServerOptions;
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const config = resolveConfig(
  testConfigInput({
    publicUrl: origin,
    logLevel: 'silent',
    ...(options.dataDir && { dataDir: options.dataDir }),
    ...(options.tenants && { tenants: benchTenants(options.tenants) }),
    ...(options.engine === 'redis' && {
      storage: { engine: 'redis', url: options.redisUrl, keyPrefix: options.keyPrefix },
    }),
    ...(options.engine === 'postgres' && {
      storage: { engine: 'postgres', url: options.databaseUrl, schemaPrefix: options.schemaPrefix },
    }),
  }),
  {},
);
const { close, ...shared } = await openStorage(config);
const app = createApp(config, {
  ...shared,
  logger: createLogger('silent'),
  attemptLimits: COUNT_BUT_NEVER_REFUSE,
  irmaFetch: stubIrmaFetch(),
});
await listenOn(app.fetch, port);

// The baselines: the least a Hono app served the same way can do, without and with a JSON body to read.
const pingPort = await freePort();
const trivial = new Hono()
  .get('/ping', (c) => c.json({ ok: true }))
  .post('/echo', async (c) => c.json(await c.req.json()));
await listenOn(trivial.fetch, pingPort);

async function collectGarbage(): Promise<void> {
  // Twice, with a turn of the event loop between, so objects freed by finalizers go too.
  for (let i = 0; i < 2; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Bytes of the tenants' database files once the WAL is folded back in (SQLite only). */
function sqliteBytes(): number | undefined {
  const store = shared.store;
  if (!(store instanceof SqliteStore)) return undefined;
  store.checkpoint();
  return config.tenants.reduce((sum, tenant) => {
    const file = store.fileOf(tenant.id);
    return sum + [file, `${file}-wal`].reduce((size, path) => size + (existsSync(path) ? statSync(path).size : 0), 0);
  }, 0);
}

async function memory(): Promise<MemoryReport> {
  await collectGarbage();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers, sqliteBytes: sqliteBytes() };
}

/** Agents with a signed-in session each, written straight to the store: 500 argon2 logins would take minutes. */
async function seedAgents(count: number, from: number, tenantId: string): Promise<string[]> {
  const tenant = shared.store.forTenant(tenantId);
  const now = Date.now();
  const cookies: string[] = [];
  for (let i = from; i < from + count; i++) {
    const agentId = `benchagent${String(i).padStart(12, '0')}`;
    await tenant.agents.create({
      agentId,
      username: `bench${i}`,
      displayName: `Bench ${i}`,
      role: 'agent',
      passwordHash: 'not-used',
      mustChangePassword: false,
      passwordExpiresAt: null,
      createdAt: now,
    });
    const token = randomToken(32);
    await tenant.sessions.create({
      sessionHash: hashToken(token),
      agentId,
      csrfToken: randomToken(16),
      createdAt: now,
      lastSeenAt: now,
    });
    cookies.push(`regie_session=${tenantId}.${token}`);
  }
  return cookies;
}

async function handle(request: BenchServerRequest): Promise<BenchServerReply> {
  switch (request.type) {
    case 'memory':
      return { id: request.id, type: 'memory', memory: await memory() };
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return { id: request.id, type: 'cpu', micros: user + system };
    }
    case 'seed-agents':
      return {
        id: request.id,
        type: 'seed-agents',
        cookies: await seedAgents(request.count, request.from, request.tenant),
      };
    case 'stop':
      // Open streams would hold up a graceful close; this process ends here anyway.
      await close();
      return { id: request.id, type: 'stopped' };
  }
}

process.on('message', (request: BenchServerRequest) => {
  void handle(request).then(
    (reply) => {
      process.send!(reply, () => reply.type === 'stopped' && process.exit(0));
    },
    (error: Error) => process.send!({ id: request.id, type: 'error', message: error.stack ?? error.message }),
  );
});
// A benchmark that dies must not leave its servers behind.
process.on('disconnect', () => process.exit(1));
process.send!({ id: 0, type: 'ready', origin, pingOrigin: `http://127.0.0.1:${pingPort}` } satisfies BenchServerReply);
