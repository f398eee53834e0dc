import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { describeConnectStoreContract } from '../connect-store.contract.js';
import { describeMyDataStoreContract } from '../my-data-store.contract.js';
import { describeFetchStoreContract } from '../fetch-store.contract.js';
import { describeArrangementStoreContract } from '../arrangement-store.contract.js';
import { describeStoreContract } from '../store.contract.js';
import { RedisStore } from './redis-store.js';

const redisUrl = inject('redisUrl');
const prefixes: string[] = [];

/** A store on the test Redis under a fresh key prefix, so runs and tests never see each other's keys. */
async function openRedisStore(): Promise<RedisStore> {
  const keyPrefix = `test-${randomBytes(6).toString('hex')}`;
  prefixes.push(keyPrefix);
  return RedisStore.connect({ engine: 'redis', url: redisUrl, keyPrefix }, ['a', 'b']);
}

afterAll(async () => {
  const cleaner = await RedisStore.connect({ engine: 'redis', url: redisUrl, keyPrefix: 'cleanup' }, []);
  for (const prefix of prefixes) {
    const keys = await cleaner.client.keys(`${prefix}:*`);
    if (keys.length > 0) await cleaner.client.del(...keys);
  }
  await cleaner.close();
});

describeStoreContract('redis', openRedisStore);
describeConnectStoreContract('redis', openRedisStore);
describeMyDataStoreContract('redis', openRedisStore);
describeFetchStoreContract('redis', openRedisStore);
describeArrangementStoreContract('redis', openRedisStore);

describe('RedisStore keys', () => {
  it('keeps every key of a tenant under its hash-tagged prefix, with TTLs on what expires', async () => {
    const store = await openRedisStore();
    const now = Date.now();
    await store.forTenant('a').calls.insertIfCodeFree(
      {
        callId: 'c1',
        purpose: 'general',
        callTokenHash: 't',
        codeHash: 'h',
        codeSealedForCitizen: 's',
        codeExpiresAt: now + 600_000,
        createdAt: now,
        deleteAt: now + 3_600_000,
      },
      now,
    );
    const keys = await store.client.keys(`${store.prefixOf('a').split(':')[0]}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.startsWith(store.prefixOf('a'))).toBe(true);
    expect(store.prefixOf('a')).toMatch(/:\{a\}:$/);
    const ttl = await store.client.pttl(`${store.prefixOf('a')}call:c1`);
    // The call's own retention, not a minute more: caller data never outlives it, sweeper or not.
    expect(ttl).toBeGreaterThan(3_590_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    await store.close();
  });
});
