import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeLocalhostCertificate } from '../../testing/localhost-certificate.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, startRedisServer, startSentinel, startTlsRedisServer } from '../../testing/redis-server.js';
import { describeConnectStoreContract } from '../connect-store.contract.js';
import { describeMyDataStoreContract } from '../my-data-store.contract.js';
import { describeArrangementStoreContract } from '../arrangement-store.contract.js';
import { describeStoreContract } from '../store.contract.js';
import { RedisConsoleFeed } from './redis-console-feed.js';
import { RedisStore } from './redis-store.js';

const dir = mkdtempSync(join(tmpdir(), 'regiekit-redis-topologies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const NOW = Date.now();
const newCall = (callId: string) => ({
  callId,
  purpose: 'general',
  callTokenHash: 't',
  codeHash: `h-${callId}`,
  codeSealedForCitizen: 's',
  codeExpiresAt: NOW + 600_000,
  createdAt: NOW,
  deleteAt: NOW + 3_600_000,
});

describe('Redis over TLS (rediss://)', () => {
  let url: string;
  let caFile: string;
  beforeAll(async () => {
    caFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    // A self-signed certificate made here: it is its own CA, which the client must be told about.
    makeLocalhostCertificate(caFile, keyFile);
    const redis = await startTlsRedisServer(caFile, keyFile, readFileSync(caFile));
    cleanups.push(() => redis.stop());
    url = redis.url;
  });

  it('connects with the configured CA and stores as usual', async () => {
    const store = await RedisStore.connect({ engine: 'redis', url, caFile, keyPrefix: 'tls' }, ['a']);
    expect(await store.forTenant('a').calls.insertIfCodeFree(newCall('c1'), NOW)).toBe(true);
    expect((await store.forTenant('a').calls.get('c1'))?.callId).toBe('c1');
    await store.close();
  });

  it('refuses a server whose certificate it cannot verify', async () => {
    await expect(RedisStore.connect({ engine: 'redis', url, keyPrefix: 'tls' }, ['a'])).rejects.toThrow(
      /not reachable/,
    );
  });
});

describe('Redis behind Sentinel', () => {
  it('finds the primary through the sentinels', async () => {
    const primary = await startRedisServer();
    cleanups.push(() => primary.stop());
    const sentinel = await startSentinel(dir, 'regie-primary', primary.port);
    cleanups.push(() => sentinel.stop());
    const store = await RedisStore.connect(
      {
        engine: 'redis',
        sentinels: [{ host: '127.0.0.1', port: sentinel.port }],
        sentinelName: 'regie-primary',
        keyPrefix: 'sentinel',
      },
      ['a'],
    );
    expect(await store.forTenant('a').calls.insertIfCodeFree(newCall('c1'), NOW)).toBe(true);
    expect(await store.client.get('sentinel:{a}:call:c1')).toContain('"callId":"c1"');
    await store.close();
  });
});

// The whole contract on a three-node Cluster: every script and pipeline keeps to one tenant's hash slot.
let clusterNodes: { host: string; port: number }[] = [];
let prefixCount = 0;
const openClusterStore = async () => {
  if (clusterNodes.length === 0) {
    const cluster = await startRedisCluster(dir);
    cleanups.push(() => cluster.stop());
    clusterNodes = cluster.nodes;
  }
  return RedisStore.connect({ engine: 'redis', clusterNodes, keyPrefix: `cluster${++prefixCount}` }, ['a', 'b']);
};
describeStoreContract('redis cluster', openClusterStore);
describeConnectStoreContract('redis cluster', openClusterStore);
describeMyDataStoreContract('redis cluster', openClusterStore);
describeArrangementStoreContract('redis cluster', openClusterStore);

describe('the console feed on a Cluster', () => {
  it('numbers entries and hands them to a follower, also after a quiet spell longer than one blocking read', async () => {
    const store = await openClusterStore();
    const feed = new RedisConsoleFeed(store.client, `cluster${prefixCount}`);
    const received: number[] = [];
    const stop = await feed.subscribe('a', {
      entry: (entry) => received.push(entry.seq),
      reset: () => received.push(-1),
    });
    await feed.publish('a', '{"type":"call-ended","callId":"x"}');
    // Longer than a blocking read (2 s) and the command timeout (3 s): the reader must still be there.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await feed.publish('a', '{"type":"call-ended","callId":"y"}');
    const deadline = Date.now() + 3000;
    while (received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toEqual([1, 2]);
    const position = await feed.position('a');
    expect((await feed.since('a', { ...position, seq: 1 }))?.map((entry) => entry.seq)).toEqual([2]);
    expect(await feed.since('a', { epoch: 'other', seq: 1 })).toBeUndefined();
    stop();
    await feed.close();
    await store.close();
  }, 15_000);
});
