import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { PostgresStore } from '../reference-server/src/storage/postgres/postgres-store.js';
import { RedisStore } from '../reference-server/src/storage/redis/redis-store.js';
import { describeTwoInstances } from './support/two-instances-suite.js';

const keyPrefix = `two-${randomBytes(4).toString('hex')}`;
const redisUrl = inject('redisUrl');
describeTwoInstances('Redis', {
  env: { REGIE_STORAGE: 'redis', REGIE_REDIS_URL: redisUrl, REGIE_REDIS_KEY_PREFIX: keyPrefix },
  open: () => RedisStore.connect({ engine: 'redis', url: redisUrl, keyPrefix }, ['nijmegen']),
  clean: async (store) => {
    const { client } = store as RedisStore;
    const keys = await client.keys(`${keyPrefix}:*`);
    if (keys.length > 0) await client.del(...keys);
  },
});

// No Redis at all: records, sessions, limits and the console feed all in one PostgreSQL database.
const schemaPrefix = `two${randomBytes(4).toString('hex')}`;
const postgresUrl = inject('postgresUrl');
describeTwoInstances('PostgreSQL', {
  env: { REGIE_STORAGE: 'postgres', REGIE_DATABASE_URL: postgresUrl, REGIE_DATABASE_SCHEMA_PREFIX: schemaPrefix },
  open: () => PostgresStore.connect({ engine: 'postgres', url: postgresUrl, schemaPrefix, poolSize: 4 }, ['nijmegen']),
  // The run's database is dropped at its end, schemas and all.
  clean: async () => undefined,
});
