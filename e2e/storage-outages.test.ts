import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { RedisStore } from '../reference-server/src/storage/redis/redis-store.js';
import { startRedisServer, type StartedRedis } from '../reference-server/src/testing/redis-server.js';
import { createTestDatabase, startPostgresCluster } from '../reference-server/src/testing/postgres-server.js';
import { consoleStream, disclosedCall, resolveCode, seedAgentIn, signIn } from './support/instance-steps.js';
import { PostgresStore } from '../reference-server/src/storage/postgres/postgres-store.js';
import { startServerProcess, TEST_MASTER_KEY, type ServerProcess } from './support/server-process.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'regiekit-outage-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function started(server: Promise<ServerProcess>): Promise<ServerProcess> {
  const process = await server;
  cleanups.push(() => process.stop('SIGKILL'));
  return process;
}

async function deleteKeys(url: string, keyPrefix: string): Promise<void> {
  const store = await RedisStore.connect({ engine: 'redis', url, keyPrefix }, []);
  const keys = await store.client.keys(`${keyPrefix}:*`);
  if (keys.length > 0) await store.client.del(...keys);
  await store.close();
}

const startCall = (server: string) =>
  fetch(`${server}/api/v1/nijmegen/calls`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"purpose":"general"}',
  });

describe('a server killed mid-flow', () => {
  const engines = {
    sqlite: () => ({}),
    redis: () => {
      const keyPrefix = `kill-${Date.now()}`;
      cleanups.push(() => deleteKeys(inject('redisUrl'), keyPrefix));
      return { REGIE_STORAGE: 'redis', REGIE_REDIS_URL: inject('redisUrl'), REGIE_REDIS_KEY_PREFIX: keyPrefix };
    },
    // The run's database is dropped at its end.
    postgres: () => ({
      REGIE_STORAGE: 'postgres',
      REGIE_DATABASE_URL: inject('postgresUrl'),
      REGIE_DATABASE_SCHEMA_PREFIX: `kill${Date.now() % 1e6}`,
    }),
  };
  for (const [engine, storageEnv] of Object.entries(engines)) {
    it(`comes back on the same ${engine} storage with the caller's code still resolvable`, async () => {
      const env = { ...storageEnv(), REGIE_DATA_DIR: tempDir(), REGIE_MASTER_KEY: TEST_MASTER_KEY };
      const first = await started(startServerProcess(env));
      const { code } = await disclosedCall(first.url);
      // kill -9: no shutdown code runs; what was acknowledged must already be stored.
      expect(await first.stop('SIGKILL')).toBe('SIGKILL');
      const second = await started(startServerProcess(env, { port: first.port }));
      const resolved = await resolveCode(second.url, code, 'after-kill');
      expect(resolved.status).toBe(200);
      expect(await resolved.json()).toMatchObject({ sessionRef: expect.any(String) });
    });
  }
});

describe('Redis going away for a few seconds', () => {
  let redis: StartedRedis;

  it('answers 503 in the stable error shape meanwhile, keeps what was stored, and recovers without a restart', async () => {
    const redisDir = tempDir();
    redis = await startRedisServer({ dataDir: redisDir });
    cleanups.push(() => redis.stop());
    const server = await started(
      startServerProcess({
        REGIE_STORAGE: 'redis',
        REGIE_REDIS_URL: redis.url,
        REGIE_DATA_DIR: tempDir(),
        REGIE_MASTER_KEY: TEST_MASTER_KEY,
      }),
    );
    const { code } = await disclosedCall(server.url);

    await redis.stop();
    const during = await startCall(server.url);
    expect(during.status).toBe(503);
    expect(await during.json()).toEqual({ error: { code: 'upstream_unavailable', message: expect.any(String) } });
    expect(during.headers.get('retry-after')).toBe('2');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    redis = await startRedisServer({ port: redis.port, dataDir: redisDir });
    const deadline = Date.now() + 15_000;
    while ((await fetch(`${server.url}/readyz`)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`server did not recover:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await startCall(server.url)).status).toBe(200);
    // The call disclosed before the outage is intact and resolves.
    expect((await resolveCode(server.url, code, 'after-outage')).status).toBe(200);
    expect(server.output()).not.toMatch(/unhandled error/);
  });
});

describe('PostgreSQL going away for a few seconds', () => {
  it('answers 503 in the stable error shape meanwhile, keeps what was stored, and recovers without a restart, consoles included', async () => {
    // A cluster of this test's own, so the shared server is never stopped.
    const cluster = await startPostgresCluster();
    cleanups.push(() => cluster.destroy());
    const url = (await createTestDatabase(cluster.url)).url;
    const store = await PostgresStore.connect({ engine: 'postgres', url, schemaPrefix: 'regie', poolSize: 2 }, [
      'nijmegen',
    ]);
    await seedAgentIn(store, 'nijmegen', 'anna');
    await store.close();
    const server = await started(
      startServerProcess({
        REGIE_STORAGE: 'postgres',
        REGIE_DATABASE_URL: url,
        REGIE_DATA_DIR: tempDir(),
        REGIE_MASTER_KEY: TEST_MASTER_KEY,
      }),
    );
    const anna = await signIn(server.url, 'anna');
    const stream = await consoleStream(anna);
    expect((await stream.next())?.type).toBe('snapshot');
    const { code } = await disclosedCall(server.url);

    await cluster.stop('immediate');
    const during = await startCall(server.url);
    expect(during.status).toBe(503);
    expect(await during.json()).toEqual({ error: { code: 'upstream_unavailable', message: expect.any(String) } });
    expect(during.headers.get('retry-after')).toBe('2');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    await cluster.start();
    const deadline = Date.now() + 15_000;
    while ((await fetch(`${server.url}/readyz`)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`server did not recover:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await startCall(server.url)).status).toBe(200);
    // The call disclosed before the outage is intact, resolves, and reaches the console that stayed open.
    expect((await resolveCode(server.url, code, 'after-outage')).status).toBe(200);
    // The database restarted, so the feed's numbering starts over: the open stream ends, and the console
    // reconnects (as a browser's EventSource does) for a snapshot that shows the caller.
    let console = stream;
    for (;;) {
      const event = await console.next(10_000);
      if (!event) {
        console = await consoleStream(anna);
        continue;
      }
      if (event.type === 'call-added' || (event.type === 'snapshot' && event.calls.length > 0)) break;
    }
    console.close();
    expect(server.output()).not.toMatch(/unhandled error/);
  });
});
