import { randomBytes } from 'node:crypto';
import { Cluster } from 'ioredis';
import type { ConsoleFeed, FeedEntry, FeedListener, FeedPosition } from '../console-feed.js';
import { entriesAfter, FEED_RETENTION } from '../console-feed.js';
import type { RedisClient } from './redis-keyspace.js';

/**
 * Finds the feed's epoch, making one if there is none yet. An epoch that
 * vanished (Redis lost its data) starts a new numbering from scratch.
 * KEYS: counter, stream, epoch; the fresh epoch is ARGV[n].
 */
const ensureEpoch = (freshEpochArg: number) => `
local epoch = redis.call('GET', KEYS[3])
if not epoch then
  epoch = ARGV[${freshEpochArg}]
  redis.call('SET', KEYS[3], epoch)
  redis.call('DEL', KEYS[1], KEYS[2])
end
`;

/** Where the feed stands. ARGV: a fresh epoch. */
const POSITION_SCRIPT = `${ensureEpoch(1)}
return {epoch, tonumber(redis.call('GET', KEYS[1]) or '0')}
`;

/** Numbers the entry and appends it as `<seq>-0`, in one step. ARGV: payload, retention, a fresh epoch. */
const PUBLISH_SCRIPT = `${ensureEpoch(3)}
local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], seq .. '-0', 'p', ARGV[1], 'e', epoch)
return seq
`;

/** How long one blocking read waits before it checks the numbering (and notices a close). */
const BLOCK_MS = 2000;

type StreamEntry = [id: string, fields: string[]];
type Scripted = {
  regieFeedPosition(...keysAndArgs: string[]): Promise<[string, number]>;
  regieFeedPublish(...keysAndArgs: string[]): Promise<number>;
};

const toEntry = ([id, fields]: StreamEntry): FeedEntry => {
  const field = (name: string) => fields[fields.indexOf(name) + 1] ?? '';
  return { seq: Number(id.slice(0, id.indexOf('-'))), epoch: field('e'), payload: field('p') };
};

const freshEpoch = () => randomBytes(6).toString('base64url');

/**
 * The console feed shared by every instance: one Redis stream per tenant
 * (`<prefix>:{<tenant>}:console`) whose entry ids are the feed's own numbers,
 * so a console that reconnects to another instance resumes with
 * Last-Event-ID. The entries hold ids only, no personal data. Each instance
 * reads each followed tenant's stream with a blocking XREAD on a connection of
 * that tenant's own, while anyone there follows it.
 */
export class RedisConsoleFeed implements ConsoleFeed {
  private readonly readers = new Map<
    string,
    { listeners: Set<FeedListener>; started: Promise<void>; connection?: RedisClient }
  >();
  private closed = false;

  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {
    client.defineCommand('regieFeedPosition', { lua: POSITION_SCRIPT, numberOfKeys: 3 });
    client.defineCommand('regieFeedPublish', { lua: PUBLISH_SCRIPT, numberOfKeys: 3 });
  }

  private keys(tenantId: string): [counter: string, stream: string, epoch: string] {
    const base = `${this.prefix}:{${tenantId}}:console`;
    return [`${base}:seq`, base, `${base}:epoch`];
  }

  private get scripted(): Scripted {
    return this.client as unknown as Scripted;
  }

  async position(tenantId: string): Promise<FeedPosition> {
    const [epoch, seq] = await this.scripted.regieFeedPosition(...this.keys(tenantId), freshEpoch());
    return { epoch, seq: Number(seq) };
  }

  async publish(tenantId: string, payload: string): Promise<void> {
    await this.scripted.regieFeedPublish(...this.keys(tenantId), payload, String(FEED_RETENTION), freshEpoch());
  }

  async subscribe(tenantId: string, listener: FeedListener): Promise<() => void> {
    let reader = this.readers.get(tenantId);
    if (!reader) {
      const created: { listeners: Set<FeedListener>; started: Promise<void>; connection?: RedisClient } = {
        listeners: new Set(),
        started: Promise.resolve(),
      };
      created.started = this.startReading(tenantId, created);
      this.readers.set(tenantId, created);
      reader = created;
    }
    reader.listeners.add(listener);
    try {
      await reader.started;
    } catch (error) {
      // Not listening after all (Redis away): the next subscriber starts afresh.
      reader.listeners.delete(listener);
      if (this.readers.get(tenantId) === reader) this.readers.delete(tenantId);
      throw error;
    }
    const current = reader;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && this.readers.get(tenantId) === current) {
        this.readers.delete(tenantId);
        current.connection?.disconnect();
      }
    };
  }

  async since(tenantId: string, from: FeedPosition): Promise<FeedEntry[] | undefined> {
    const current = await this.position(tenantId);
    if (from.epoch !== current.epoch || from.seq > current.seq) return undefined;
    const raw = (await this.client.xrange(
      this.keys(tenantId)[1],
      `(${from.seq}-0`,
      `${current.seq}-0`,
      'COUNT',
      FEED_RETENTION + 1,
    )) as StreamEntry[];
    return entriesAfter(raw.map(toEntry), from, current);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const reader of this.readers.values()) reader.connection?.disconnect();
    this.readers.clear();
  }

  /** A connection for blocking reads: no command timeout, and it waits for Redis to come back instead of failing. */
  private blockingConnection(): RedisClient {
    const connection =
      this.client instanceof Cluster
        ? this.client.duplicate([], {
            enableOfflineQueue: true,
            redisOptions: {
              ...this.client.options.redisOptions,
              commandTimeout: undefined,
              maxRetriesPerRequest: null,
            },
          })
        : this.client.duplicate({ commandTimeout: undefined, enableOfflineQueue: true, maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    return connection;
  }

  /** Resolves once the position to read from is known; entries after it reach the listeners, in order. */
  private async startReading(
    tenantId: string,
    reader: { listeners: Set<FeedListener>; connection?: RedisClient },
  ): Promise<void> {
    let known = await this.position(tenantId);
    const connection = this.blockingConnection();
    reader.connection = connection;
    const stream = this.keys(tenantId)[1];
    const following = () => !this.closed && this.readers.get(tenantId) === reader;
    const resetIfRenumbered = async () => {
      const current = await this.position(tenantId);
      if (current.epoch === known.epoch && current.seq >= known.seq) return;
      for (const listener of reader.listeners) listener.reset();
      // Everything in the new numbering is news to this reader, from its first entry on.
      known = { epoch: current.epoch, seq: 0 };
    };
    const loop = async () => {
      while (following()) {
        try {
          const reply = (await connection.xread('BLOCK', BLOCK_MS, 'STREAMS', stream, `${known.seq}-0`)) as
            [string, StreamEntry[]][] | null;
          if (!reply) {
            // Quiet, or numbered anew below where this reader stands: a renumbered feed shows here.
            await resetIfRenumbered();
            continue;
          }
          for (const raw of reply[0]![1]) {
            const entry = toEntry(raw);
            if (entry.epoch !== known.epoch) for (const listener of reader.listeners) listener.reset();
            known = { epoch: entry.epoch, seq: entry.seq };
            for (const listener of reader.listeners) listener.entry(entry);
          }
        } catch {
          if (!following()) break;
          // Redis away: wait, then carry on from the same place (or start over if it lost the feed).
          await new Promise((resolve) => setTimeout(resolve, 500));
          await resetIfRenumbered().catch(() => undefined);
        }
      }
      connection.disconnect();
    };
    void loop();
  }
}
