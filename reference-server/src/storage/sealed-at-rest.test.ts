import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callSteps } from '../testing/call-steps.js';
import { PARTY_AUTH, partyCall } from '../testing/connect-steps.js';
import { consentWorld, type ConsentWorld } from '../testing/consent-steps.js';
import { startRedisServer, type StartedRedis } from '../testing/redis-server.js';
import { createTestServerOn, testConfigInput } from '../testing/test-server.js';
import type { AppDeps } from '../app.js';
import { RedisAttemptCounter } from './redis/redis-attempt-counter.js';
import { RedisConsoleFeed } from './redis/redis-console-feed.js';
import { RedisStore } from './redis/redis-store.js';
import { scanKeys } from './redis/redis-scan.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import { PgAttemptCounter } from './postgres/pg-attempt-counter.js';
import { PgConsoleFeed } from './postgres/pg-console-feed.js';
import { PostgresStore } from './postgres/postgres-store.js';
import type { Store } from './store.js';

const BSN = '999993653';
const FIRST_NAMES = 'Willeke Liselotte';
const SURNAME = 'De Bruijn';
const CODE = '4815162342';
const CONSUMER_STATE = 'debt-app-state-7f3a9c2e';
const CALLER_ID = '+31612345678';
const CUSTOMER_REFS = ['energie-klant-1', 'zorg-polis-7'];
const OLD_KEY = `test:${Buffer.alloc(32, 7).toString('base64')}`;
const NEW_KEY = `next:${Buffer.alloc(32, 11).toString('base64')}`;
const ROTATE_KEYS = join(import.meta.dirname, '../../dist/cli/rotate-keys.js');

/** Fills a store with everything personal the server keeps: a called caller, two connections, a consent with references. */
async function fillWithPersonalData(
  store: Store,
  deps: Partial<AppDeps> = {},
): Promise<{ world: ConsentWorld; secrets: string[]; markers: string[] }> {
  const world = await consentWorld({ store, options: { deps: { newDtmfCode: () => CODE, ...deps } } });
  const steps = callSteps(world.server);
  const call = await steps.create();
  await steps.disclose(call, {
    'pbdf.gemeente.personalData.bsn': BSN,
    'pbdf.gemeente.personalData.firstnames': FIRST_NAMES,
    'pbdf.gemeente.personalData.surname': SURNAME,
  });
  await steps.disclosed(call);
  expect((await steps.resolve('nijmegen', { code: CODE, callId: 'CA-raw', callerId: CALLER_ID })).status).toBe(200);
  // A wrong code from a known caller id: the attempt counters see the phone number.
  expect(
    (await steps.resolve('nijmegen', { code: '1111111111', callId: 'CA-wrong', callerId: CALLER_ID })).status,
  ).toBe(404);
  const consent = await world.request({ state: CONSUMER_STATE });
  expect((await world.accept(consent.consentId)).status).toBe(200);
  return {
    world,
    secrets: [BSN, 'Willeke', 'Bruijn', CODE, call.callToken, CONSUMER_STATE, CALLER_ID.slice(1), ...CUSTOMER_REFS],
    markers: [call.callId, consent.consentId],
  };
}

async function providerSeesCustomerRefs(store: Store, masterKey: string): Promise<string[]> {
  const server = createTestServerOn(store, { config: { masterKey, previousMasterKeys: [] } });
  const { body } = await partyCall<{ connections: { customerRef: string }[] }>(
    server.app,
    PARTY_AUTH.energie,
    'GET',
    '/api/v1/nijmegen/provider/connections',
  );
  return body.connections.map((connection) => connection.customerRef);
}

/** Runs `npm run rotate-keys` as an operator would: new key current, old key still readable. */
async function runRotateKeys(env: Record<string, string>): Promise<string> {
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

describe('SQLite at rest', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), 'regiekit-raw-'));
    dirs.push(dir);
    return { dir, store: new SqliteStore({ directory: dir, tenantIds: ['nijmegen', 'arnhem'] }) };
  };

  it('holds no disclosed value, code, token, customer reference or consumer state in its files', async () => {
    const { dir, store } = open();
    const { secrets, markers } = await fillWithPersonalData(store);
    store.checkpoint();
    const raw = readdirSync(join(dir, 'tenants'))
      .map((file) => readFileSync(join(dir, 'tenants', file)).toString('latin1'))
      .join('');
    for (const marker of markers) expect(raw).toContain(marker);
    for (const secret of secrets) expect(raw).not.toContain(secret);
    await store.close();
  });

  it('rotate-keys re-encrypts connections, consents, references and passkeys, so the old key can go', async () => {
    const { dir, store } = open();
    await fillWithPersonalData(store);
    await store.close();
    const output = await runRotateKeys({ REGIE_DATA_DIR: dir });
    expect(output).toContain(
      'nijmegen: re-encrypted under key next: connection.customerRef 2, consent.state 1, dataReference.operation 2, passkey.credential 1, correction.customerRef 0, correction.proposal 0, correction.answer 0, arrangement.terms 0; left under older keys: 0',
    );
    const reopened = new SqliteStore({ directory: dir, tenantIds: ['nijmegen', 'arnhem'] });
    for (const kind of [
      'connection.customerRef',
      'consent.state',
      'dataReference.operation',
      'passkey.credential',
    ] as const) {
      for (const { sealed } of await reopened.forTenant('nijmegen').sealedData.list(kind))
        expect(sealed).toMatch(/^v1\.next\./);
    }
    expect((await providerSeesCustomerRefs(reopened, NEW_KEY)).sort()).toEqual(['energie-klant-1']);
    await reopened.close();
  });
});

describe('Redis at rest', () => {
  let redis: StartedRedis;
  const prefixes: string[] = [];
  // A Redis of this test's own, without RDB compression, so DUMP shows every stored byte as it is.
  beforeAll(async () => {
    redis = await startRedisServer({ extraArgs: ['--rdbcompression', 'no'] });
  });
  afterAll(() => redis.stop());
  const open = () => {
    const keyPrefix = `raw-${randomBytes(4).toString('hex')}`;
    prefixes.push(keyPrefix);
    return RedisStore.connect({ engine: 'redis', url: redis.url, keyPrefix }, ['nijmegen', 'arnhem']).then((store) => ({
      keyPrefix,
      store,
    }));
  };

  it('holds none of them in any key (SCAN + DUMP), the shared console feed included', async () => {
    const { keyPrefix, store } = await open();
    const consoleFeed = new RedisConsoleFeed(store.client, keyPrefix);
    const { secrets, markers } = await fillWithPersonalData(store, {
      consoleFeed,
      counters: RedisAttemptCounter.factory(store.client, keyPrefix, Buffer.alloc(32, 3)),
    });
    expect((await consoleFeed.position('nijmegen')).seq).toBeGreaterThan(0);
    await consoleFeed.close();
    const keys = await scanKeys(store.client, `${keyPrefix}:*`);
    expect(keys.length).toBeGreaterThan(20);
    const dumps = await Promise.all(keys.map((key) => store.client.dumpBuffer(key)));
    const raw = dumps.map((dump) => dump?.toString('latin1') ?? '').join('') + keys.join('\n');
    for (const marker of markers) expect(raw).toContain(marker);
    for (const secret of secrets) expect(raw).not.toContain(secret);
    await store.close();
  });

  it('rotate-keys re-encrypts them there too', async () => {
    const { keyPrefix, store } = await open();
    await fillWithPersonalData(store);
    const output = await runRotateKeys({
      REGIE_STORAGE: 'redis',
      REGIE_REDIS_URL: redis.url,
      REGIE_REDIS_KEY_PREFIX: keyPrefix,
    });
    expect(output).toContain(
      'nijmegen: re-encrypted under key next: connection.customerRef 2, consent.state 1, dataReference.operation 2, passkey.credential 1, correction.customerRef 0, correction.proposal 0, correction.answer 0, arrangement.terms 0; left under older keys: 0',
    );
    expect((await providerSeesCustomerRefs(store, NEW_KEY)).sort()).toEqual(['energie-klant-1']);
    await store.close();
  });
});

describe('PostgreSQL at rest', () => {
  const url = inject('postgresUrl');
  const open = () =>
    PostgresStore.connect(
      { engine: 'postgres', url, schemaPrefix: `raw${randomBytes(4).toString('hex')}`, poolSize: 4 },
      ['nijmegen', 'arnhem'],
    );

  it('holds none of them in a pg_dump of its schemas, the console feed and attempt counters included', async () => {
    const store = await open();
    const consoleFeed = PgConsoleFeed.of(store);
    const { secrets, markers } = await fillWithPersonalData(store, {
      consoleFeed,
      counters: PgAttemptCounter.factory(store.live, Buffer.alloc(32, 3)),
    });
    expect((await consoleFeed.position('nijmegen')).seq).toBeGreaterThan(0);
    await consoleFeed.close();
    // What an operator's backup holds: every schema of the deployment, as plain SQL.
    const { stdout: dump } = await promisify(execFile)(
      'pg_dump',
      ['--dbname', url, '--schema', `${store.settings.schemaPrefix}_*`, '--format', 'plain', '--no-owner'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    expect(dump).toContain('attempt_counters');
    for (const marker of markers) expect(dump).toContain(marker);
    for (const secret of secrets) expect(dump).not.toContain(secret);
    await store.close();
  });

  it('rotate-keys re-encrypts them there too', async () => {
    const store = await open();
    await fillWithPersonalData(store);
    const output = await runRotateKeys({
      REGIE_STORAGE: 'postgres',
      REGIE_DATABASE_URL: url,
      REGIE_DATABASE_SCHEMA_PREFIX: store.settings.schemaPrefix,
    });
    expect(output).toContain(
      'nijmegen: re-encrypted under key next: connection.customerRef 2, consent.state 1, dataReference.operation 2, passkey.credential 1, correction.customerRef 0, correction.proposal 0, correction.answer 0, arrangement.terms 0; left under older keys: 0',
    );
    expect((await providerSeesCustomerRefs(store, NEW_KEY)).sort()).toEqual(['energie-klant-1']);
    await store.close();
  });
});
