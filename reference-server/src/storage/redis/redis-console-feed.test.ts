import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type StartedRedis } from '../../testing/redis-server.js';
import type { FeedEntry } from '../console-feed.js';
import { RedisConsoleFeed } from './redis-console-feed.js';
import { RedisStore } from './redis-store.js';

// A Redis of this file's own: the tests stop it and wipe it.
let redis: StartedRedis;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.stop());

const until = async (check: () => boolean, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the console feed on Redis', () => {
  it('delivers in order to followers on two instances, and replays what a console missed', async () => {
    const [one, two] = await Promise.all([
      RedisStore.connect({ engine: 'redis', url: redis.url, keyPrefix: 'feed' }, ['a']),
      RedisStore.connect({ engine: 'redis', url: redis.url, keyPrefix: 'feed' }, ['a']),
    ]);
    const [feedOne, feedTwo] = [new RedisConsoleFeed(one.client, 'feed'), new RedisConsoleFeed(two.client, 'feed')];
    const seen: number[] = [];
    const stop = await feedOne.subscribe('a', { entry: (entry) => seen.push(entry.seq), reset: () => seen.push(-1) });
    const start = await feedTwo.position('a');
    for (let i = 0; i < 5; i++) await feedTwo.publish('a', JSON.stringify({ type: 'call-ended', callId: `c${i}` }));
    await until(() => seen.length === 5);
    expect(seen).toEqual([1, 2, 3, 4, 5].map((n) => start.seq + n));
    const missed = await feedOne.since('a', { ...start, seq: start.seq + 3 });
    expect(missed?.map((entry: FeedEntry) => JSON.parse(entry.payload).callId)).toEqual(['c3', 'c4']);
    stop();
    await Promise.all([feedOne.close(), feedTwo.close(), one.close(), two.close()]);
  });

  it('tells followers to start over when Redis lost the feed, and goes on with the new numbering', async () => {
    const store = await RedisStore.connect({ engine: 'redis', url: redis.url, keyPrefix: 'lost' }, ['a']);
    const feed = new RedisConsoleFeed(store.client, 'lost');
    for (let i = 0; i < 3; i++) await feed.publish('a', '{"type":"call-ended","callId":"old"}');
    const before = await feed.position('a');
    const events: string[] = [];
    const stop = await feed.subscribe('a', {
      entry: (entry) => events.push(`entry ${entry.seq}`),
      reset: () => events.push('reset'),
    });
    await store.client.flushall();
    await feed.publish('a', '{"type":"call-ended","callId":"new"}');
    await until(() => events.includes('entry 1'));
    expect(events).toEqual(['reset', 'entry 1']);
    expect(await feed.since('a', before)).toBeUndefined();
    stop();
    await feed.close();
    await store.close();
  }, 15_000);

  it('lets a follower in after Redis was away when the first one tried', async () => {
    const port = redis.port;
    const store = await RedisStore.connect({ engine: 'redis', url: redis.url, keyPrefix: 'away' }, ['a']);
    const feed = new RedisConsoleFeed(store.client, 'away');
    await redis.stop();
    await expect(feed.subscribe('a', { entry: () => undefined, reset: () => undefined })).rejects.toThrow();
    redis = await startRedisServer({ port });
    await until(() => store.client.status === 'ready');
    const seen: number[] = [];
    const stop = await feed.subscribe('a', { entry: (entry) => seen.push(entry.seq), reset: () => undefined });
    await feed.publish('a', '{"type":"call-ended","callId":"x"}');
    await until(() => seen.length === 1);
    stop();
    await feed.close();
    await store.close();
  });
});
