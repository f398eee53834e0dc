import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICANT, APPLICATION, dataFetchWorld, type DataFetchWorld } from '../testing/data-fetch-steps.js';
import { startRedisServer, type StartedRedis } from '../testing/redis-server.js';
import { RedisStore } from '../storage/redis/redis-store.js';
import { scanKeys } from '../storage/redis/redis-scan.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import type { Store } from '../storage/store.js';

// What a fetch leaves in the store: nothing readable of the applicant, the application or the
// fetched data, while it waits for the form (sealed) and after the form took it (gone).
async function addedFetch(world: DataFetchWorld): Promise<string> {
  const requested = await world.ask();
  await world.throughSource(requested);
  expect((await world.confirm(requested.fetchId)).status).toBe(200);
  return requested.fetchId;
}

async function expectNothingReadable(raw: () => Promise<string>, world: DataFetchWorld, fetchId: string) {
  const secrets = [
    APPLICANT,
    APPLICATION,
    world.held.payments[0]!.recipient,
    world.held.decisionText,
    world.held.payments[0]!.date,
  ];
  for (const secret of secrets) expect(await raw(), `before delivery: ${secret}`).not.toContain(secret);
  expect((await world.form.take(fetchId, APPLICATION)).data).toEqual({ payments: world.held.payments.slice(0, 3) });
  for (const secret of secrets) expect(await raw(), `after delivery: ${secret}`).not.toContain(secret);
}

describe('fetched data at rest, on SQLite', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('keeps the applicant, the application and the fetched data sealed, and none of it after delivery', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regiekit-raw-fetch-'));
    dirs.push(dir);
    const store = new SqliteStore({ directory: dir, tenantIds: ['nijmegen', 'arnhem'] });
    const world = await dataFetchWorld({ store });
    const fetchId = await addedFetch(world);
    const raw = async () => {
      store.checkpoint();
      return readdirSync(join(dir, 'tenants'))
        .map((file) => readFileSync(join(dir, 'tenants', file)).toString('latin1'))
        .join('');
    };
    await expectNothingReadable(raw, world, fetchId);
    await store.close();
  });
});

describe('fetched data at rest, on Redis', () => {
  let redis: StartedRedis;
  // Without RDB compression, so DUMP shows every stored byte as it is.
  beforeAll(async () => {
    redis = await startRedisServer({ extraArgs: ['--rdbcompression', 'no'] });
  });
  afterAll(() => redis.stop());

  it('holds none of it in any key (SCAN + DUMP), before and after delivery', async () => {
    const keyPrefix = `raw-fetch-${randomBytes(4).toString('hex')}`;
    const store: Store & RedisStore = await RedisStore.connect({ engine: 'redis', url: redis.url, keyPrefix }, [
      'nijmegen',
      'arnhem',
    ]);
    const world = await dataFetchWorld({ store });
    const fetchId = await addedFetch(world);
    const raw = async () => {
      const keys = await scanKeys(store.client, `${keyPrefix}:*`);
      const dumps = await Promise.all(keys.map((key) => store.client.dumpBuffer(key)));
      return dumps.map((dump) => dump?.toString('latin1') ?? '').join('') + keys.join('\n');
    };
    await expectNothingReadable(raw, world, fetchId);
    await store.close();
  });
});
