import type { CallRecord, CallRepository, NewCallRecord } from '../call-store.js';
import { indexEntry, ttlUntil, type Effect, type Keyspace } from './redis-keyspace.js';

/** A switchboard call id stays findable at most this long (beyond the longest retention). */
const SWITCHBOARD_INDEX_TTL_MS = 2 * 60 * 60_000;

/**
 * Call sessions of one tenant in Redis. Keys: `call:<id>` (the record, with a
 * TTL at its deleteAt as backstop), `code:<hash>` ("<codeExpiresAt>|<id>": the
 * live code's holder), `sbcall:<id>`, the set of called calls, and two sorted
 * sets the sweeper reads (by deleteAt, and by code expiry while uncalled).
 */
export class RedisCallRepository implements CallRepository {
  constructor(private readonly space: Keyspace) {}

  private call(callId: string): string {
    return this.space.key('call', callId);
  }

  private code(codeHash: string): string {
    return this.space.key('code', codeHash);
  }

  private get called(): string {
    return this.space.key('calls', 'called');
  }

  private get byDeleteAt(): string {
    return this.space.key('calls', 'by-delete-at');
  }

  private get byCodeExpiry(): string {
    return this.space.key('calls', 'by-code-expiry');
  }

  async insertIfCodeFree(call: NewCallRecord, now: number): Promise<boolean> {
    const record: CallRecord = {
      ...call,
      status: 'pending',
      irmaTokenSealed: null,
      attributesSealed: null,
      switchboardCallId: null,
      callerIdSealed: null,
      disclosedAt: null,
      calledAt: null,
      takenBy: null,
      takenByName: null,
      takenAt: null,
    };
    const effects: Effect[] = [
      // No grace here: a caller's data never outlives its retention, even when no sweeper runs.
      ['PEXPIRE', this.call(call.callId), Math.max(call.deleteAt - now, 1000)],
      ['ZADD', this.byDeleteAt, call.deleteAt, call.callId],
      ['ZADD', this.byCodeExpiry, call.codeExpiresAt, call.callId],
    ];
    if (call.codeHash)
      effects.push([
        'SET',
        this.code(call.codeHash),
        indexEntry(call.callId, call.codeExpiresAt),
        'PX',
        ttlUntil(call.codeExpiresAt, now),
      ]);
    return this.space.insert(this.call(call.callId), record, {
      unique: call.codeHash ? [{ key: this.code(call.codeHash), now }] : [],
      effects,
    });
  }

  get(callId: string): Promise<CallRecord | undefined> {
    return this.space.read(this.call(callId));
  }

  async attachIrmaSession(callId: string, irmaTokenSealed: string): Promise<boolean> {
    return (
      (await this.space.update(this.call(callId), {
        when: [['status', 'eq', 'pending']],
        set: { irmaTokenSealed },
      })) !== undefined
    );
  }

  async findByLiveCode(codeHashes: readonly string[], now: number): Promise<CallRecord | undefined> {
    for (const codeHash of codeHashes) {
      const callId = await this.space.holderOf(this.code(codeHash));
      const call = callId && (await this.get(callId));
      if (call && call.codeHash === codeHash && call.codeExpiresAt > now) return call;
    }
    return undefined;
  }

  async markDisclosed(callId: string, attributesSealed: string, now: number): Promise<boolean> {
    const changed = await this.space.update(this.call(callId), {
      when: [['status', 'eq', 'pending']],
      set: { status: 'disclosed', attributesSealed, disclosedAt: now, irmaTokenSealed: null },
    });
    return changed !== undefined;
  }

  async markEnded(callId: string, status: 'cancelled' | 'expired'): Promise<boolean> {
    const current = await this.get(callId);
    if (!current) return false;
    const changed = await this.space.update(this.call(callId), {
      when: [['status', 'eq', 'pending']],
      set: { status, codeHash: null, codeSealedForCitizen: null, irmaTokenSealed: null },
      effects: current.codeHash ? [['DELIFID', this.code(current.codeHash), callId]] : [],
    });
    return changed !== undefined;
  }

  async claimCode(
    codeHashes: readonly string[],
    switchboardCallId: string,
    now: number,
  ): Promise<CallRecord | undefined> {
    for (const codeHash of codeHashes) {
      const callId = await this.space.holderOf(this.code(codeHash));
      if (!callId) continue;
      // The conditions decide the one winner: a second claim finds the code hash gone.
      const changed = await this.space.update<CallRecord>(this.call(callId), {
        when: [
          ['codeHash', 'eq', codeHash],
          ['status', 'eq', 'disclosed'],
          ['codeExpiresAt', 'gt', now],
        ],
        set: { status: 'called', switchboardCallId, calledAt: now, codeHash: null, codeSealedForCitizen: null },
        effects: [
          ['DELIFID', this.code(codeHash), callId],
          ['ZREM', this.byCodeExpiry, callId],
          ['SADD', this.called, callId],
          ['SET', this.space.key('sbcall', switchboardCallId), callId, 'PX', SWITCHBOARD_INDEX_TTL_MS],
        ],
      });
      if (changed) return changed.after;
    }
    return undefined;
  }

  async attachCallerId(callId: string, callerIdSealed: string): Promise<boolean> {
    return (
      (await this.space.update(this.call(callId), { when: [['status', 'eq', 'called']], set: { callerIdSealed } })) !==
      undefined
    );
  }

  async listCalled(): Promise<CallRecord[]> {
    const ids = await this.space.client.smembers(this.called);
    const calls = await this.space.readMany<CallRecord>(ids.map((id) => this.call(id)));
    return calls.filter((call) => call.status === 'called').sort((a, b) => (a.calledAt ?? 0) - (b.calledAt ?? 0));
  }

  async findBySwitchboardCall(switchboardCallId: string): Promise<CallRecord | undefined> {
    const callId = await this.space.client.get(this.space.key('sbcall', switchboardCallId));
    const call = callId ? await this.get(callId) : undefined;
    return call?.switchboardCallId === switchboardCallId ? call : undefined;
  }

  async takeCall(callId: string, agentId: string, agentName: string, now: number): Promise<CallRecord | undefined> {
    const changed = await this.space.update<CallRecord>(this.call(callId), {
      when: [
        ['status', 'eq', 'called'],
        ['takenBy', 'eq', null],
      ],
      set: { takenBy: agentId, takenByName: agentName, takenAt: now },
    });
    return changed?.after;
  }

  async releaseTake(callId: string, agentId: string): Promise<boolean> {
    return (
      (await this.space.update(this.call(callId), {
        when: [['takenBy', 'eq', agentId]],
        set: { takenBy: null, takenByName: null, takenAt: null },
      })) !== undefined
    );
  }

  async delete(callId: string): Promise<boolean> {
    const current = await this.get(callId);
    if (!current) return false;
    return (await this.space.take(this.call(callId), { effects: this.unindex(current) })) !== undefined;
  }

  async deleteExpired(now: number): Promise<string[]> {
    const pastRetention = await this.space.due(this.byDeleteAt, now);
    const codeLapsed = await this.space.due(this.byCodeExpiry, now);
    const deleted: string[] = [];
    for (const callId of new Set([...pastRetention, ...codeLapsed])) {
      // One call failing (Redis away for a moment) must not lose the report of those already deleted.
      try {
        if (await this.deleteIfDue(callId, now)) deleted.push(callId);
      } catch {
        break;
      }
    }
    return deleted;
  }

  /**
   * Deletes one call if, at that very moment, its retention has passed or its
   * code lapsed uncalled: the conditions are checked inside the same step, so
   * a code claimed meanwhile (on another instance) keeps its call.
   */
  private async deleteIfDue(callId: string, now: number): Promise<boolean> {
    const current = await this.get(callId);
    if (!current) {
      // Gone already (its TTL backstop): the index entries go, reported by whoever removes them.
      const removed = await this.space.client.zrem(this.byDeleteAt, callId);
      await this.space.client.zrem(this.byCodeExpiry, callId);
      await this.space.client.srem(this.called, callId);
      return removed === 1;
    }
    const effects = this.unindex(current);
    const taken =
      (await this.space.take(this.call(callId), { when: [['deleteAt', 'le', now]], effects })) ??
      (await this.space.take(this.call(callId), {
        when: [
          ['status', 'ne', 'called'],
          ['codeExpiresAt', 'le', now],
        ],
        effects,
      }));
    if (!taken && current.status === 'called') await this.space.client.zrem(this.byCodeExpiry, callId);
    return taken !== undefined;
  }

  private unindex(call: CallRecord): Effect[] {
    const effects: Effect[] = [
      ['SREM', this.called, call.callId],
      ['ZREM', this.byDeleteAt, call.callId],
      ['ZREM', this.byCodeExpiry, call.callId],
    ];
    if (call.codeHash) effects.push(['DELIFID', this.code(call.codeHash), call.callId]);
    if (call.switchboardCallId) effects.push(['DEL', this.space.key('sbcall', call.switchboardCallId)]);
    return effects;
  }
}
