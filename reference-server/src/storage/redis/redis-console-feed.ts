import type { ConsoleFeed, FeedEntry, FeedListener } from '../../agents/console-events.js';
import { entriesAfter, FEED_RETENTION } from '../../agents/console-events.js';
import type { RedisClient } from './redis-keyspace.js';

/** Numbers the entry and appends it to the tenant's stream as `<seq>-0`, in one step. */
const PUBLISH_SCRIPT = `
local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], seq .. '-0', 'p', ARGV[1])
return seq
`;

/** How long one blocking read waits before it looks again (and notices a close). */
const BLOCK_MS = 5000;

type StreamReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

const toEntry = ([id, fields]: [string, string[]]): FeedEntry => ({ seq: Number(id.slice(0, id.indexOf('-'))), payload: fields[1] ?? '' });

/**
 * The console feed shared by every instance: one Redis stream per tenant
 * (`<prefix>:{<tenant>}:console`), its entry ids the feed's own numbers, so a
 * console that reconnects to another instance resumes with Last-Event-ID. Each
 * instance reads each followed tenant's stream once, with a blocking XREAD on
 * a connection of its own, and hands entries to its local listeners.
 */
export class RedisConsoleFeed implements ConsoleFeed {
  private readonly readers = new Map<string, { listeners: Set<FeedListener>; started: Promise<void> }>();
  private readonly blocking: RedisClient;
  private closed = false;

  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {
    client.defineCommand('regieFeedPublish', { lua: PUBLISH_SCRIPT, numberOfKeys: 2 });
    // Blocking reads wait longer than the command timeout allows, and would hold up other commands.
    this.blocking = client.duplicate({ commandTimeout: undefined, enableOfflineQueue: true, maxRetriesPerRequest: null } as never) as RedisClient;
    this.blocking.on('error', () => undefined);
  }

  private stream(tenantId: string): string {
    return `${this.prefix}:{${tenantId}}:console`;
  }

  private counter(tenantId: string): string {
    return `${this.prefix}:{${tenantId}}:console:seq`;
  }

  async currentSeq(tenantId: string): Promise<number> {
    return Number((await this.client.get(this.counter(tenantId))) ?? 0);
  }

  async publish(tenantId: string, payload: string): Promise<number> {
    const publish = (this.client as unknown as { regieFeedPublish(...args: string[]): Promise<number> }).regieFeedPublish;
    return Number(await publish.call(this.client, this.counter(tenantId), this.stream(tenantId), payload, String(FEED_RETENTION)));
  }

  async subscribe(tenantId: string, listener: FeedListener): Promise<() => void> {
    let reader = this.readers.get(tenantId);
    if (!reader) {
      const listeners = new Set<FeedListener>();
      reader = { listeners, started: this.startReading(tenantId, listeners) };
      this.readers.set(tenantId, reader);
    }
    reader.listeners.add(listener);
    await reader.started;
    const listeners = reader.listeners;
    return () => listeners.delete(listener);
  }

  async since(tenantId: string, seq: number): Promise<FeedEntry[] | undefined> {
    const current = await this.currentSeq(tenantId);
    if (seq > current) return undefined;
    const raw = (await this.client.xrange(this.stream(tenantId), `(${seq}-0`, '+', 'COUNT', FEED_RETENTION + 1)) as [string, string[]][];
    return entriesAfter(raw.map(toEntry), seq, current);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.blocking.disconnect();
  }

  /** Resolves once the position to read from is known; entries after it reach the listeners. */
  private async startReading(tenantId: string, listeners: Set<FeedListener>): Promise<void> {
    let position = `${await this.currentSeq(tenantId)}-0`;
    const loop = async () => {
      while (!this.closed) {
        try {
          const reply = (await this.blocking.xread('BLOCK', BLOCK_MS, 'STREAMS', this.stream(tenantId), position)) as StreamReply;
          for (const [, entries] of reply ?? []) {
            for (const raw of entries) {
              position = raw[0];
              const entry = toEntry(raw);
              for (const listener of listeners) listener(entry);
            }
          }
        } catch {
          // Redis away: wait and read on from the same position, so nothing is skipped.
          if (!this.closed) await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    };
    void loop();
  }
}
