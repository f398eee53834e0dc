import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../testing/listen.js';
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

/**
 * A TCP proxy on loopback in front of Redis. `stall()` makes every connection open at that moment go
 * silent both ways without closing (a peer that vanished, a firewall dropping the flow); connections
 * opened afterwards work.
 */
async function stallingProxy(redisPort: number) {
  const port = await freePort();
  const pairs: { stalled: boolean; sockets: Socket[] }[] = [];
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: redisPort });
    const pair = { stalled: false, sockets: [client, upstream] };
    pairs.push(pair);
    client.on('data', (data) => pair.stalled || upstream.write(data));
    upstream.on('data', (data) => pair.stalled || client.write(data));
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      from.on('error', () => to.destroy());
      from.on('close', () => pair.stalled || to.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${port}`,
    stall: () => pairs.forEach((pair) => (pair.stalled = true)),
    close: () => {
      for (const pair of pairs) pair.sockets.forEach((socket) => socket.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

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

  it('goes on after the entry it delivered last when Redis restarts with its data under a read in flight', async () => {
    // ioredis drops a command in flight when its connection closes without rejecting it; the reader must notice.
    const dataDir = mkdtempSync(join(tmpdir(), 'regiekit-feed-restart-'));
    let own = await startRedisServer({ dataDir });
    const store = await RedisStore.connect({ engine: 'redis', url: own.url, keyPrefix: 'restart' }, ['a']);
    const feed = new RedisConsoleFeed(store.client, 'restart');
    const events: string[] = [];
    const stop = await feed.subscribe('a', {
      entry: (entry) => events.push(`entry ${entry.seq}`),
      reset: () => events.push('reset'),
    });
    await feed.publish('a', '{"type":"call-ended","callId":"before"}');
    await until(() => events.length === 1);
    await own.stop();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    own = await startRedisServer({ port: own.port, dataDir });
    await until(() => store.client.status === 'ready');
    await feed.publish('a', '{"type":"call-ended","callId":"after"}');
    await until(() => events.length === 2, 5000);
    expect(events).toEqual(['entry 1', 'entry 2']);
    stop();
    await feed.close();
    await store.close();
    await own.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

  it('gives up on a read whose connection went silent without closing, and reads on a fresh connection', async () => {
    const proxy = await stallingProxy(redis.port);
    const store = await RedisStore.connect({ engine: 'redis', url: proxy.url, keyPrefix: 'stall' }, ['a']);
    const direct = await RedisStore.connect({ engine: 'redis', url: redis.url, keyPrefix: 'stall' }, ['a']);
    const feed = new RedisConsoleFeed(store.client, 'stall');
    const seen: number[] = [];
    const stop = await feed.subscribe('a', { entry: (entry) => seen.push(entry.seq), reset: () => seen.push(-1) });
    const publisher = new RedisConsoleFeed(direct.client, 'stall');
    await publisher.publish('a', '{"type":"call-ended","callId":"x"}');
    await until(() => seen.length === 1);
    proxy.stall();
    await publisher.publish('a', '{"type":"call-ended","callId":"y"}');
    // The stalled read is given up on after its block time and a grace (5 s in all).
    await until(() => seen.length === 2, 9000);
    expect(seen).toEqual([1, 2]);
    stop();
    await Promise.all([feed.close(), publisher.close()]);
    store.client.disconnect();
    await direct.close();
    await proxy.close();
  }, 20_000);
});
