import { resolve } from 'node:path';
import type { ConsoleFeed } from './console-feed.js';
import type { AppConfig } from '../config/resolve-config.js';
import type { AttemptCounters } from '../shared/attempt-counter.js';
import { RedisAttemptCounter } from './redis/redis-attempt-counter.js';
import { RedisConsoleFeed } from './redis/redis-console-feed.js';
import { RedisStore } from './redis/redis-store.js';
import { connectRedis, whenReady, type RedisSettings } from './redis/redis-connection.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import { PgAttemptCounter } from './postgres/pg-attempt-counter.js';
import { PgConsoleFeed } from './postgres/pg-console-feed.js';
import { PostgresStore } from './postgres/postgres-store.js';
import type { Store } from './store.js';

/**
 * The state a server instance works on. With SQLite it is the store alone
 * (counters and the console feed stay in the process: one instance); with
 * Redis or PostgreSQL, the counters, one-time ids and the console feed live
 * there too, so instances share everything.
 */
export interface Storage {
  store: Store;
  counters?: AttemptCounters;
  consoleFeed?: ConsoleFeed;
  /** What the operator should fix in the storage's own configuration (logged at start-up). */
  warnings?: string[];
  close(): Promise<void>;
}

export async function openStorage(
  config: Pick<AppConfig, 'storage' | 'dataDir' | 'tenants' | 'keyRing'>,
): Promise<Storage> {
  const tenantIds = config.tenants.map((tenant) => tenant.id);
  if (config.storage.engine === 'sqlite') {
    const store = new SqliteStore({ directory: resolve(config.dataDir), tenantIds });
    return { store, close: () => store.close() };
  }
  if (config.storage.engine === 'postgres') {
    const store = await PostgresStore.connect(config.storage, tenantIds);
    const counterKey = config.keyRing.derive(config.keyRing.currentKeyId, '*', 'attempt-counter');
    const live = config.storage.redis
      ? await liveStateInRedis({ engine: 'redis', ...config.storage.redis }, counterKey).catch(
          async (error: unknown) => {
            await store.close();
            throw error;
          },
        )
      : {
          consoleFeed: PgConsoleFeed.of(store),
          counters: PgAttemptCounter.factory(store.live, counterKey),
          ping: async () => undefined,
          close: async () => undefined,
        };
    return {
      store: config.storage.redis ? readyWhenBoth(store, live.ping) : store,
      counters: live.counters,
      consoleFeed: live.consoleFeed,
      close: async () => {
        await live.consoleFeed.close();
        await live.close();
        await store.close();
      },
    };
  }
  const store = await RedisStore.connect(config.storage, tenantIds);
  const prefix = config.storage.keyPrefix;
  const consoleFeed = new RedisConsoleFeed(store.client, prefix);
  return {
    store,
    counters: RedisAttemptCounter.factory(
      store.client,
      prefix,
      config.keyRing.derive(config.keyRing.currentKeyId, '*', 'attempt-counter'),
    ),
    warnings: await store.configurationWarnings(),
    consoleFeed,
    close: async () => {
      await consoleFeed.close();
      await store.close();
    },
  };
}

/** The console feed and the attempt counters in a Redis beside the records in PostgreSQL. */
async function liveStateInRedis(settings: RedisSettings, counterKey: Buffer) {
  const client = connectRedis(settings);
  try {
    await whenReady(client);
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return {
    consoleFeed: new RedisConsoleFeed(client, settings.keyPrefix),
    counters: RedisAttemptCounter.factory(client, settings.keyPrefix, counterKey),
    ping: async () => void (await client.ping()),
    close: async () => void (await client.quit().catch(() => client.disconnect())),
  };
}

/** The records' store, ready (`/readyz`) only while the Redis beside it answers too. */
function readyWhenBoth(records: Store, pingLive: () => Promise<void>): Store {
  return {
    forTenant: (tenantId) => records.forTenant(tenantId),
    ping: async () => {
      await records.ping();
      await pingLive();
    },
    close: () => records.close(),
  };
}
