import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyDataFlowStarted, PartyEventPage } from '@regiekit/sdk/protocol';
import { CUSTOMER, HELD, myDataWorld, partyCall, type MyDataWorld } from '../testing/my-data-steps.js';
import { startRedisServer, type StartedRedis } from '../testing/redis-server.js';
import { testConfigInput } from '../testing/test-server.js';
import { MY_DATA_TYPES, PARTY_SECRETS } from '../testing/test-parties.js';
import { RedisStore } from '../storage/redis/redis-store.js';
import { scanKeys } from '../storage/redis/redis-scan.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import type { Store } from '../storage/store.js';

// What a forward and a correction leave in the store: nothing readable of the data, the proposal,
// the reasons or the customer, before or after delivery; and rotate-keys re-encrypts corrections.
const PROPOSED = 'nieuw.adres.7f3a@example.nl';
const REASON = 'verhuisd-naar-elders-9c2e';
const ANSWER = 'niet-te-controleren-4b1d';
const OLD_KEY = `test:${Buffer.alloc(32, 7).toString('base64')}`;
const NEW_KEY = `next:${Buffer.alloc(32, 11).toString('base64')}`;
const ROTATE_KEYS = join(import.meta.dirname, '../../dist/cli/rotate-keys.js');
const SECRETS = [CUSTOMER, HELD.contract.product, HELD.customer.email, PROPOSED, REASON, ANSWER];

/** A forward confirmed (not fetched yet), and a correction the company refused. */
async function forwardAndCorrect(world: MyDataWorld): Promise<string> {
  const { body: view } = await world.openView();
  const forward = await world.asElement<MyDataFlowStarted>(view, '/forwards', {
    json: { serviceType: MY_DATA_TYPES.contract, recipientId: 'woning', fields: ['product', 'startDate'] },
  });
  expect((await world.confirm(forward.body.flowId)).status).toBe(200);
  const correction = await world.asElement<MyDataFlowStarted>(view, '/corrections', {
    json: { serviceType: MY_DATA_TYPES.customer, field: 'email', proposedValue: PROPOSED, reason: REASON },
  });
  expect((await world.confirm(correction.body.flowId)).status).toBe(200);
  await world.company.refuse(correction.body.flowId, ANSWER);
  const events = await partyCall<PartyEventPage>(
    world.server.app,
    `Basic ${Buffer.from(`woning:${PARTY_SECRETS.woning}`).toString('base64')}`,
    'GET',
    '/api/v1/nijmegen/events',
  );
  return events.body.events.find((event) => event.type === 'data.forwarded')!.data.references![0]!.referenceId;
}

async function rotateKeys(env: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'regiekit-rotate-'));
  try {
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify(testConfigInput()));
    const { stdout } = await promisify(execFile)(process.execPath, [ROTATE_KEYS], {
      env: {
        ...process.env,
        REGIE_CONFIG: configFile,
        REGIE_MASTER_KEY: NEW_KEY,
        REGIE_PREVIOUS_MASTER_KEYS: OLD_KEY,
        ...env,
      },
    });
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function expectNothingReadable(raw: () => Promise<string>, world: MyDataWorld, referenceId: string) {
  for (const secret of SECRETS) expect(await raw(), secret).not.toContain(secret);
  expect((await world.recipient.fetch(referenceId)).data).toEqual({
    product: HELD.contract.product,
    startDate: HELD.contract.startDate,
  });
  for (const secret of SECRETS) expect(await raw(), secret).not.toContain(secret);
}

describe('my data at rest, on SQLite', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('keeps forwarded data, proposals, reasons and the customer sealed, before and after delivery; rotate-keys re-encrypts corrections', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regiekit-raw-'));
    dirs.push(dir);
    const store = new SqliteStore({ directory: dir, tenantIds: ['nijmegen', 'arnhem'] });
    const world = await myDataWorld({ store });
    const referenceId = await forwardAndCorrect(world);
    const raw = async () => {
      store.checkpoint();
      return readdirSync(join(dir, 'tenants'))
        .map((file) => readFileSync(join(dir, 'tenants', file)).toString('latin1'))
        .join('');
    };
    await expectNothingReadable(raw, world, referenceId);
    await store.close();

    const output = await rotateKeys({ REGIE_DATA_DIR: dir });
    expect(output).toContain('correction.customerRef 1, correction.proposal 1, correction.answer 1');
    const reopened = new SqliteStore({ directory: dir, tenantIds: ['nijmegen', 'arnhem'] });
    for (const kind of ['correction.customerRef', 'correction.proposal', 'correction.answer'] as const)
      for (const { sealed } of await reopened.forTenant('nijmegen').sealedData.list(kind))
        expect(sealed).toMatch(/^v1\.next\./);
    await reopened.close();
  });
});

describe('my data at rest, on Redis', () => {
  let redis: StartedRedis;
  // Without RDB compression, so DUMP shows every stored byte as it is.
  beforeAll(async () => {
    redis = await startRedisServer({ extraArgs: ['--rdbcompression', 'no'] });
  });
  afterAll(() => redis.stop());

  it('holds none of them in any key (SCAN + DUMP), before and after delivery; rotate-keys re-encrypts corrections', async () => {
    const keyPrefix = `raw-${randomBytes(4).toString('hex')}`;
    const store: Store & RedisStore = await RedisStore.connect({ engine: 'redis', url: redis.url, keyPrefix }, [
      'nijmegen',
      'arnhem',
    ]);
    const world = await myDataWorld({ store });
    const referenceId = await forwardAndCorrect(world);
    const raw = async () => {
      const keys = await scanKeys(store.client, `${keyPrefix}:*`);
      const dumps = await Promise.all(keys.map((key) => store.client.dumpBuffer(key)));
      return dumps.map((dump) => dump?.toString('latin1') ?? '').join('') + keys.join('\n');
    };
    await expectNothingReadable(raw, world, referenceId);
    const output = await rotateKeys({
      REGIE_STORAGE: 'redis',
      REGIE_REDIS_URL: redis.url,
      REGIE_REDIS_KEY_PREFIX: keyPrefix,
    });
    expect(output).toContain('correction.customerRef 1, correction.proposal 1, correction.answer 1');
    await store.close();
  });
});
