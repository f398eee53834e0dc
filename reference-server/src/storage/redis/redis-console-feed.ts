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
/** How much longer than BLOCK_MS a read may take before its connection counts as dead. */
const READ_GRACE_MS = 3000;

type StreamEntry = [id: string, fields: string[]];
type StreamReply = [stream: string, entries: StreamEntry[]][] | null;
type Reader = { listeners: Set<FeedListener>; started: Promise<void>; connection?: RedisClient };

/** A blocking read that will never answer: its connection closed, or it went silent (`hung`). */
class FeedReadLost extends Error {
  readonly hung: boolean;
  constructor(reason: string, { hung = false } = {}) {
    super(`console feed: blocking read lost (${reason})`);
    this.name = 'FeedReadLost';
    this.hung = hung;
  }
}

type Scripted = {
  regieFeedPosition(...keysAndArgs: string[]): Promise<[string, number]>;
  regieFeedPublish(...keysAndArgs: string[]): Promise<number>;
};

const toEntry = ([id, fields]: StreamEntry): FeedEntry => {
  const field = (name: string) => fields[fields.indexOf(name) + 1] ?? '';
  return { seq: Number(id.slice(0, id.indexOf('-'))), epoch: field('e'), payload: field('p') };
};

const isReady = (connection: RedisClient) => connection.status === 'ready';

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
  private readonly readers = new Map<string, Reader>();
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
      const created: Reader = { listeners: new Set(), started: Promise.resolve() };
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

  /**
   * A connection for blocking reads: no command timeout (the read's own watchdog stands in), and no offline
   * queue, so a read is only ever sent on a live connection and never piles up behind others while Redis is away.
   * No auto-pipelining either (the main client has it): a blocking read goes out alone, the moment it is asked.
   * With it, a read sent while Redis restarted was never answered (the restart-under-a-read test shows it).
   */
  private blockingConnection(): RedisClient {
    const connection =
      this.client instanceof Cluster
        ? this.client.duplicate([], {
            enableOfflineQueue: false,
            enableAutoPipelining: false,
            redisOptions: {
              ...this.client.options.redisOptions,
              commandTimeout: undefined,
              enableOfflineQueue: false,
              maxRetriesPerRequest: null,
            },
          })
        : this.client.duplicate({
            commandTimeout: undefined,
            enableOfflineQueue: false,
            maxRetriesPerRequest: null,
            enableAutoPipelining: false,
          });
    connection.on('error', () => undefined);
    return connection;
  }

  /**
   * One blocking read. ioredis forgets a command that was in flight when its connection dropped (it does not
   * send it again, nor reject it: `autoResendUnfulfilledCommands` is off so no write runs twice), so a read
   * fails here as soon as its connection closes, and when no answer comes within its block time and a grace
   * (a connection that died without closing).
   */
  private blockingRead(connection: RedisClient, stream: string, afterSeq: number): Promise<StreamReply> {
    return new Promise((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(watchdog);
        connection.off('close', onClose);
        outcome();
      };
      const onClose = () => settle(() => reject(new FeedReadLost('connection closed')));
      const watchdog = setTimeout(
        () => settle(() => reject(new FeedReadLost('no answer', { hung: true }))),
        BLOCK_MS + READ_GRACE_MS,
      );
      connection.once('close', onClose);
      (connection.xread('BLOCK', BLOCK_MS, 'STREAMS', stream, `${afterSeq}-0`) as Promise<StreamReply>).then(
        (reply) => settle(() => resolve(reply)),
        (error: unknown) => settle(() => reject(error)),
      );
    });
  }

  /** Resolves once the connection is ready, or after `ms` (the caller checks again). */
  private readyOrAfter(connection: RedisClient, ms: number): Promise<void> {
    if (isReady(connection)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        connection.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      connection.once('ready', done);
    });
  }

  /** Resolves once the position to read from is known; entries after it reach the listeners, in order. */
  private async startReading(tenantId: string, reader: Reader): Promise<void> {
    let known = await this.position(tenantId);
    reader.connection = this.blockingConnection();
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
        const connection = reader.connection!;
        try {
          if (!isReady(connection)) {
            // A connection that gave up is replaced (the retry strategy normally keeps trying for ever).
            if (connection.status === 'end') reader.connection = this.blockingConnection();
            // Redis away, or the connection still opening: read only on a live connection.
            else await this.readyOrAfter(connection, 1000);
            // Back from an outage, the read resumes after the last entry delivered; a feed Redis lost shows as a
            // quiet read or entries of another epoch, and its followers then start over.
            continue;
          }
          const reply = await this.blockingRead(connection, stream, known.seq);
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
        } catch (error) {
          if (!following()) break;
          if (error instanceof FeedReadLost && error.hung) {
            // A connection that stopped answering is not trusted again: a fresh one takes over.
            connection.disconnect();
            reader.connection = this.blockingConnection();
          }
          // Redis away: wait, then carry on after the last entry delivered (the next read shows a lost feed).
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      reader.connection?.disconnect();
    };
    void loop();
  }
}
