import type { ArrangementPatch, ArrangementRecord, ArrangementRepository } from '../arrangement-store.js';
import { ExpiryIndex } from './expiry-index.js';
import { indexEntry, ttlUntil, type Effect, type Keyspace } from './redis-keyspace.js';

/**
 * Arrangements: `arrangement:<id>` with a backstop TTL past its `deleteAt`,
 * sets per provider and per user, the decision page's flow id as an index,
 * and `arrangement-open:<connection>` naming the one open request of a
 * connection. Every change is conditional on the version it read.
 */
export class RedisArrangementRepository implements ArrangementRepository {
  private readonly byDeleteAt: ExpiryIndex;

  constructor(private readonly space: Keyspace) {
    this.byDeleteAt = new ExpiryIndex(space, space.key('arrangements', 'by-delete-at'));
  }

  private record(id: string): string {
    return this.space.key('arrangement', id);
  }
  private flow(flowId: string): string {
    return this.space.key('arrangement-flow', flowId);
  }
  private open(connectionId: string): string {
    return this.space.key('arrangement-open', connectionId);
  }
  private ofProvider(providerId: string): string {
    return this.space.key('arrangements', 'provider', providerId);
  }
  private ofUser(userId: string): string {
    return this.space.key('arrangements', 'user', userId);
  }

  async insert(record: ArrangementRecord): Promise<void> {
    const key = this.record(record.arrangementId);
    const effects: Effect[] = [
      ...this.byDeleteAt.added(key, record.arrangementId, record.deleteAt, ttlUntil(record.deleteAt, record.createdAt)),
      ['SADD', this.ofProvider(record.providerId), record.arrangementId],
      ['SADD', this.ofUser(record.userId), record.arrangementId],
      ...(record.flowId ? [['SET', this.flow(record.flowId), indexEntry(record.arrangementId)] as Effect] : []),
    ];
    if (!(await this.space.insert(key, record, { effects }))) throw new Error('arrangement exists');
  }

  get(arrangementId: string): Promise<ArrangementRecord | undefined> {
    return this.space.read(this.record(arrangementId));
  }

  async byFlow(flowId: string): Promise<ArrangementRecord | undefined> {
    const id = await this.space.holderOf(this.flow(flowId));
    const record = id === undefined ? undefined : await this.get(id);
    return record?.flowId === flowId ? record : undefined;
  }

  async listForProvider(providerId: string): Promise<ArrangementRecord[]> {
    const ids = await this.space.client.smembers(this.ofProvider(providerId));
    return sorted(
      (await this.space.readMany<ArrangementRecord>(ids.map((id) => this.record(id)))).filter(
        (record) => record.state !== 'draft',
      ),
    );
  }

  async listForUser(userId: string): Promise<ArrangementRecord[]> {
    const ids = await this.space.client.smembers(this.ofUser(userId));
    return sorted(await this.space.readMany<ArrangementRecord>(ids.map((id) => this.record(id))));
  }

  async update(
    arrangementId: string,
    version: number,
    patch: ArrangementPatch,
  ): Promise<ArrangementRecord | undefined> {
    const current = await this.get(arrangementId);
    if (!current || current.version !== version) return undefined;
    const key = this.record(arrangementId);
    const effects: Effect[] = [];
    if (patch.flowId !== undefined && patch.flowId !== current.flowId) {
      if (current.flowId) effects.push(['DEL', this.flow(current.flowId)]);
      if (patch.flowId) effects.push(['SET', this.flow(patch.flowId), indexEntry(arrangementId)]);
    }
    if (patch.deleteAt !== undefined) {
      effects.push(this.byDeleteAt.moved(arrangementId, patch.deleteAt));
      effects.push(['PEXPIRE', key, ttlUntil(patch.deleteAt, patch.updatedAt ?? current.updatedAt)]);
    }
    const changed = await this.space.update<ArrangementRecord>(key, {
      when: [['version', 'eq', version]],
      set: patch as Record<string, string | number | null>,
      add: { version: 1 },
      effects,
    });
    return changed?.after;
  }

  async claimOpen(connectionId: string, arrangementId: string): Promise<boolean> {
    return this.space.insert(this.open(connectionId), { arrangementId });
  }

  async releaseOpen(connectionId: string, arrangementId: string): Promise<void> {
    await this.space.take(this.open(connectionId), { when: [['arrangementId', 'eq', arrangementId]] });
  }

  async openFor(connectionId: string): Promise<string | undefined> {
    return (await this.space.read<{ arrangementId: string }>(this.open(connectionId)))?.arrangementId;
  }

  deleteExpired(now: number): Promise<number> {
    return this.byDeleteAt.sweep(now, async (id) => {
      const current = await this.get(id);
      if (!current || current.deleteAt > now) return false;
      const effects: Effect[] = [
        ['SREM', this.ofProvider(current.providerId), id],
        ['SREM', this.ofUser(current.userId), id],
        ...(current.flowId ? [['DEL', this.flow(current.flowId)] as Effect] : []),
      ];
      await this.releaseOpen(current.connectionId, id);
      return (await this.space.take(this.record(id), { when: [['deleteAt', 'le', now]], effects })) !== undefined;
    });
  }
}

const sorted = (records: ArrangementRecord[]) =>
  records.sort((a, b) => a.createdAt - b.createdAt || a.arrangementId.localeCompare(b.arrangementId));
