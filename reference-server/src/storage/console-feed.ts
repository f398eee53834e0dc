import { randomBytes } from 'node:crypto';

/**
 * Where a feed stands: its epoch (a new one whenever the numbering starts
 * over, e.g. after Redis lost its data) and the number of its last entry.
 */
export interface FeedPosition {
  epoch: string;
  seq: number;
}

/** One numbered entry of a tenant's feed; the payload is opaque to the feed and holds no personal data. */
export interface FeedEntry extends FeedPosition {
  payload: string;
}

export interface FeedListener {
  entry(entry: FeedEntry): void;
  /** The numbering started over: what a console holds can no longer be brought up to date, only replaced. */
  reset(): void;
}

/**
 * The live feed of each tenant's console, numbered. Numbers let a console that
 * reconnects either replay what it missed (`since`) or take a fresh snapshot
 * and skip what it already has. One process keeps it in memory; several
 * instances share it through a Redis stream (storage/redis/redis-console-feed.ts).
 */
export interface ConsoleFeed {
  /** Where the tenant's feed stands; a snapshot taken after reading it is current up to it. */
  position(tenantId: string): Promise<FeedPosition>;
  publish(tenantId: string, payload: string): Promise<void>;
  /** Entries from now on; resolves once listening, so an entry published afterwards is never missed. */
  subscribe(tenantId: string, listener: FeedListener): Promise<() => void>;
  /** The entries after `from`, or undefined when the feed no longer holds all of them (a snapshot is needed then). */
  since(tenantId: string, from: FeedPosition): Promise<FeedEntry[] | undefined>;
  close(): Promise<void>;
}

/** How many recent entries a feed keeps for consoles that reconnect. */
export const FEED_RETENTION = 1000;

/** One process's feed: entries numbered per tenant, the latest kept for replay. */
export class MemoryConsoleFeed implements ConsoleFeed {
  /** The numbering lives as long as the process. */
  private readonly epoch = randomBytes(6).toString('base64url');
  private readonly tenants = new Map<string, { seq: number; recent: FeedEntry[]; listeners: Set<FeedListener> }>();

  private of(tenantId: string) {
    let tenant = this.tenants.get(tenantId);
    if (!tenant) this.tenants.set(tenantId, (tenant = { seq: 0, recent: [], listeners: new Set() }));
    return tenant;
  }

  async position(tenantId: string): Promise<FeedPosition> {
    return { epoch: this.epoch, seq: this.of(tenantId).seq };
  }

  async publish(tenantId: string, payload: string): Promise<void> {
    const tenant = this.of(tenantId);
    const entry = { epoch: this.epoch, seq: ++tenant.seq, payload };
    tenant.recent.push(entry);
    if (tenant.recent.length > FEED_RETENTION) tenant.recent.shift();
    for (const listener of tenant.listeners) listener.entry(entry);
  }

  async subscribe(tenantId: string, listener: FeedListener): Promise<() => void> {
    const listeners = this.of(tenantId).listeners;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  async since(tenantId: string, from: FeedPosition): Promise<FeedEntry[] | undefined> {
    return entriesAfter(this.of(tenantId).recent, from, await this.position(tenantId));
  }

  async close(): Promise<void> {
    for (const tenant of this.tenants.values()) tenant.listeners.clear();
  }
}

/** The entries after `from` when `held` covers every one of them up to `current` in the same epoch; undefined otherwise. */
export function entriesAfter(held: FeedEntry[], from: FeedPosition, current: FeedPosition): FeedEntry[] | undefined {
  if (from.epoch !== current.epoch || from.seq > current.seq) return undefined;
  const after = held.filter(
    (entry) => entry.epoch === current.epoch && entry.seq > from.seq && entry.seq <= current.seq,
  );
  const complete = after.length === current.seq - from.seq && (after.length === 0 || after[0]!.seq === from.seq + 1);
  return complete ? after : undefined;
}

/** The SSE id of a position (`<epoch>.<seq>`), and back; a browser returns it as Last-Event-ID. */
export const eventId = (position: FeedPosition) => `${position.epoch}.${position.seq}`;

export function parseEventId(id: string | undefined): FeedPosition | undefined {
  const match = id ? /^([A-Za-z0-9_-]{1,32})\.(\d{1,15})$/.exec(id) : null;
  return match ? { epoch: match[1]!, seq: Number(match[2]) } : undefined;
}
