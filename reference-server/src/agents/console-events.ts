import type { ConsoleCall } from '@regiekit/sdk/protocol';

export type ConsoleDelta =
  | { type: 'call-added'; call: ConsoleCall }
  | { type: 'call-taken'; callId: string; takenBy: { agentId: string; displayName: string } }
  | { type: 'call-ended'; callId: string };

/** One numbered entry of a tenant's feed; the payload is opaque to the feed (ConsoleService seals callers in it). */
export interface FeedEntry {
  seq: number;
  payload: string;
}

export type FeedListener = (entry: FeedEntry) => void;

/**
 * The live feed of each tenant's console, numbered. Numbers let a console that
 * reconnects either replay what it missed (`since`) or take a fresh snapshot
 * and skip what it already has. One process keeps it in memory; several
 * instances share it through a Redis stream (storage/redis/redis-console-feed.ts).
 */
export interface ConsoleFeed {
  /** The number of the tenant's last entry; a snapshot taken after reading it is current up to it. */
  currentSeq(tenantId: string): Promise<number>;
  publish(tenantId: string, payload: string): Promise<number>;
  /** Entries from now on; resolves once listening, so an entry published afterwards is never missed. */
  subscribe(tenantId: string, listener: FeedListener): Promise<() => void>;
  /** The entries after `seq`, or undefined when the feed no longer holds all of them (a snapshot is needed then). */
  since(tenantId: string, seq: number): Promise<FeedEntry[] | undefined>;
  close(): Promise<void>;
}

/** How many recent entries a feed keeps for consoles that reconnect. */
export const FEED_RETENTION = 1000;

/** One process's feed: entries numbered per tenant, the latest kept for replay. */
export class MemoryConsoleFeed implements ConsoleFeed {
  private readonly tenants = new Map<string, { seq: number; recent: FeedEntry[]; listeners: Set<FeedListener> }>();

  private of(tenantId: string) {
    let tenant = this.tenants.get(tenantId);
    if (!tenant) this.tenants.set(tenantId, (tenant = { seq: 0, recent: [], listeners: new Set() }));
    return tenant;
  }

  async currentSeq(tenantId: string): Promise<number> {
    return this.of(tenantId).seq;
  }

  async publish(tenantId: string, payload: string): Promise<number> {
    const tenant = this.of(tenantId);
    const entry = { seq: ++tenant.seq, payload };
    tenant.recent.push(entry);
    if (tenant.recent.length > FEED_RETENTION) tenant.recent.shift();
    for (const listener of tenant.listeners) listener(entry);
    return entry.seq;
  }

  async subscribe(tenantId: string, listener: FeedListener): Promise<() => void> {
    const listeners = this.of(tenantId).listeners;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  async since(tenantId: string, seq: number): Promise<FeedEntry[] | undefined> {
    return entriesAfter(this.of(tenantId).recent, seq, this.of(tenantId).seq);
  }

  async close(): Promise<void> {
    for (const tenant of this.tenants.values()) tenant.listeners.clear();
  }
}

/** The entries after `seq` when `held` covers every one of them up to `current`; undefined when some are gone. */
export function entriesAfter(held: FeedEntry[], seq: number, current: number): FeedEntry[] | undefined {
  if (seq > current) return undefined;
  const after = held.filter((entry) => entry.seq > seq);
  const complete = after.length === current - seq && (after.length === 0 || after[0]!.seq === seq + 1);
  return complete ? after : undefined;
}
