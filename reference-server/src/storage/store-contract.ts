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

    it('refuses a second live call with the same code hash, but allows it once the first expired', async () => {
      const calls = store.forTenant('a').calls;
      expect(await calls.insertIfCodeFree(newCall('c1', 'h1'), NOW)).toBe(true);
      expect(await calls.insertIfCodeFree(newCall('c2', 'h1'), NOW + 1000)).toBe(false);
      expect(await calls.insertIfCodeFree(newCall('c3', 'h1', { codeExpiresAt: NOW + 1_200_000 }), NOW + 600_000)).toBe(true);
      expect((await calls.findByLiveCode(['h1'], NOW + 600_001))?.callId).toBe('c3');
    });

    it('keeps tenants apart: the same code hash and id live independently', async () => {
      expect(await store.forTenant('a').calls.insertIfCodeFree(newCall('c1', 'h1'), NOW)).toBe(true);
      expect(await store.forTenant('b').calls.insertIfCodeFree(newCall('c1', 'h1'), NOW)).toBe(true);
      await store.forTenant('a').calls.delete('c1');
      expect((await store.forTenant('b').calls.get('c1'))?.callId).toBe('c1');
    });

    it('moves pending -> disclosed once, dropping the IRMA token', async () => {
      const calls = store.forTenant('a').calls;
      await calls.insertIfCodeFree(newCall('c1', 'h1'), NOW);
      await calls.attachIrmaSession('c1', 'irma-sealed');
      expect(await calls.markDisclosed('c1', 'attrs-sealed', NOW + 5)).toBe(true);
      expect(await calls.markDisclosed('c1', 'other', NOW + 6)).toBe(false);
      expect(await calls.get('c1')).toMatchObject({ status: 'disclosed', attributesSealed: 'attrs-sealed', irmaTokenSealed: null, disclosedAt: NOW + 5 });
    });

    it('voids code and token when a pending call ends', async () => {
      const calls = store.forTenant('a').calls;
      await calls.insertIfCodeFree(newCall('c1', 'h1'), NOW);
      expect(await calls.markEnded('c1', 'cancelled')).toBe(true);
      expect(await calls.get('c1')).toMatchObject({ status: 'cancelled', codeHash: null, codeSealedForCitizen: null });
      expect(await calls.findByLiveCode(['h1'], NOW)).toBeUndefined();
    });

    it('binds a disclosed code to one switchboard call only, whoever asks first wins', async () => {
      const calls = store.forTenant('a').calls;
      await calls.insertIfCodeFree(newCall('c1', 'h1'), NOW);
      expect(await calls.claimCode(['h1'], 'sw-0', NOW)).toBeUndefined();
      await calls.markDisclosed('c1', 'attrs', NOW);
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => calls.claimCode(['other', 'h1'], `sw-${i}`, NOW + 1)));
      const winners = claims.filter(Boolean);
      expect(winners).toHaveLength(1);
      expect(await calls.get('c1')).toMatchObject({ status: 'called', switchboardCallId: winners[0]!.switchboardCallId, codeHash: null });
    });

    it('does not bind an expired code', async () => {
      const calls = store.forTenant('a').calls;
      await calls.insertIfCodeFree(newCall('c1', 'h1'), NOW);
      await calls.markDisclosed('c1', 'attrs', NOW);
      expect(await calls.claimCode(['h1'], 'sw-1', NOW + 600_000)).toBeUndefined();
    });

    it('deletes records whose retention time has passed, and only those', async () => {
      const calls = store.forTenant('a').calls;
      await calls.insertIfCodeFree(newCall('old', 'h1', { deleteAt: NOW + 10 }), NOW);
      await calls.insertIfCodeFree(newCall('new', 'h2', { deleteAt: NOW + 20 }), NOW);
      expect(await calls.deleteExpired(NOW + 10)).toEqual(['old']);
      expect(await calls.get('old')).toBeUndefined();
      expect(await calls.get('new')).toBeDefined();
    });
  });
}
