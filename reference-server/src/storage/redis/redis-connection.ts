import { readFileSync } from 'node:fs';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { StorageConfig } from '../../config/schema.js';
import { defineScripts, type RedisClient } from './redis-keyspace.js';

export type RedisSettings = Extract<StorageConfig, { engine: 'redis' }>;

/**
 * Commands fail fast while Redis is away (no offline queue, one retry), so
 * requests get a 503 within seconds instead of hanging; the client keeps
 * reconnecting in the background and service resumes by itself.
 */
const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 3000,
  connectTimeout: 3000,
  retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  // A command in flight when the connection dropped may have run already: sending it again could count an
  // attempt twice or append an audit entry twice. It fails instead (503), and the client may retry.
  autoResendUnfulfilledCommands: false,
  // Commands issued in the same tick leave in one write: a resolve asks for several counters and a
  // lookup at once, and a socket write per command cost more CPU than the commands themselves.
  enableAutoPipelining: true,
};

/** TLS, credentials and database from a `redis://` or `rediss://` URL plus an optional CA file. */
function connectionOptions(settings: RedisSettings): RedisOptions {
  const options: RedisOptions = { ...FAIL_FAST };
  if (settings.url) {
    const url = new URL(settings.url);
    if (url.username) options.username = decodeURIComponent(url.username);
    if (url.password) options.password = decodeURIComponent(url.password);
    if (url.pathname.length > 1) options.db = Number(url.pathname.slice(1));
    if (url.protocol === 'rediss:')
      options.tls = { servername: url.hostname, ...(settings.caFile && { ca: readFileSync(settings.caFile) }) };
    options.host = url.hostname;
    options.port = Number(url.port || 6379);
  }
  return options;
}

/** Opens the client the settings describe: one server, a Sentinel-watched primary, or a Cluster. */
export function connectRedis(settings: RedisSettings): RedisClient {
  const options = connectionOptions(settings);
  let client: RedisClient;
  if (settings.clusterNodes) {
    const { host: _host, port: _port, ...shared } = options;
    const clusterOptions: ClusterOptions = {
      redisOptions: shared,
      enableOfflineQueue: false,
      enableAutoPipelining: true,
      clusterRetryStrategy: FAIL_FAST.retryStrategy,
    };
    client = new Cluster(settings.clusterNodes, clusterOptions);
  } else if (settings.sentinels) {
    const { host: _host, port: _port, ...shared } = options;
    client = new Redis({
      ...shared,
      sentinels: settings.sentinels,
      name: settings.sentinelName,
      ...(shared.tls && { sentinelTLS: shared.tls, enableTLSForSentinelMode: true }),
    });
  } else {
    client = new Redis(options);
  }
  // Connection errors surface as failed commands (503); the event itself only needs a listener, or Node would throw.
  client.on('error', () => undefined);
  defineScripts(client);
  return client;
}

/**
 * Resolves once the client is connected; rejects on the first connection
 * error or after the timeout, so a server that cannot reach its Redis at
 * start-up stops with a clear line instead of waiting.
 */
export async function whenReady(client: RedisClient, timeoutMs = 5000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => done();
    const onError = (error: Error) => done(new Error(`redis: not reachable (${error.message})`));
    const timer = setTimeout(() => done(new Error('redis: not reachable (timed out)')), timeoutMs);
    client.once('ready', onReady);
    client.once('error', onError);
  });
}
