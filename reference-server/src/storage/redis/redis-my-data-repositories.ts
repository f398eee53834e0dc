import type { CredentialStatusRepository } from '../credential-store.js';
import type {
  CorrectionRecord,
  CorrectionRepository,
  ForwardRecord,
  ForwardRepository,
  MyDataViewRecord,
  MyDataViewRepository,
} from '../my-data-store.js';
import { ExpiryIndex } from './expiry-index.js';
import { indexEntry, ttlUntil, type Effect, type Keyspace } from './redis-keyspace.js';

/**
 * Status lists: per issuer a counter (`status:<issuer>:next`), a hash from
 * "<subject key>|<vct>" to the current index, and the set of revoked indexes.
 * Allocation is INCR then HSETNX, so two requests at once end with one index
 * (the loser's number stays unused).
 */
export class RedisCredentialStatusRepository implements CredentialStatusRepository {
  constructor(private readonly space: Keyspace) {}

  private key(issuerId: string, part: 'next' | 'current' | 'revoked'): string {
    return this.space.key('status', issuerId, part);
  }

  async indexFor(issuerId: string, subjectKey: string, vct: string): Promise<number> {
    const current = this.key(issuerId, 'current');
    const field = `${subjectKey}|${vct}`;
    const existing = await this.space.client.hget(current, field);
    if (existing !== null) return Number(existing);
    const index = (await this.space.client.incr(this.key(issuerId, 'next'))) - 1;
    if (await this.space.client.hsetnx(current, field, String(index))) return index;
    return Number(await this.space.client.hget(current, field));
  }

  async revokeCurrent(issuerId: string, subjectKeys: readonly string[], vct: string): Promise<number[]> {
    const current = this.key(issuerId, 'current');
    const revoked: number[] = [];
    for (const subjectKey of subjectKeys) {
      const field = `${subjectKey}|${vct}`;
      const index = await this.space.client.hget(current, field);
      if (index === null) continue;
      // Revoked before it is forgotten: a crash in between leaves it revoked and still current, never valid and lost.
      await this.space.client.sadd(this.key(issuerId, 'revoked'), index);
      await this.space.client.hdel(current, field);
      revoked.push(Number(index));
    }
    return revoked.sort((a, b) => a - b);
  }

  async statusOf(issuerId: string): Promise<{ size: number; revoked: number[] }> {
    const [size, revoked] = await Promise.all([
      this.space.client.get(this.key(issuerId, 'next')),
      this.space.client.smembers(this.key(issuerId, 'revoked')),
    ]);
    return { size: Number(size ?? 0), revoked: revoked.map(Number).sort((a, b) => a - b) };
  }
}

/** Views: `my-data-view:<id>` with a TTL, the token's hash as a unique index, a sorted set by expiry. */
export class RedisMyDataViewRepository implements MyDataViewRepository {
  private readonly byExpiry: ExpiryIndex;

  constructor(private readonly space: Keyspace) {
    this.byExpiry = new ExpiryIndex(space, space.key('my-data-views', 'by-expiry'));
  }

  private view(viewId: string): string {
    return this.space.key('my-data-view', viewId);
  }

  private token(tokenHash: string): string {
    return this.space.key('my-data-view-token', tokenHash);
  }

  async insert(view: MyDataViewRecord): Promise<void> {
    const key = this.view(view.viewId);
    // Unopened, a view ends with its token; opening moves it to the view's own end.
    const endsAt = view.secretHash === null ? Math.min(view.expiresAt, view.tokenExpiresAt) : view.expiresAt;
    const ttl = ttlUntil(endsAt, view.createdAt);
    const inserted = await this.space.insert(key, view, {
      unique: [{ key: this.token(view.tokenHash) }],
      effects: [
        ...this.byExpiry.added(key, view.viewId, endsAt, ttl),
        ['SET', this.token(view.tokenHash), indexEntry(view.viewId), 'PX', ttl],
      ],
    });
    if (!inserted) throw new Error('view exists');
  }

  async open(
    tokenHash: string,
    secretHash: string,
    expiresAt: number,
    now: number,
  ): Promise<MyDataViewRecord | undefined> {
    const viewId = await this.space.holderOf(this.token(tokenHash));
    if (!viewId) return undefined;
    const key = this.view(viewId);
    const changed = await this.space.update<MyDataViewRecord>(key, {
      when: [
        ['secretHash', 'eq', null],
        ['tokenExpiresAt', 'gt', now],
      ],
      set: { secretHash, expiresAt },
      effects: [
        ['PEXPIRE', key, ttlUntil(expiresAt, now)],
        this.byExpiry.moved(viewId, expiresAt),
        ['DELIFID', this.token(tokenHash), viewId],
      ],
    });
    return changed?.after;
  }

  get(viewId: string): Promise<MyDataViewRecord | undefined> {
    return this.space.read(this.view(viewId));
  }

  deleteExpired(now: number): Promise<number> {
    return this.byExpiry.sweep(now, async (viewId) => {
      const current = await this.get(viewId);
      if (!current) return false;
      const effects: Effect[] = [['DELIFID', this.token(current.tokenHash), viewId]];
      return (await this.space.take(this.view(viewId), { effects })) !== undefined;
    });
  }
}

/**
 * Corrections: `correction:<id>` without a TTL (they answer to deadlines of
 * months); per company and per customer the set of submitted ones; drafts
 * in a sorted set by their expiry, answered ones in one by their answer.
 */
export class RedisCorrectionRepository implements CorrectionRepository {
  private readonly drafts: ExpiryIndex;
  private readonly answered: ExpiryIndex;

  constructor(private readonly space: Keyspace) {
    this.drafts = new ExpiryIndex(space, space.key('corrections', 'drafts-by-expiry'));
    this.answered = new ExpiryIndex(space, space.key('corrections', 'by-answer'));
  }

  private correction(correctionId: string): string {
    return this.space.key('correction', correctionId);
  }

  private ofProvider(providerId: string): string {
    return this.space.key('corrections', 'provider', providerId);
  }

  private ofSubject(providerId: string, subjectKey: string): string {
    return this.space.key('corrections', 'subject', providerId, subjectKey);
  }

  async insert(correction: CorrectionRecord): Promise<void> {
    const key = this.correction(correction.correctionId);
    const inserted = await this.space.insert(key, correction, {
      effects: [['ZADD', this.drafts.key, correction.draftExpiresAt, correction.correctionId]],
    });
    if (!inserted) throw new Error('correction exists');
  }

  get(correctionId: string): Promise<CorrectionRecord | undefined> {
    return this.space.read(this.correction(correctionId));
  }

  async discardDraft(correctionId: string): Promise<void> {
    await this.space.take(this.correction(correctionId), {
      when: [['state', 'eq', 'draft']],
      effects: [this.drafts.removed(correctionId)],
    });
  }

  async submit(correctionId: string, userId: string, now: number, answerDueBy: number): Promise<boolean> {
    const current = await this.get(correctionId);
    if (!current) return false;
    const changed = await this.space.update(this.correction(correctionId), {
      when: [
        ['state', 'eq', 'draft'],
        ['draftExpiresAt', 'gt', now],
      ],
      set: { state: 'submitted', userId, submittedAt: now, answerDueBy },
      effects: [
        this.drafts.removed(correctionId),
        ['SADD', this.ofProvider(current.providerId), correctionId],
        ['SADD', this.ofSubject(current.providerId, current.subjectKey), correctionId],
      ],
    });
    return changed !== undefined;
  }

  async extend(correctionId: string, answerDueBy: number, answerSealed: string): Promise<boolean> {
    const changed = await this.space.update(this.correction(correctionId), {
      when: [['state', 'eq', 'submitted']],
      set: { state: 'extended', answerDueBy, answerSealed },
    });
    return changed !== undefined;
  }

  async answer(
    correctionId: string,
    state: 'accepted' | 'refused',
    answerSealed: string | null,
    now: number,
  ): Promise<boolean> {
    const changed = await this.space.update(this.correction(correctionId), {
      when: [['state', 'in', ['submitted', 'extended']]],
      set: { state, answeredAt: now, ...(answerSealed !== null && { answerSealed }) },
      effects: [['ZADD', this.answered.key, now, correctionId]],
    });
    return changed !== undefined;
  }

  async listForSubject(providerId: string, subjectKeys: readonly string[]): Promise<CorrectionRecord[]> {
    const ids = new Set<string>();
    for (const subjectKey of subjectKeys)
      for (const id of await this.space.client.smembers(this.ofSubject(providerId, subjectKey))) ids.add(id);
    const records = await this.space.readMany<CorrectionRecord>([...ids].map((id) => this.correction(id)));
    return records.sort(
      (a, b) => (b.submittedAt ?? 0) - (a.submittedAt ?? 0) || a.correctionId.localeCompare(b.correctionId),
    );
  }

  async listForProvider(providerId: string): Promise<CorrectionRecord[]> {
    const ids = await this.space.client.smembers(this.ofProvider(providerId));
    const records = await this.space.readMany<CorrectionRecord>(ids.map((id) => this.correction(id)));
    return records.sort(
      (a, b) => (a.submittedAt ?? 0) - (b.submittedAt ?? 0) || a.correctionId.localeCompare(b.correctionId),
    );
  }

  async deleteExpired(now: number, answeredBefore: number): Promise<number> {
    const drafts = await this.drafts.sweep(
      now,
      async (id) => (await this.space.take(this.correction(id), { when: [['state', 'eq', 'draft']] })) !== undefined,
    );
    // Answered a while ago: kept that long as the company's record of how it answered, then deleted.
    const answered = await this.answered.sweep(answeredBefore - 1, async (id) => {
      const current = await this.get(id);
      if (!current) return false;
      const effects: Effect[] = [
        ['SREM', this.ofProvider(current.providerId), id],
        ['SREM', this.ofSubject(current.providerId, current.subjectKey), id],
      ];
      return (await this.space.take(this.correction(id), { effects })) !== undefined;
    });
    return drafts + answered;
  }
}

/** Forwards: `forward:<id>` with a TTL, its data reference as a unique index once confirmed, a sorted set by expiry. */
export class RedisForwardRepository implements ForwardRepository {
  private readonly byExpiry: ExpiryIndex;

  constructor(private readonly space: Keyspace) {
    this.byExpiry = new ExpiryIndex(space, space.key('forwards', 'by-expiry'));
  }

  private forward(forwardId: string): string {
    return this.space.key('forward', forwardId);
  }

  private reference(referenceId: string): string {
    return this.space.key('forward-reference', referenceId);
  }

  async insert(forward: ForwardRecord): Promise<void> {
    const key = this.forward(forward.forwardId);
    const ttl = ttlUntil(forward.expiresAt, forward.createdAt);
    const effects: Effect[] = [...this.byExpiry.added(key, forward.forwardId, forward.expiresAt, ttl)];
    if (forward.referenceId)
      effects.push(['SET', this.reference(forward.referenceId), indexEntry(forward.forwardId), 'PX', ttl]);
    if (!(await this.space.insert(key, forward, { effects }))) throw new Error('forward exists');
  }

  get(forwardId: string): Promise<ForwardRecord | undefined> {
    return this.space.read(this.forward(forwardId));
  }

  async confirm(
    forwardId: string,
    confirmed: { credentialSealed: string; consentId: string; referenceId: string; expiresAt: number },
    now: number,
  ): Promise<boolean> {
    const key = this.forward(forwardId);
    const ttl = ttlUntil(confirmed.expiresAt, now);
    const changed = await this.space.update(key, {
      when: [
        ['state', 'eq', 'draft'],
        ['expiresAt', 'gt', now],
      ],
      set: { state: 'awaiting-delivery', ...confirmed },
      effects: [
        ['PEXPIRE', key, ttl],
        this.byExpiry.moved(forwardId, confirmed.expiresAt),
        ['SET', this.reference(confirmed.referenceId), indexEntry(forwardId), 'PX', ttl],
      ],
    });
    return changed !== undefined;
  }

  async takeForDelivery(referenceId: string, now: number): Promise<ForwardRecord | undefined> {
    const forwardId = await this.space.holderOf(this.reference(referenceId));
    if (!forwardId) return undefined;
    return this.space.take<ForwardRecord>(this.forward(forwardId), {
      when: [
        ['state', 'eq', 'awaiting-delivery'],
        ['expiresAt', 'gt', now],
      ],
      effects: [['DELIFID', this.reference(referenceId), forwardId], this.byExpiry.removed(forwardId)],
    });
  }

  restore(forward: ForwardRecord): Promise<void> {
    return this.insert(forward);
  }

  async delete(forwardId: string): Promise<void> {
    const current = await this.get(forwardId);
    if (!current) return;
    const effects: Effect[] = [this.byExpiry.removed(forwardId)];
    if (current.referenceId) effects.push(['DELIFID', this.reference(current.referenceId), forwardId]);
    await this.space.take(this.forward(forwardId), { effects });
  }

  async deleteExpired(now: number): Promise<string[]> {
    const consentIds: string[] = [];
    await this.byExpiry.sweep(now, async (forwardId) => {
      const current = await this.get(forwardId);
      if (!current || current.expiresAt > now) return false;
      const effects: Effect[] = current.referenceId
        ? [['DELIFID', this.reference(current.referenceId), forwardId]]
        : [];
      const taken = await this.space.take<ForwardRecord>(this.forward(forwardId), { effects });
      if (taken?.consentId) consentIds.push(taken.consentId);
      return taken !== undefined;
    });
    return consentIds;
  }
}
