import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArrangementRecord } from './arrangement-store.js';
import type { Store } from './store.js';

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;

function arrangement(id: string, overrides: Partial<ArrangementRecord> = {}): ArrangementRecord {
  return {
    arrangementId: id,
    providerId: 'p1',
    consumerId: 'c1',
    userId: 'u1',
    sub: 'sub-1',
    connectionId: 'conn-1',
    state: 'draft',
    version: 1,
    flowId: `flow-${id}`,
    flowStep: 'request',
    flowExpiresAt: NOW + 30 * MINUTE,
    policyVersion: 2,
    policyHash: 'h'.repeat(43),
    outcome: 'accepted-in-advance',
    termsSealed: 'sealed-terms',
    instalments: '',
    missedCount: 0,
    receipt: null,
    decision: null,
    createdAt: NOW,
    updatedAt: NOW,
    deleteAt: NOW + 30 * MINUTE,
    ...overrides,
  };
}

/** What every engine must do for payment arrangements, the same way. */
export function describeArrangementStoreContract(engine: string, openStore: () => Promise<Store> | Store): void {
  describe(`${engine} arrangement store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(() => store.close());

    it('keeps an arrangement, finds it by its flow, and lists it for its provider once past the draft', async () => {
      const arrangements = store.forTenant('a').arrangements;
      await arrangements.insert(arrangement('a1'));
      expect(await arrangements.get('a1')).toEqual(arrangement('a1'));
      expect((await arrangements.byFlow('flow-a1'))?.arrangementId).toBe('a1');
      expect(await arrangements.listForProvider('p1')).toEqual([]);
      expect((await arrangements.listForUser('u1')).map((r) => r.arrangementId)).toEqual(['a1']);
      const requested = await arrangements.update('a1', 1, { state: 'requested', flowId: null, flowStep: null });
      expect(requested).toMatchObject({ state: 'requested', version: 2, flowId: null, termsSealed: 'sealed-terms' });
      expect(await arrangements.byFlow('flow-a1')).toBeUndefined();
      expect((await arrangements.listForProvider('p1')).map((r) => r.arrangementId)).toEqual(['a1']);
      expect(await store.forTenant('b').arrangements.get('a1')).toBeUndefined();
    });

    it('applies a change only to the version it read: of two racing deciders exactly one wins', async () => {
      const arrangements = store.forTenant('a').arrangements;
      await arrangements.insert(arrangement('a2', { state: 'requested' }));
      const results = await Promise.all([
        arrangements.update('a2', 1, { state: 'accepted', updatedAt: NOW + 1 }),
        arrangements.update('a2', 1, { state: 'refused', updatedAt: NOW + 2 }),
        arrangements.update('a2', 1, { state: 'countered', updatedAt: NOW + 3 }),
      ]);
      const winners = results.filter((result) => result !== undefined);
      expect(winners).toHaveLength(1);
      expect((await arrangements.get('a2'))!.state).toBe(winners[0]!.state);
      expect(await arrangements.update('a2', 1, { state: 'active' })).toBeUndefined();
      expect(await arrangements.update('unknown', 1, { state: 'active' })).toBeUndefined();
    });

    it('moves the flow index with a new flow (a counter-proposal) and forgets the old one', async () => {
      const arrangements = store.forTenant('a').arrangements;
      await arrangements.insert(arrangement('a3'));
      await arrangements.update('a3', 1, { state: 'countered', flowId: 'flow-counter', flowStep: 'counter-proposal' });
      expect(await arrangements.byFlow('flow-a3')).toBeUndefined();
      expect((await arrangements.byFlow('flow-counter'))?.flowStep).toBe('counter-proposal');
    });

    it('gives a connection one open request at a time, also to concurrent claims, until its holder releases it', async () => {
      const arrangements = store.forTenant('a').arrangements;
      const claims = await Promise.all(['x1', 'x2', 'x3'].map((id) => arrangements.claimOpen('conn-9', id)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      const holder = await arrangements.openFor('conn-9');
      const other = ['x1', 'x2', 'x3'].find((id) => id !== holder)!;
      await arrangements.releaseOpen('conn-9', other);
      expect(await arrangements.openFor('conn-9')).toBe(holder);
      await arrangements.releaseOpen('conn-9', holder!);
      expect(await arrangements.openFor('conn-9')).toBeUndefined();
      expect(await arrangements.claimOpen('conn-9', other)).toBe(true);
      expect(await store.forTenant('b').arrangements.openFor('conn-9')).toBeUndefined();
    });

    it('deletes what is due, with its flow and its open mark, and keeps what is not', async () => {
      const arrangements = store.forTenant('a').arrangements;
      await arrangements.insert(arrangement('old', { deleteAt: NOW + MINUTE }));
      await arrangements.insert(arrangement('kept', { deleteAt: NOW + 400 * 24 * 60 * MINUTE, flowId: null }));
      await arrangements.claimOpen('conn-1', 'old');
      expect(await arrangements.deleteExpired(NOW + 2 * MINUTE)).toBe(1);
      expect(await arrangements.get('old')).toBeUndefined();
      expect(await arrangements.byFlow('flow-old')).toBeUndefined();
      expect(await arrangements.openFor('conn-1')).toBeUndefined();
      expect((await arrangements.listForUser('u1')).map((r) => r.arrangementId)).toEqual(['kept']);
      // A change that moves the deletion keeps it longer.
      const moved = await arrangements.update('kept', 1, { deleteAt: NOW + 800 * 24 * 60 * MINUTE });
      expect(moved?.deleteAt).toBe(NOW + 800 * 24 * 60 * MINUTE);
      expect(await arrangements.deleteExpired(NOW + 500 * 24 * 60 * MINUTE)).toBe(0);
    });
  });
}
