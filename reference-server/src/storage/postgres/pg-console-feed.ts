import pg from 'pg';
import type { ConsoleFeed, FeedEntry, FeedListener, FeedPosition } from '../console-feed.js';
import { entriesAfter, FEED_RETENTION } from '../console-feed.js';
import { clientConfig, type PostgresSettings } from './pg-connection.js';
import type { PgPool } from './pg-sql.js';
import type { PostgresStore } from './postgres-store.js';

/** How often a followed feed is read even without a notification: the safety net while LISTEN reconnects. */
const POLL_MS = 2000;
/** How long the listening connection may take to answer a ping before it counts as dead. */
const PING_TIMEOUT_MS = 3000;

/**
 * Numbers the entry and appends it in one statement. The UPDATE of the
 * position row holds that row's lock until commit, so entries are numbered
 * without gaps and committed in their order; the notification, sent at
 * commit, carries only the tenant and the number (far under NOTIFY's 8000
 * bytes, and nothing personal): listeners read the entry from the table.
 */
const publish = (schema: string) => `
WITH next AS (UPDATE ${schema}.console_feed_position SET seq = seq + 1 RETURNING seq),
     added AS (INSERT INTO ${schema}.console_feed (seq, payload) SELECT seq, $1 FROM next RETURNING seq),
     pruned AS (DELETE FROM ${schema}.console_feed WHERE seq <= (SELECT seq FROM next) - $2::bigint)
SELECT pg_notify($3, $4 || ' ' || seq) FROM added`;

/** The stored epoch and when the database server started (in µs: a restart can take less than a second). */
const EPOCH = `p.epoch || '-' || to_hex((extract(epoch from pg_postmaster_start_time()) * 1000000)::bigint)`;

/** Where the feed stands and, in the same read, the entries after `$1` up to there (none: one row of NULLs). */
const positionAndNews = (schema: string) => `
SELECT ${EPOCH} AS epoch, p.seq AS head, f.seq, f.payload
FROM ${schema}.console_feed_position p LEFT JOIN ${schema}.console_feed f ON f.seq > $1 AND f.seq <= p.seq
ORDER BY f.seq`;

type Follower = { listeners: Set<FeedListener>; known: FeedPosition; reading: Promise<void> };

/**
 * The console feed shared by every instance on one PostgreSQL, with no Redis:
 * each tenant's entries live in its schema (`console_feed`, the last
 * FEED_RETENTION kept for consoles that reconnect), numbered by
 * `console_feed_position`, whose epoch is new whenever the numbering may have
 * started over (a fresh or restored schema, a restart of the database). Each
 * instance keeps one connection that LISTENs on the deployment's channel; a
 * notification makes it read the followed tenant's new entries in order.
 * When that connection drops, a new one is opened and what was published
 * meanwhile is read from the table; after a restart of the database the
 * consoles start over with a snapshot. Either way no instance needs a restart.
 */
export class PgConsoleFeed implements ConsoleFeed {
  private readonly followers = new Map<string, Follower>();
  private readonly channel: string;
  private listening?: Promise<pg.Client>;
  private listeningClient?: pg.Client;
  private readonly poller: ReturnType<typeof setInterval>;
  private closed = false;

  /** The feed of the store's tenants, on its pool for live state. */
  static of(store: PostgresStore): PgConsoleFeed {
    return new PgConsoleFeed(store.settings, store.live, (tenantId) => store.schemaOf(tenantId));
  }

  /**
   * `live` is the pool for live state (PostgresStore.live): it never waits behind a tenant's requests for a
   * connection, and commits without waiting for the disk. An entry a crash loses after it was announced would
   * let its number be handed out again, unnoticed by consoles that had it; so the epoch includes the time
   * the database server started, and after any restart of PostgreSQL every console starts over with a snapshot.
   */
  constructor(
    private readonly settings: PostgresSettings,
    private readonly live: PgPool,
    private readonly schemaOf: (tenantId: string) => string,
  ) {
    this.channel = `${settings.schemaPrefix}_console_feed`;
    this.poller = setInterval(() => this.poll(), POLL_MS);
    this.poller.unref();
  }

  async position(tenantId: string): Promise<FeedPosition> {
    const row = await this.live.row<FeedPosition>(
      `SELECT ${EPOCH} AS epoch, seq FROM ${this.schemaOf(tenantId)}.console_feed_position p`,
    );
    return { epoch: row!.epoch, seq: row!.seq };
  }

  async publish(tenantId: string, payload: string): Promise<void> {
    await this.live.rows(publish(this.schemaOf(tenantId)), [payload, FEED_RETENTION, this.channel, tenantId]);
  }

  async subscribe(tenantId: string, listener: FeedListener): Promise<() => void> {
    // Listening first, then the position: whatever is published after it arrives as a notification.
    await this.listen();
    let follower = this.followers.get(tenantId);
    if (!follower) {
      const known = await this.position(tenantId);
      follower = this.followers.get(tenantId) ?? { listeners: new Set(), known, reading: Promise.resolve() };
      this.followers.set(tenantId, follower);
    }
    follower.listeners.add(listener);
    const current = follower;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && this.followers.get(tenantId) === current) this.followers.delete(tenantId);
    };
  }

  async since(tenantId: string, from: FeedPosition): Promise<FeedEntry[] | undefined> {
    const current = await this.position(tenantId);
    if (from.epoch !== current.epoch || from.seq > current.seq) return undefined;
    const rows = await this.live.rows<{ seq: number; payload: string }>(
      `SELECT seq, payload FROM ${this.schemaOf(tenantId)}.console_feed WHERE seq > $1 AND seq <= $2 ORDER BY seq`,
      [from.seq, current.seq],
    );
    return entriesAfter(
      rows.map((row) => ({ epoch: current.epoch, ...row })),
      from,
      current,
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poller);
    this.followers.clear();
    const listening = this.listening;
    this.listening = undefined;
    if (listening) await listening.then((client) => client.end()).catch(() => undefined);
  }

  /** The listening connection, opened when there is none; rejects while the database is away. */
  private listen(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('console feed closed'));
    this.listening ??= this.openListener().catch((error: unknown) => {
      this.listening = undefined;
      throw error;
    });
    return this.listening;
  }

  private async openListener(): Promise<pg.Client> {
    const client = new pg.Client({ ...clientConfig(this.settings), connectionTimeoutMillis: PING_TIMEOUT_MS });
    const lost = () => {
      if (this.listeningClient === client) {
        this.listening = undefined;
        this.listeningClient = undefined;
      }
      client.end().catch(() => undefined);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      const [tenantId] = (message.payload ?? '').split(' ');
      if (tenantId) this.readNews(tenantId);
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.listeningClient = client;
    return client;
  }

  /**
   * Every few seconds: a ping on the listening connection (one that went silent
   * is replaced), and a read of each followed feed, which delivers whatever a
   * lost notification or an outage held back.
   */
  private poll(): void {
    if (this.followers.size === 0 || this.closed) return;
    void this.listen()
      .then((client) => withTimeout(client.query('SELECT 1'), PING_TIMEOUT_MS))
      .catch(() => {
        const stale = this.listeningClient;
        this.listening = undefined;
        this.listeningClient = undefined;
        void stale?.end().catch(() => undefined);
      });
    for (const tenantId of this.followers.keys()) this.readNews(tenantId);
  }

  /** Reads the entries after the last one delivered, one read at a time per tenant, so they arrive in order. */
  private readNews(tenantId: string): void {
    const follower = this.followers.get(tenantId);
    if (!follower) return;
    follower.reading = follower.reading
      .then(() => this.deliverNews(tenantId, follower))
      .catch(() => {
        // The database is away: the next notification or poll reads from the same place.
      });
  }

  private async deliverNews(tenantId: string, follower: Follower): Promise<void> {
    const read = (after: number) =>
      this.live.rows<{ epoch: string; head: number; seq: number | null; payload: string | null }>(
        positionAndNews(this.schemaOf(tenantId)),
        [after],
      );
    let rows = await read(follower.known.seq);
    const current = { epoch: rows[0]!.epoch, seq: rows[0]!.head };
    if (current.epoch !== follower.known.epoch || current.seq < follower.known.seq) {
      // Numbered anew (the schema was made again or restored): what consoles hold can only be replaced.
      for (const listener of follower.listeners) listener.reset();
      follower.known = { epoch: current.epoch, seq: 0 };
      rows = await read(0);
    }
    if (current.seq === follower.known.seq) return;
    if (rows[0]?.seq !== follower.known.seq + 1) {
      // Pruned before this instance read them (a long outage): its consoles need a fresh snapshot.
      for (const listener of follower.listeners) listener.reset();
      follower.known = current;
      return;
    }
    for (const row of rows) {
      if (row.seq === null || row.payload === null || row.seq > current.seq) break;
      const entry = { epoch: current.epoch, seq: row.seq, payload: row.payload };
      follower.known = { epoch: entry.epoch, seq: entry.seq };
      for (const listener of follower.listeners) listener.entry(entry);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
