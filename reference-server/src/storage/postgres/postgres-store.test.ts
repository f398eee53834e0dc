import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { describeArrangementStoreContract } from '../arrangement-store.contract.js';
import { describeConnectStoreContract } from '../connect-store.contract.js';
import { describeFetchStoreContract } from '../fetch-store.contract.js';
import { describeMyDataStoreContract } from '../my-data-store.contract.js';
import { describeStoreContract } from '../store.contract.js';
import { StoredDataError } from '../stored-json.js';
import { isStorageUnavailable } from '../storage-errors.js';
import { PostgresStore } from './postgres-store.js';

const postgresUrl = inject('postgresUrl');

/**
 * A store on the test database under a fresh schema prefix, so tests never see each other's tables. The
 * database is this run's own and dropped at its end (testing/postgres-global-setup.ts), schemas and all.
 */
async function openPostgresStore(tenantIds: string[] = ['a', 'b']): Promise<PostgresStore> {
  const schemaPrefix = `t${randomBytes(5).toString('hex')}`;
  return PostgresStore.connect({ engine: 'postgres', url: postgresUrl, schemaPrefix, poolSize: 4 }, tenantIds);
}

async function asOperator<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describeStoreContract('postgres', () => openPostgresStore());
describeConnectStoreContract('postgres', () => openPostgresStore());
describeMyDataStoreContract('postgres', () => openPostgresStore());
describeFetchStoreContract('postgres', () => openPostgresStore());
describeArrangementStoreContract('postgres', () => openPostgresStore());

describe('PostgresStore start-up', () => {
  it('names a database it cannot reach without its password, as storage unavailable', async () => {
    const url = 'postgres://regie:hunter2-secret@127.0.0.1:1/regie';
    const failure = await PostgresStore.connect({ engine: 'postgres', url, schemaPrefix: 'x', poolSize: 1 }, [
      'a',
    ]).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toMatch(/^postgres: not reachable at postgres:\/\/regie:\*\*\*@127\.0\.0\.1:1\/regie/);
    expect(failure?.message).not.toContain('hunter2');
    expect(isStorageUnavailable(failure)).toBe(true);
  });
});

describe('PostgresStore schemas', () => {
  it('keeps each tenant in a schema of its own, reopened with its data by the next instance', async () => {
    const first = await openPostgresStore(['a', 'b']);
    await first.forTenant('a').calls.insertIfCodeFree(
      {
        callId: 'c1',
        purpose: 'general',
        callTokenHash: 't',
        codeHash: 'h',
        codeSealedForCitizen: 's',
        codeExpiresAt: 10,
        createdAt: 0,
        deleteAt: 20,
      },
      0,
    );
    const prefix = first.settings.schemaPrefix;
    const second = await PostgresStore.connect(first.settings, ['a', 'b']);
    expect((await second.forTenant('a').calls.get('c1'))?.callId).toBe('c1');
    expect(await second.forTenant('b').calls.get('c1')).toBeUndefined();
    expect(() => second.forTenant('c')).toThrow(/no store/);
    const tables = await asOperator(async (client) => {
      const { rows } = await client.query<{ table_schema: string }>(
        `SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_name = 'calls' AND table_schema LIKE $1`,
        [`${prefix}\\_%`],
      );
      return rows.map((row) => row.table_schema).sort();
    });
    expect(tables).toEqual([`${prefix}_t_a`, `${prefix}_t_b`]);
    await first.close();
    await second.close();
  });

  it('migrates once when several instances start at the same time', async () => {
    const first = await openPostgresStore(['a']);
    await first.close();
    const together = await Promise.all(
      [1, 2, 3].map(() =>
        PostgresStore.connect({ ...first.settings, schemaPrefix: `${first.settings.schemaPrefix}x` }, ['a']),
      ),
    );
    const versions = await asOperator(async (client) => {
      const { rows } = await client.query<{ version: number }>(
        `SELECT version FROM ${first.settings.schemaPrefix}x_t_a.schema_version`,
      );
      return rows;
    });
    expect(versions).toHaveLength(1);
    expect(versions[0]!.version).toBeGreaterThan(0);
    for (const store of together) await store.close();
  });

  it('keeps the audit log append-only, even for someone with a database login', async () => {
    const store = await openPostgresStore(['a']);
    await store
      .forTenant('a')
      .audit.append({ at: 1, type: 'login.succeeded', actor: 'anna', subject: null, detail: null });
    const schema = store.schemaOf('a');
    await asOperator(async (client) => {
      await expect(client.query(`UPDATE ${schema}.audit_log SET actor = 'mallory'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM ${schema}.audit_log`)).rejects.toThrow(/append-only/);
      await expect(client.query(`TRUNCATE ${schema}.audit_log`)).rejects.toThrow(/append-only/);
    });
    expect(await store.forTenant('a').audit.list(10)).toMatchObject([{ type: 'login.succeeded', actor: 'anna' }]);
    await store.close();
  });

  it('reads structured fields back typed, and refuses a row changed outside the server', async () => {
    const store = await openPostgresStore(['a']);
    const consents = store.forTenant('a').consents;
    await consents.insert({
      consentId: 'k1',
      consumerId: 'c1',
      userId: 'u1',
      sub: 's1',
      serviceType: 'https://t',
      purpose: { code: 'debt-relief.overview', text: { nl: 'Overzicht', en: 'Overview' } },
      fields: ['items'],
      providerChoice: 'user-choice',
      mode: 'one-off',
      validUntil: 10,
      state: 'requested',
      statusTokenHash: 'st',
      returnUrl: null,
      stateSealed: null,
      createdAt: 1,
      requestExpiresAt: 5,
      decidedAt: null,
      receipt: null,
      endedBy: null,
    });
    const schema = store.schemaOf('a');
    await asOperator(async (client) => {
      expect((await client.query(`SELECT fields FROM ${schema}.consents`)).rows).toEqual([{ fields: '["items"]' }]);
      await client.query(`UPDATE ${schema}.consents SET fields = '"items"'`);
    });
    await expect(consents.get('k1')).rejects.toThrow(StoredDataError);
    await store.close();
  });
});
