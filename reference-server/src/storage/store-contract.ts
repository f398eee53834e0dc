import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewCallRecord, Store } from './store.js';

const NOW = 1_800_000_000_000;

function newCall(id: string, codeHash: string, overrides: Partial<NewCallRecord> = {}): NewCallRecord {
  return {
    callId: id,
    purpose: 'general',
    callTokenHash: `hash-${id}`,
    codeHash,
    codeSealedForCitizen: `sealed-${id}`,
    codeExpiresAt: NOW + 600_000,
    createdAt: NOW,
    deleteAt: NOW + 3_600_000,
    ...overrides,
  };
}

/**
 * The behaviour every storage engine must show. Each engine's test file runs
 * this suite against a fresh store with tenants `a` and `b`.
 */
export function describeStoreContract(engine: string, openStore: () => Promise<Store> | Store): void {
  describe(`${engine} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(() => store.close());

    it('refuses a second live call with the same code hash, but allows it once the first expired', () => {
      const calls = store.forTenant('a').calls;
      expect(calls.insertIfCodeFree(newCall('c1', 'h1'), NOW)).toBe(true);
      expect(calls.insertIfCodeFree(newCall('c2', 'h1'), NOW + 1000)).toBe(false);
      expect(calls.insertIfCodeFree(newCall('c3', 'h1', { codeExpiresAt: NOW + 1_200_000 }), NOW + 600_000)).toBe(true);
      expect(calls.findByLiveCode(['h1'], NOW + 600_001)?.callId).toBe('c3');
    });

    it('keeps tenants apart: the same code hash and id live independently', () => {
      expect(store.forTenant('a').calls.insertIfCodeFree(newCall('c1', 'h1'), NOW)).toBe(true);
      expect(store.forTenant('b').calls.insertIfCodeFree(newCall('c1', 'h1'), NOW)).toBe(true);
      store.forTenant('a').calls.delete('c1');
      expect(store.forTenant('b').calls.get('c1')?.callId).toBe('c1');
    });

    it('moves pending -> disclosed once, dropping the IRMA token', () => {
      const calls = store.forTenant('a').calls;
      calls.insertIfCodeFree(newCall('c1', 'h1'), NOW);
      calls.attachIrmaSession('c1', 'irma-sealed');
      expect(calls.markDisclosed('c1', 'attrs-sealed', NOW + 5)).toBe(true);
      expect(calls.markDisclosed('c1', 'other', NOW + 6)).toBe(false);
      expect(calls.get('c1')).toMatchObject({ status: 'disclosed', attributesSealed: 'attrs-sealed', irmaTokenSealed: null, disclosedAt: NOW + 5 });
    });

    it('voids code and token when a pending call ends', () => {
      const calls = store.forTenant('a').calls;
      calls.insertIfCodeFree(newCall('c1', 'h1'), NOW);
      expect(calls.markEnded('c1', 'cancelled')).toBe(true);
      expect(calls.get('c1')).toMatchObject({ status: 'cancelled', codeHash: null, codeSealedForCitizen: null });
      expect(calls.findByLiveCode(['h1'], NOW)).toBeUndefined();
    });

    it('binds a disclosed code to one switchboard call only, whoever asks first wins', async () => {
      const calls = store.forTenant('a').calls;
      calls.insertIfCodeFree(newCall('c1', 'h1'), NOW);
      expect(calls.claimCode(['h1'], 'sw-0', NOW)).toBeUndefined();
      calls.markDisclosed('c1', 'attrs', NOW);
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => Promise.resolve().then(() => calls.claimCode(['other', 'h1'], `sw-${i}`, NOW + 1))));
      const winners = claims.filter(Boolean);
      expect(winners).toHaveLength(1);
      expect(calls.get('c1')).toMatchObject({ status: 'called', switchboardCallId: winners[0]!.switchboardCallId, codeHash: null });
    });

    it('does not bind an expired code', () => {
      const calls = store.forTenant('a').calls;
      calls.insertIfCodeFree(newCall('c1', 'h1'), NOW);
      calls.markDisclosed('c1', 'attrs', NOW);
      expect(calls.claimCode(['h1'], 'sw-1', NOW + 600_000)).toBeUndefined();
    });

    it('deletes records whose retention time has passed, and only those', () => {
      const calls = store.forTenant('a').calls;
      calls.insertIfCodeFree(newCall('old', 'h1', { deleteAt: NOW + 10 }), NOW);
      calls.insertIfCodeFree(newCall('new', 'h2', { deleteAt: NOW + 20 }), NOW);
      expect(calls.deleteExpired(NOW + 10)).toEqual(['old']);
      expect(calls.get('old')).toBeUndefined();
      expect(calls.get('new')).toBeDefined();
    });
  });
}
