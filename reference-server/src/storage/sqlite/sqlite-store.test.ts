import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeConnectStoreContract } from '../connect-store.contract.js';
import { describeMyDataStoreContract } from '../my-data-store.contract.js';
import { describeFetchStoreContract } from '../fetch-store.contract.js';
import { describeArrangementStoreContract } from '../arrangement-store.contract.js';
import { describeStoreContract } from '../store.contract.js';
import Database from 'better-sqlite3';
import { StoredDataError } from '../stored-json.js';
import { SqliteStore } from './sqlite-store.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describeStoreContract('sqlite (in memory)', () => new SqliteStore({ directory: ':memory:', tenantIds: ['a', 'b'] }));

describeStoreContract('sqlite (files)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regiekit-store-'));
  dirs.push(dir);
  return new SqliteStore({ directory: dir, tenantIds: ['a', 'b'] });
});

describeConnectStoreContract(
  'sqlite (in memory)',
  () => new SqliteStore({ directory: ':memory:', tenantIds: ['a', 'b'] }),
);
describeMyDataStoreContract(
  'sqlite (in memory)',
  () => new SqliteStore({ directory: ':memory:', tenantIds: ['a', 'b'] }),
);
describeFetchStoreContract(
  'sqlite (in memory)',
  () => new SqliteStore({ directory: ':memory:', tenantIds: ['a', 'b'] }),
);
describeArrangementStoreContract(
  'sqlite (in memory)',
  () => new SqliteStore({ directory: ':memory:', tenantIds: ['a', 'b'] }),
);

describe('SqliteStore files', () => {
  it('keeps one database file per tenant and reopens it with its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regiekit-store-'));
    dirs.push(dir);
    const first = new SqliteStore({ directory: dir, tenantIds: ['a', 'b'] });
    expect(existsSync(join(dir, 'tenants', 'a.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'tenants', 'b.sqlite'))).toBe(true);
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
    await first.close();
    const second = new SqliteStore({ directory: dir, tenantIds: ['a', 'b'] });
    expect((await second.forTenant('a').calls.get('c1'))?.callId).toBe('c1');
    expect(() => second.forTenant('c')).toThrow(/no store/);
    await second.close();
  });

  it('keeps the data directory and the database files private to the service user', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regiekit-store-'));
    dirs.push(dir);
    const store = new SqliteStore({ directory: dir, tenantIds: ['a'] });
    await store
      .forTenant('a')
      .audit.append({ at: 1, type: 'login.succeeded', actor: 'anna', subject: null, detail: null });
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'tenants'))).toBe(0o700);
    for (const file of readdirSync(join(dir, 'tenants'))) expect(mode(join(dir, 'tenants', file))).toBe(0o600);
    await store.close();
  });

  it('keeps the audit log append-only, even for someone with the database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regiekit-store-'));
    dirs.push(dir);
    const store = new SqliteStore({ directory: dir, tenantIds: ['a'] });
    await store
      .forTenant('a')
      .audit.append({ at: 1, type: 'login.succeeded', actor: 'anna', subject: null, detail: null });
    const raw = new Database(store.fileOf('a'));
    expect(() => raw.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    raw.close();
    expect(await store.forTenant('a').audit.list(10)).toMatchObject([{ type: 'login.succeeded', actor: 'anna' }]);
    await store.close();
  });

  it('reads structured fields back typed, and refuses a row changed outside the server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regiekit-store-'));
    dirs.push(dir);
    const store = new SqliteStore({ directory: dir, tenantIds: ['a'] });
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
    const raw = new Database(store.fileOf('a'));
    expect(raw.prepare('SELECT fields FROM consents').get()).toEqual({ fields: '["items"]' });
    raw.prepare(`UPDATE consents SET fields = '"items"'`).run();
    raw.close();
    await expect(consents.get('k1')).rejects.toThrow(StoredDataError);
    await store.close();
  });
});
