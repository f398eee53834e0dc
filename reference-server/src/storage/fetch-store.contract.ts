import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FetchRecord } from './fetch-store.js';
import type { Store } from './store.js';

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;

function fetchRecord(id: string, overrides: Partial<FetchRecord> = {}): FetchRecord {
  return {
    fetchId: id,
    consumerId: 'form',
    providerId: 'source',
    serviceType: 'https://t/allowance',
    fields: ['payments'],
    periodFrom: '2026-09-01',
    periodTo: '2026-11-30',
    purposeJson: '{"code":"x"}',
    applicationRefHash: 'app-hash',
    statusTokenHash: `status-${id}`,
    sourceTokenHash: null,
    userId: null,
    state: 'requested',
    failure: null,
    credentialSealed: null,
    holderKeySealed: null,
    consentId: null,
    referenceId: null,
    fetchedAt: null,
    expiresAt: NOW + 30 * MINUTE,
    createdAt: NOW,
    ...overrides,
  };
}

/** What every engine's fetch repository must do; run on SQLite and on Redis. */
export function describeFetchStoreContract(engine: string, openStore: () => Promise<Store> | Store): void {
  describe(`${engine} fetch store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(() => store.close());

    it('keeps a fetch and moves it along its states, one request winning a race', async () => {
      const fetches = store.forTenant('a').fetches;
      await fetches.insert(fetchRecord('f1'));
      expect(await fetches.get('f1')).toEqual(fetchRecord('f1'));
      await expect(fetches.insert(fetchRecord('f1'))).rejects.toThrow();

      const racing = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          fetches.transition(
            'f1',
            ['requested'],
            { state: 'identifying', userId: `u${i}`, sourceTokenHash: `src-${i}` },
            NOW,
          ),
        ),
      );
      const winners = racing.filter((before) => before !== undefined);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.state).toBe('requested');
      const after = (await fetches.get('f1'))!;
      expect(after.state).toBe('identifying');
      expect(await fetches.bySourceToken(after.sourceTokenHash!, NOW)).toEqual(after);
      expect(await fetches.bySourceToken('src-unknown', NOW)).toBeUndefined();
      // The token names the fetch only while it is live.
      expect(await fetches.bySourceToken(after.sourceTokenHash!, NOW + 31 * MINUTE)).toBeUndefined();

      expect(
        await fetches.transition(
          'f1',
          ['identifying'],
          { state: 'fetched', credentialSealed: 'sealed', holderKeySealed: 'key', fetchedAt: NOW + 1 },
          NOW + 1,
        ),
      ).toBeDefined();
      // Not from a state it is not in, nor past its time.
      expect(await fetches.transition('f1', ['identifying'], { state: 'failed' }, NOW + 2)).toBeUndefined();
      expect(await fetches.transition('f1', ['fetched'], { state: 'approved' }, NOW + 31 * MINUTE)).toBeUndefined();
      const taken = await fetches.transition(
        'f1',
        ['fetched'],
        { state: 'declined', credentialSealed: null, holderKeySealed: null },
        NOW + 3,
      );
      expect(taken?.credentialSealed).toBe('sealed');
      const declined = (await fetches.get('f1'))!;
      expect(declined).toMatchObject({ state: 'declined', credentialSealed: null, holderKeySealed: null });
      expect(await fetches.transition('nobody', ['requested'], { state: 'failed' }, NOW)).toBeUndefined();
    });

    it('deletes a fetch, and the expired ones only, with their source token', async () => {
      const fetches = store.forTenant('a').fetches;
      await fetches.insert(fetchRecord('keep', { expiresAt: NOW + 60 * MINUTE }));
      await fetches.insert(fetchRecord('lapse'));
      await fetches.insert(fetchRecord('gone'));
      await fetches.transition('lapse', ['requested'], { state: 'identifying', sourceTokenHash: 'src-lapse' }, NOW);
      await fetches.delete('gone');
      expect(await fetches.get('gone')).toBeUndefined();
      expect(await fetches.deleteExpired(NOW + 30 * MINUTE)).toBe(1);
      expect(await fetches.get('lapse')).toBeUndefined();
      expect(await fetches.bySourceToken('src-lapse', NOW)).toBeUndefined();
      expect(await fetches.get('keep')).toBeDefined();
      // Another tenant's fetches are its own.
      expect(await store.forTenant('b').fetches.get('keep')).toBeUndefined();
    });
  });
}
