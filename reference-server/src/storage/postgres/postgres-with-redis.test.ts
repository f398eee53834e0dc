import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { AppConfig } from '../../config/resolve-config.js';
import { KeyRing, parseMasterKey } from '../../crypto/key-ring.js';
import { openStorage } from '../open-storage.js';
import type { PostgresSettings } from './pg-connection.js';
import { PostgresStore } from './postgres-store.js';

const until = async (check: () => boolean, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('PostgreSQL for the records, Redis for what is live', () => {
  it('shares the console feed and the counters through Redis, and keeps them out of the database', async () => {
    const schemaPrefix = `w${randomBytes(5).toString('hex')}`;
    const config = {
      storage: {
        engine: 'postgres',
        url: inject('postgresUrl'),
        schemaPrefix,
        poolSize: 2,
        redis: { url: inject('redisUrl'), keyPrefix: `live-${randomBytes(4).toString('hex')}` },
      },
      dataDir: '/nonexistent',
      tenants: [{ id: 'a' }],
      keyRing: new KeyRing(parseMasterKey(`k1:${Buffer.alloc(32, 4).toString('base64')}`)),
    } as unknown as Pick<AppConfig, 'storage' | 'dataDir' | 'tenants' | 'keyRing'>;
    const [one, two] = await Promise.all([openStorage(config), openStorage(config)]);
    const seen: number[] = [];
    const stop = await one!.consoleFeed!.subscribe('a', {
      entry: (entry) => seen.push(entry.seq),
      reset: () => undefined,
    });
    await two!.consoleFeed!.publish('a', '{"type":"call-ended","callId":"c1"}');
    await until(() => seen.length === 1);
    expect(await one!.counters!('dtmf', 60_000).add('+31612345678')).toBe(1);
    expect(await two!.counters!('dtmf', 60_000).add('+31612345678')).toBe(2);
    const records = await PostgresStore.connect(config.storage as PostgresSettings, ['a']);
    expect(await records.dbOf('a').row('SELECT seq FROM console_feed_position')).toEqual({ seq: 0 });
    expect(await records.live.rows('SELECT * FROM attempt_counters')).toEqual([]);
    await records.close();
    // Ready only while both answer.
    await expect(one!.store.ping()).resolves.toBeUndefined();
    stop();
    await Promise.all([one!.close(), two!.close()]);
  });
});
