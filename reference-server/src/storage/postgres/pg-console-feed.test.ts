import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, startPostgresCluster, type StartedPostgres } from '../../testing/postgres-server.js';
import type { FeedEntry } from '../console-feed.js';
import { PgAttemptCounter } from './pg-attempt-counter.js';
import { PgConsoleFeed } from './pg-console-feed.js';
import type { PostgresSettings } from './pg-connection.js';
import { PostgresStore } from './postgres-store.js';

const postgresUrl = inject('postgresUrl');

const until = async (check: () => boolean, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const settingsOn = (url: string): PostgresSettings => ({
  engine: 'postgres',
  url,
  schemaPrefix: `f${randomBytes(5).toString('hex')}`,
  poolSize: 2,
});

/** Two instances on one database: each with its store and its feed. */
async function twoInstances(settings: PostgresSettings) {
  const stores = await Promise.all([1, 2].map(() => PostgresStore.connect(settings, ['a'])));
  const feeds = stores.map((store) => PgConsoleFeed.of(store));
  return {
    feeds,
    stores,
    close: async () => {
      await Promise.all(feeds.map((feed) => feed.close()));
      await Promise.all(stores.map((store) => store.close()));
    },
  };
}

describe('the console feed on PostgreSQL', () => {
  it('delivers in order to followers on another instance, and replays what a console missed', async () => {
    const { feeds, close } = await twoInstances(settingsOn(postgresUrl));
    const [one, two] = feeds as [PgConsoleFeed, PgConsoleFeed];
    const seen: number[] = [];
    const stop = await one.subscribe('a', { entry: (entry) => seen.push(entry.seq), reset: () => seen.push(-1) });
    const start = await two.position('a');
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) => two.publish('a', JSON.stringify({ type: 'call-ended', callId: `c${i}` }))),
    );
    await until(() => seen.length === 5);
    expect(seen).toEqual([1, 2, 3, 4, 5].map((n) => start.seq + n));
    const missed = await one.since('a', { ...start, seq: start.seq + 3 });
    expect(missed).toHaveLength(2);
    expect(await one.since('a', { epoch: 'other', seq: 1 })).toBeUndefined();
    stop();
    await close();
  });

  it('tells followers to start over when the numbering started anew, and goes on with it', async () => {
    const settings = settingsOn(postgresUrl);
    const { feeds, stores, close } = await twoInstances(settings);
    const feed = feeds[0]!;
    for (let i = 0; i < 3; i++) await feed.publish('a', '{"type":"call-ended","callId":"old"}');
    const before = await feed.position('a');
    const events: string[] = [];
    const stop = await feed.subscribe('a', {
      entry: (entry: FeedEntry) => events.push(`entry ${entry.seq}`),
      reset: () => events.push('reset'),
    });
    // As a restore of an empty schema would: a new epoch, numbering from 0.
    await stores[0]!.dbOf('a').changes(`UPDATE console_feed_position SET epoch = 'restored', seq = 0`);
    await stores[0]!.dbOf('a').changes('DELETE FROM console_feed');
    await feed.publish('a', '{"type":"call-ended","callId":"new"}');
    await until(() => events.includes('entry 1'));
    expect(events).toEqual(['reset', 'entry 1']);
    expect(await feed.since('a', before)).toBeUndefined();
    stop();
    await close();
  });

  it('counts attempts for every instance together', async () => {
    const { stores, close } = await twoInstances(settingsOn(postgresUrl));
    let now = 1_000_000;
    const counters = stores.map((store) => PgAttemptCounter.factory(store.live, Buffer.alloc(32, 5), () => now));
    const [one, two] = counters.map((counters) => counters('dtmf', 60_000));
    expect(await one!.add('+31612345678')).toBe(1);
    expect(await two!.add('+31612345678')).toBe(2);
    expect(await one!.count('+31612345678')).toBe(2);
    expect(await two!.count('+31600000000')).toBe(0);
    expect(await one!.resetsIn('+31612345678')).toBe(60_000);
    // Another counter's name keeps its keys apart.
    expect(await counters[0]!('login', 60_000).count('+31612345678')).toBe(0);
    now += 60_000;
    expect(await two!.count('+31612345678')).toBe(0);
    expect(await two!.add('+31612345678')).toBe(1);
    await close();
  });
});

describe('the console feed when PostgreSQL restarts', () => {
  // A cluster of this file's own: the test stops and starts it, never the shared server.
  let cluster: StartedPostgres;
  let url: string;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    url = (await createTestDatabase(cluster.url)).url;
  }, 60_000);
  afterAll(() => cluster.destroy());

  it('tells followers to start over after a crash of the database, and goes on without a restart of the instance', async () => {
    const { feeds, stores, close } = await twoInstances(settingsOn(url));
    const [one, two] = feeds as [PgConsoleFeed, PgConsoleFeed];
    const events: string[] = [];
    const stop = await one.subscribe('a', {
      entry: (entry) => events.push(`entry ${(JSON.parse(entry.payload) as { callId: string }).callId}`),
      reset: () => events.push('reset'),
    });
    await two.publish('a', '{"type":"call-ended","callId":"before"}');
    await until(() => events.length === 1);
    const before = await two.position('a');
    // A crash: entries are committed without waiting for the disk, so the last ones may be gone.
    await cluster.stop('immediate');
    await expect(stores[1]!.ping()).rejects.toThrow();
    await expect(two.publish('a', '{}')).rejects.toThrow();
    await cluster.start();
    await two.publish('a', '{"type":"call-ended","callId":"after"}');
    await until(() => events.includes('entry after'), 10_000);
    // A number the crash may have lost is never taken for the same entry: the epoch is new, and in it
    // every entry the database kept is news again (the earlier one too, when it outlived the crash).
    expect(events.slice(0, 2)).toEqual(['entry before', 'reset']);
    expect(events.at(-1)).toBe('entry after');
    expect(events.filter((event) => event === 'reset')).toHaveLength(1);
    expect((await two.position('a')).epoch).not.toBe(before.epoch);
    expect(await two.since('a', before)).toBeUndefined();
    stop();
    await close();
  }, 40_000);

  it('survives the database crashing under transactions in flight: they fail, the process goes on', async () => {
    const store = await PostgresStore.connect(settingsOn(url), ['a']);
    const services = store.forTenant('a').services;
    const description = { title: { nl: 'Dienst', en: 'Service' } } as never;
    let stopping = false;
    const outcomes = { done: 0, failed: 0 };
    const busy = Array.from({ length: 4 }, async (_, worker) => {
      for (let i = 0; !stopping; i++)
        await services.register(`p${worker}`, `https://t/${i}`, description, i).then(
          () => outcomes.done++,
          () => outcomes.failed++,
        );
    });
    await until(() => outcomes.done > 20);
    await cluster.stop('immediate');
    await until(() => outcomes.failed > 0);
    await cluster.start();
    const failedBefore = outcomes.failed;
    await until(() => outcomes.done > 40 && outcomes.failed === failedBefore, 15_000).catch(() => undefined);
    stopping = true;
    await Promise.all(busy);
    expect(outcomes.failed).toBeGreaterThan(0);
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
  }, 40_000);

  it('lets a follower in after the database was away when the first one tried', async () => {
    const { feeds, close } = await twoInstances(settingsOn(url));
    const feed = feeds[0]!;
    await cluster.stop('fast');
    await expect(feed.subscribe('a', { entry: () => undefined, reset: () => undefined })).rejects.toThrow();
    await cluster.start();
    const seen: number[] = [];
    const stop = await feed.subscribe('a', { entry: (entry) => seen.push(entry.seq), reset: () => undefined });
    await feeds[1]!.publish('a', '{"type":"call-ended","callId":"x"}');
    await until(() => seen.length === 1);
    stop();
    await close();
  }, 40_000);
});
