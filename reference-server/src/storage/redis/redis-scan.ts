import { Cluster } from 'ioredis';
import type { RedisClient } from './redis-keyspace.js';

/** Every key matching `pattern`, with SCAN (never KEYS): on a Cluster, from every primary. */
export async function scanKeys(client: RedisClient, pattern: string): Promise<string[]> {
  const nodes = client instanceof Cluster ? client.nodes('master') : [client];
  const keys: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
  }
  return [...new Set(keys)];
}
