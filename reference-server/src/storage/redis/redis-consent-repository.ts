import {
  storedConsent,
  type ConsentRecord,
  type ConsentRepository,
  type ConsentUseRecord,
  type DataReferenceRecord,
  type StoredConsent,
} from '../consent-store.js';
import { ttlUntil, type Effect, type Keyspace } from './redis-keyspace.js';

/**
 * Consents and their data references. An unanswered request carries a TTL
 * (it lapses); a decided consent loses it and lasts, like the user's record of
 * what they shared. Keys: `consent:<id>`, `data-reference:<id>`, per consent
 * its references and use log, per user and per connection their consents, and
 * sorted sets of open requests (by expiry) and accepted consents (by term).
 */
export class RedisConsentRepository implements ConsentRepository {
  constructor(private readonly space: Keyspace) {}

  private consent(consentId: string): string {
    return this.space.key('consent', consentId);
  }

  private reference_(referenceId: string): string {
    return this.space.key('data-reference', referenceId);
  }

  private referencesKey(consentId: string): string {
    return this.space.key('consent-references', consentId);
  }

  private get openRequests(): string {
    return this.space.key('consents', 'requested');
  }

  private get accepted(): string {
    return this.space.key('consents', 'accepted');
  }

  async insert(consent: ConsentRecord): Promise<void> {
    const inserted = await this.space.insert(this.consent(consent.consentId), storedConsent.encode(consent), {
      effects: [
        ['PEXPIRE', this.consent(consent.consentId), ttlUntil(consent.requestExpiresAt, consent.createdAt)],
        ['ZADD', this.openRequests, consent.requestExpiresAt, consent.consentId],
        ['SADD', this.space.key('user-consents', consent.userId), consent.consentId],
      ],
    });
    if (!inserted) throw new Error('consent exists');
  }

  async get(consentId: string): Promise<ConsentRecord | undefined> {
    const stored = await this.space.read<StoredConsent>(this.consent(consentId));
    return stored && storedConsent.decode(stored);
  }

  async listForUser(userId: string): Promise<ConsentRecord[]> {
    const ids = await this.space.client.smembers(this.space.key('user-consents', userId));
    const consents = await this.space.readMany<StoredConsent>(ids.map((id) => this.consent(id)));
    return consents
      .filter((consent) => consent.state !== 'requested')
      .map((consent) => storedConsent.decode(consent))
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  async accept(consentId: string, references: DataReferenceRecord[], receipt: string, now: number): Promise<boolean> {
    const current = await this.get(consentId);
    if (!current) return false;
    const effects: Effect[] = [
      ['PERSIST', this.consent(consentId)],
      ['ZREM', this.openRequests, consentId],
      ['ZADD', this.accepted, current.validUntil, consentId],
    ];
    for (const reference of references) {
      effects.push(
        ['SET', this.reference_(reference.referenceId), JSON.stringify({ usedAt: null, ...reference })],
        ['SADD', this.referencesKey(consentId), reference.referenceId],
        ['SADD', this.space.key('connection-consents', reference.connectionId), consentId],
      );
    }
    const changed = await this.space.update(this.consent(consentId), {
      when: [['state', 'eq', 'requested']],
      set: { state: 'accepted', decidedAt: now, receipt },
      effects,
    });
    return changed !== undefined;
  }

  async reject(consentId: string, now: number): Promise<boolean> {
    const changed = await this.space.update(this.consent(consentId), {
      when: [['state', 'eq', 'requested']],
      set: { state: 'rejected', decidedAt: now },
      effects: [
        ['PERSIST', this.consent(consentId)],
        ['ZREM', this.openRequests, consentId],
      ],
    });
    return changed !== undefined;
  }

  async revoke(consentId: string, by: 'user' | 'consumer' | 'connection-ended', _now: number): Promise<boolean> {
    return this.endAccepted(consentId, { state: 'revoked', endedBy: by });
  }

  async acceptedPastTerm(now: number): Promise<ConsentRecord[]> {
    const ids = await this.space.due(this.accepted, now, 500);
    const consents = await this.space.readMany<StoredConsent>(ids.map((id) => this.consent(id)));
    return consents
      .filter((consent) => consent.state === 'accepted' && consent.validUntil <= now)
      .map((consent) => storedConsent.decode(consent));
  }

  expire(consentId: string, _now: number): Promise<boolean> {
    return this.endAccepted(consentId, { state: 'expired' });
  }

  async claimReference(referenceId: string, now: number): Promise<boolean> {
    const reference = await this.reference(referenceId);
    if (!reference) return false;
    const consent = this.consent(reference.consentId);
    const changed = await this.space.update(this.reference_(referenceId), {
      when: [
        ['usedAt', 'eq', null],
        { key: consent, field: 'state', op: 'eq', value: 'accepted' },
        { key: consent, field: 'mode', op: 'eq', value: 'one-off' },
      ],
      set: { usedAt: now },
    });
    return changed !== undefined;
  }

  async releaseReference(referenceId: string): Promise<void> {
    await this.space.update(this.reference_(referenceId), { set: { usedAt: null } });
  }

  async markUsedIfSpent(consentId: string): Promise<boolean> {
    const referenceIds = await this.space.client.smembers(this.referencesKey(consentId));
    // Every reference must have given its data, checked in the same step that ends the consent.
    const changed = await this.space.update(this.consent(consentId), {
      when: [
        ['state', 'eq', 'accepted'],
        ...referenceIds.map((id) => ({ key: this.reference_(id), field: 'usedAt', op: 'ne' as const, value: null })),
      ],
      set: { state: 'used' },
      effects: [['ZREM', this.accepted, consentId]],
    });
    return changed !== undefined;
  }

  async revokeForConnection(connectionId: string, _now: number): Promise<string[]> {
    const consentIds = await this.space.client.smembers(this.space.key('connection-consents', connectionId));
    const revoked: string[] = [];
    for (const consentId of consentIds) {
      if (await this.endAccepted(consentId, { state: 'revoked', endedBy: 'connection-ended' })) revoked.push(consentId);
    }
    return revoked;
  }

  reference(referenceId: string): Promise<DataReferenceRecord | undefined> {
    return this.space.read(this.reference_(referenceId));
  }

  async referencesOf(consentId: string): Promise<DataReferenceRecord[]> {
    const ids = await this.space.client.smembers(this.referencesKey(consentId));
    const references = await this.space.readMany<DataReferenceRecord>(ids.map((id) => this.reference_(id)));
    return references.sort((a, b) => (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0));
  }

  async appendUse(use: Omit<ConsentUseRecord, 'seq'>): Promise<void> {
    await this.space.append(this.space.key('consent-uses', 'seq'), this.space.key('consent-uses', use.consentId), use);
  }

  async usesOf(consentId: string): Promise<ConsentUseRecord[]> {
    const raw = await this.space.client.zrevrange(this.space.key('consent-uses', consentId), 0, 199);
    return raw.map((entry) => JSON.parse(entry) as ConsentUseRecord);
  }

  async deleteLapsedRequests(now: number): Promise<number> {
    let deleted = 0;
    for (const consentId of await this.space.due(this.openRequests, now)) {
      const current = await this.get(consentId);
      const taken =
        current &&
        (await this.space.take(this.consent(consentId), {
          when: [
            ['state', 'eq', 'requested'],
            ['requestExpiresAt', 'le', now],
          ],
          effects: [['SREM', this.space.key('user-consents', current.userId), consentId]],
        }));
      if (taken) deleted += 1;
      await this.space.client.zrem(this.openRequests, consentId);
    }
    return deleted;
  }

  private async endAccepted(consentId: string, set: Record<string, string>): Promise<boolean> {
    const changed = await this.space.update(this.consent(consentId), {
      when: [['state', 'eq', 'accepted']],
      set,
      effects: [['ZREM', this.accepted, consentId]],
    });
    return changed !== undefined;
  }
}
