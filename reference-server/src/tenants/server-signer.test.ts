import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactVerify, createLocalJWKSet } from 'jose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { AppConfig } from '../config/resolve-config.js';
import { KeyRing } from '../crypto/key-ring.js';
import { ServerSigningKeys } from '../crypto/server-signing-keys.js';
import { RedisStore } from '../storage/redis/redis-store.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import type { Store } from '../storage/store.js';
import { ServerSigner } from './server-signer.js';
import { Tenants } from './tenants.js';

const key = (id: string) => ({ id, key: randomBytes(32) });
const settings = [{ id: 'nijmegen' }, { id: 'arnhem' }] as unknown as AppConfig['tenants'];
const dirs: string[] = [];
const prefixes: string[] = [];
afterAll(async () => {
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  const cleaner = await RedisStore.connect({ engine: 'redis', url: inject('redisUrl'), keyPrefix: 'cleanup' }, []);
  for (const prefix of prefixes) {
    const keys = await cleaner.client.keys(`${prefix}:*`);
    if (keys.length > 0) await cleaner.client.del(...keys);
  }
  await cleaner.close();
});

/** Each engine, opened twice on the same data: the server before and after a restart. */
const engines: [string, () => { open: () => Promise<Store> }][] = [
  [
    'sqlite files',
    () => {
      const directory = mkdtempSync(join(tmpdir(), 'regiekit-keys-'));
      dirs.push(directory);
      return { open: async () => new SqliteStore({ directory, tenantIds: ['nijmegen', 'arnhem'] }) };
    },
  ],
  [
    'redis',
    () => {
      const keyPrefix = `test-keys-${randomBytes(6).toString('hex')}`;
      prefixes.push(keyPrefix);
      return {
        open: () => RedisStore.connect({ engine: 'redis', url: inject('redisUrl'), keyPrefix }, ['nijmegen', 'arnhem']),
      };
    },
  ],
];

describe.each(engines)('the server’s published keys (%s)', (_engine, engine) => {
  it('keep a retired key published, with the period it signed in, after restarts, so an old receipt verifies', async () => {
    const storage = engine();
    const old = key('2025');
    const clock = { now: () => Date.parse('2025-06-01T10:00:00Z') };

    const first = await storage.open();
    const ring = new KeyRing(old);
    const tenants = new Tenants({ tenants: settings, keyRing: ring }, first);
    const signer = new ServerSigner(new ServerSigningKeys(ring), clock);
    const receipt = await signer.sign(
      tenants.get('nijmegen')!,
      { receipt_id: 'r1' },
      { issuer: 'https://regie.example' },
    );
    await first.close();

    // A year later the master key is rotated and the old one retired: only the new one is configured.
    const later = { now: () => Date.parse('2026-06-01T10:00:00Z') };
    const second = await storage.open();
    const newRing = new KeyRing(key('2026'));
    const tenantsNow = new Tenants({ tenants: settings, keyRing: newRing }, second);
    const signerNow = new ServerSigner(new ServerSigningKeys(newRing), later);
    await signerNow.sign(tenantsNow.get('arnhem')!, { receipt_id: 'r2' }, { issuer: 'https://regie.example' });
    const published = await signerNow.jwks(tenantsNow.all());
    await second.close();

    expect(published.keys.map((jwk) => jwk.kid)).toEqual(['regiekit-2026', 'regiekit-2025']);
    expect(published.keys[1]).toMatchObject({
      signed_from: '2025-06-01T10:00:00.000Z',
      signed_until: '2025-06-01T10:00:00.000Z',
    });
    expect(published.keys[1]).not.toHaveProperty('d');
    const verified = await compactVerify(receipt, createLocalJWKSet(published));
    expect(verified.protectedHeader.kid).toBe('regiekit-2025');
  });
});
