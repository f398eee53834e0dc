import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { scanKeys } from '../storage/redis/redis-scan.js';
import { redisAnswers, startRedisServer, type StartedRedis } from '../testing/redis-server.js';

/** The Redis the benchmarks run on, and how to let go of it. */
export interface BenchRedis {
  url: string;
  version: string;
  /** Whether this run started the server (then `stop` ends it). */
  started: boolean;
  stop(): Promise<void>;
}

/**
 * REGIE_BENCH_REDIS_URL, else a Redis on 127.0.0.1:6379, else a redis-server
 * started on a free loopback port for this run. A shared Redis is safe: every
 * benchmark keeps to a random key prefix and deletes it afterwards.
 */
export async function findRedis(): Promise<BenchRedis> {
  let url = process.env.REGIE_BENCH_REDIS_URL;
  let started: StartedRedis | undefined;
  if (!url && (await redisAnswers(6379))) url = 'redis://127.0.0.1:6379';
  if (!url) {
    started = await startRedisServer();
    url = started.url;
  }
  const client = new Redis(url);
  try {
    const version = /redis_version:(\S+)/.exec(await client.info('server'))?.[1] ?? 'unknown';
    return { url, version, started: started !== undefined, stop: async () => void (await started?.stop()) };
  } finally {
    client.disconnect();
  }
}

/** A fresh key prefix (the config allows lowercase letters, digits and `-`, at most 32). */
export const benchKeyPrefix = (name: string): string => `bench-${name}-${randomBytes(4).toString('hex')}`;

export interface RedisFootprint {
  /** `INFO memory` used_memory of the whole server: other clients of a shared Redis move it too. */
  usedMemory: number;
  /** The sum of `MEMORY USAGE` over this prefix's keys: ours alone, but an estimate Redis makes. */
  keyBytes: number;
  keys: number;
}

export async function redisFootprint(url: string, prefix: string): Promise<RedisFootprint> {
  const client = new Redis(url);
  try {
    const keys = await scanKeys(client, `${prefix}:*`);
    const pipeline = client.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', '0');
    const sizes = (await pipeline.exec()) ?? [];
    const keyBytes = sizes.reduce((sum, [, size]) => sum + Number(size ?? 0), 0);
    const usedMemory = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1] ?? Number.NaN);
    return { usedMemory, keyBytes, keys: keys.length };
  } finally {
    client.disconnect();
  }
}

/** Deletes every key under the prefix; returns how many there were. */
export async function dropKeys(url: string, prefix: string): Promise<number> {
  const client = new Redis(url);
  try {
    const keys = await scanKeys(client, `${prefix}:*`);
    for (let i = 0; i < keys.length; i += 500) await client.unlink(...keys.slice(i, i + 500));
    return keys.length;
  } finally {
    client.disconnect();
  }
}
