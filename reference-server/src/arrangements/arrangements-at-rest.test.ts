import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArrangementFlowStarted } from '@regiekit/sdk/protocol';
import { arrangementWorld, proposal, type ArrangementWorld } from '../testing/arrangement-steps.js';
import { partyCall, PARTY_AUTH } from '../testing/connect-steps.js';
import { startRedisServer, type StartedRedis } from '../testing/redis-server.js';
import { testConfigInput } from '../testing/test-server.js';
import { RedisStore } from '../storage/redis/redis-store.js';
import { scanKeys } from '../storage/redis/redis-scan.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import type { Store } from '../storage/store.js';

// What an arrangement leaves in the store: nothing readable of the household's amounts or the
// creditor's words; and rotate-keys re-encrypts the terms.
const BALANCE = 87_613;
const MONTHLY = 9_173;
const COUNTER_REASON = 'eerst-de-huur-afbetalen-5d1c';
const OLD_KEY = `test:${Buffer.alloc(32, 7).toString('base64')}`;
const NEW_KEY = `next:${Buffer.alloc(32, 11).toString('base64')}`;
const ROTATE_KEYS = join(import.meta.dirname, '../../dist/cli/rotate-keys.js');
const SECRETS = [String(BALANCE), String(MONTHLY), COUNTER_REASON];

/** A request within the energy company's policy, confirmed; then countered by its staff. */
async function arrange(world: ArrangementWorld): Promise<void> {
  const asked = await partyCall<ArrangementFlowStarted>(
    world.server.app,
    PARTY_AUTH.schuldhulp,
    'POST',
    '/api/v1/nijmegen/consumer/arrangements',
    {
      sub: world.sub,
      connectionId: world.connections.energie,
      policy: world.policies.energie,
      proposal: proposal(BALANCE, MONTHLY),
      presentedAs: 'accepted-in-advance',
    },
  );
  expect(asked.status).toBe(201);
  const flowId = asked.body.startUrl.split('/').pop()!;
  world.server.clock.advance(1);
  await world.browser.signIn(world.passkey);
  expect((await world.browser.json(`/api/v1/nijmegen/account/flows/${flowId}/approve`, { json: {} })).status).toBe(200);
  // Accepted at once; a second request, for the insurer, is countered with words of its own.
  const second = await partyCall<ArrangementFlowStarted>(
    world.server.app,
    PARTY_AUTH.schuldhulp,
    'POST',
    '/api/v1/nijmegen/consumer/arrangements',
    {
      sub: world.sub,
      connectionId: world.connections.zorg,
      policy: world.policies.zorg,
      proposal: proposal(BALANCE + 100_000, MONTHLY),
      presentedAs: 'needs-review',
    },
  );
  world.server.clock.advance(1);
  await world.browser.signIn(world.passkey);
  await world.browser.json(`/api/v1/nijmegen/account/flows/${second.body.startUrl.split('/').pop()!}/approve`, {
    json: {},
  });
  const countered = await partyCall(
    world.server.app,
    await world.zorgAuth(),
    'POST',
    `/api/v1/nijmegen/provider/arrangements/${second.body.arrangementId}/counter`,
    { counterProposal: proposal(BALANCE + 100_000, MONTHLY * 2), reason: COUNTER_REASON },
  );
  expect(countered.status).toBe(200);
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

describe('arrangements at rest, on SQLite', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('keeps the amounts and the creditor’s words sealed; rotate-keys re-encrypts the terms', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regiekit-raw-'));
    dirs.push(dir);
    const store = new SqliteStore({ directory: dir, tenantIds: ['nijmegen', 'arnhem'] });
    const world = await arrangementWorld(store);
    await arrange(world);
    store.checkpoint();
    const raw = readdirSync(join(dir, 'tenants'))
      .map((file) => readFileSync(join(dir, 'tenants', file)).toString('latin1'))
      .join('');
    for (const secret of SECRETS) expect(raw, secret).not.toContain(secret);
    await store.close();

    expect(await rotateKeys({ REGIE_DATA_DIR: dir })).toContain('arrangement.terms 2');
    const reopened = new SqliteStore({ directory: dir, tenantIds: ['nijmegen', 'arnhem'] });
    for (const { sealed } of await reopened.forTenant('nijmegen').sealedData.list('arrangement.terms'))
      expect(sealed).toMatch(/^v1\.next\./);
    await reopened.close();
  });
});

describe('arrangements at rest, on Redis', () => {
  let redis: StartedRedis;
  // Without RDB compression, so DUMP shows every stored byte as it is.
  beforeAll(async () => {
    redis = await startRedisServer({ extraArgs: ['--rdbcompression', 'no'] });
  });
  afterAll(() => redis.stop());

  it('holds none of them in any key (SCAN + DUMP); rotate-keys re-encrypts the terms', async () => {
    const keyPrefix = `raw-${randomBytes(4).toString('hex')}`;
    const store: Store & RedisStore = await RedisStore.connect({ engine: 'redis', url: redis.url, keyPrefix }, [
      'nijmegen',
      'arnhem',
    ]);
    const world = await arrangementWorld(store);
    await arrange(world);
    const keys = await scanKeys(store.client, `${keyPrefix}:*`);
    const dumps = await Promise.all(keys.map((key) => store.client.dumpBuffer(key)));
    const raw = dumps.map((dump) => dump?.toString('latin1') ?? '').join('') + keys.join('\n');
    for (const secret of SECRETS) expect(raw, secret).not.toContain(secret);
    const output = await rotateKeys({
      REGIE_STORAGE: 'redis',
      REGIE_REDIS_URL: redis.url,
      REGIE_REDIS_KEY_PREFIX: keyPrefix,
    });
    expect(output).toContain('arrangement.terms 2');
    await store.close();
  });
});
