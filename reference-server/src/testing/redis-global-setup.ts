import type { TestProject } from 'vitest/node';
import { redisAnswers, startRedisServer, type StartedRedis } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis the tests use: REGIE_TEST_REDIS_URL, the local one on 6379, or one started for this run. */
    redisUrl: string;
  }
}

/**
 * Makes sure a Redis is there for the Redis engine's tests: the one named in
 * REGIE_TEST_REDIS_URL, else a local one on the default port, else a
 * redis-server started on a free port for this run (stopped afterwards).
 * Tests keep to their own random key prefixes, so a shared Redis is safe.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let started: StartedRedis | undefined;
  let url = process.env.REGIE_TEST_REDIS_URL;
  if (!url) {
    if (await redisAnswers(6379)) url = 'redis://127.0.0.1:6379';
    else {
      started = await startRedisServer();
      url = started.url;
      console.log(`started redis-server for the tests at ${url}`);
    }
  }
  project.provide('redisUrl', url);
  return async () => {
    await started?.stop();
  };
}
