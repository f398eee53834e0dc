import type { FetchState } from '@regiekit/sdk/protocol';
import type { FetchChange, FetchRecord, FetchRepository } from '../fetch-store.js';
import { ExpiryIndex } from './expiry-index.js';
import { indexEntry, ttlUntil, type Effect, type Keyspace } from './redis-keyspace.js';

/**
 * A fetch is one record (`fetch:<id>`) with a TTL, an entry in the expiry
 * index, and, once the applicant went to the source, `fetch-source-token:<hash>`
 * naming it. Every state change is one conditional script call, so two
 * instances racing on the same fetch change it once.
 */
export class RedisFetchRepository implements FetchRepository {
  private readonly byExpiry: ExpiryIndex;

  constructor(private readonly space: Keyspace) {
    this.byExpiry = new ExpiryIndex(space, space.key('fetches', 'by-expiry'));
  }

  private fetch(fetchId: string): string {
    return this.space.key('fetch', fetchId);
  }

  private sourceToken(tokenHash: string): string {
    return this.space.key('fetch-source-token', tokenHash);
  }

  async insert(fetch: FetchRecord): Promise<void> {
    const key = this.fetch(fetch.fetchId);
    const ttl = ttlUntil(fetch.expiresAt, fetch.createdAt);
    if (
      !(await this.space.insert(key, fetch, { effects: this.byExpiry.added(key, fetch.fetchId, fetch.expiresAt, ttl) }))
    )
      throw new Error('fetch exists');
  }

  get(fetchId: string): Promise<FetchRecord | undefined> {
    return this.space.read(this.fetch(fetchId));
  }

  async bySourceToken(tokenHash: string, now: number): Promise<FetchRecord | undefined> {
    const fetchId = await this.space.holderOf(this.sourceToken(tokenHash));
    const fetch = fetchId && (await this.get(fetchId));
    return fetch && fetch.sourceTokenHash === tokenHash && fetch.expiresAt > now ? fetch : undefined;
  }

  async transition(
    fetchId: string,
    from: FetchState[],
    change: FetchChange,
    now: number,
  ): Promise<FetchRecord | undefined> {
    const current = await this.get(fetchId);
    if (!current) return undefined;
    const effects: Effect[] = [];
    if (change.sourceTokenHash)
      effects.push([
        'SET',
        this.sourceToken(change.sourceTokenHash),
        indexEntry(fetchId),
        'PX',
        ttlUntil(current.expiresAt, now),
      ]);
    const changed = await this.space.update<FetchRecord>(this.fetch(fetchId), {
      when: [
        ['state', 'in', from],
        ['expiresAt', 'gt', now],
      ],
      set: change as Record<string, string | number | null>,
      effects,
    });
    return changed?.before;
  }

  async delete(fetchId: string): Promise<void> {
    const current = await this.get(fetchId);
    if (!current) return;
    await this.space.take(this.fetch(fetchId), { effects: this.effectsOfRemoving(current) });
  }

  deleteExpired(now: number): Promise<number> {
    return this.byExpiry.sweep(now, async (fetchId) => {
      const current = await this.get(fetchId);
      if (!current || current.expiresAt > now) return false;
      return (await this.space.take(this.fetch(fetchId), { effects: this.effectsOfRemoving(current) })) !== undefined;
    });
  }

  private effectsOfRemoving(fetch: FetchRecord): Effect[] {
    const effects: Effect[] = [this.byExpiry.removed(fetch.fetchId)];
    if (fetch.sourceTokenHash) effects.push(['DELIFID', this.sourceToken(fetch.sourceTokenHash), fetch.fetchId]);
    return effects;
  }
}
