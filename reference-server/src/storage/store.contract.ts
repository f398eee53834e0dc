import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.js';
import type { NewCallRecord } from './call-store.js';

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
      expect(await calls.insertIfCodeFree(newCall('c3', 'h1', { codeExpiresAt: NOW + 1_200_000 }), NOW + 600_000)).toBe(
        true,
      );
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
      expect(await calls.get('c1')).toMatchObject({
        status: 'disclosed',
        attributesSealed: 'attrs-sealed',
        irmaTokenSealed: null,
        disclosedAt: NOW + 5,
      });
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
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => calls.claimCode(['other', 'h1'], `sw-${i}`, NOW + 1)),
      );
      const winners = claims.filter(Boolean);
      expect(winners).toHaveLength(1);
      expect(await calls.get('c1')).toMatchObject({
        status: 'called',
        switchboardCallId: winners[0]!.switchboardCallId,
        codeHash: null,
      });
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

    it('gives a called call to one of many agents, and finds it by its switchboard call', async () => {
      const calls = store.forTenant('a').calls;
      await calls.insertIfCodeFree(newCall('c1', 'h1'), NOW);
      await calls.insertIfCodeFree(newCall('c2', 'h2'), NOW);
      await calls.markDisclosed('c1', 'attrs', NOW);
      await calls.markDisclosed('c2', 'attrs', NOW);
      await calls.claimCode(['h2'], 'sw-2', NOW + 2);
      await calls.claimCode(['h1'], 'sw-1', NOW + 1);
      expect((await calls.listCalled()).map((call) => call.callId)).toEqual(['c1', 'c2']);
      expect((await calls.findBySwitchboardCall('sw-2'))?.callId).toBe('c2');
      expect(await calls.attachCallerId('c2', 'sealed-number')).toBe(true);
      expect((await calls.get('c2'))?.callerIdSealed).toBe('sealed-number');
      await calls.insertIfCodeFree(newCall('c3', 'h3'), NOW);
      expect(await calls.attachCallerId('c3', 'sealed-number')).toBe(false);
      expect(await calls.findBySwitchboardCall('sw-unknown')).toBeUndefined();
      const takes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => calls.takeCall('c1', `agent-${i}`, `Agent ${i}`, NOW + 3)),
      );
      const winners = takes.filter(Boolean);
      expect(winners).toHaveLength(1);
      expect(await calls.get('c1')).toMatchObject({ takenBy: winners[0]!.takenBy, takenAt: NOW + 3 });
      expect(await calls.takeCall('c2', 'agent-x', 'X', NOW + 3)).toMatchObject({ takenBy: 'agent-x' });
      expect(await calls.releaseTake('c2', 'agent-y')).toBe(false);
      expect(await calls.releaseTake('c2', 'agent-x')).toBe(true);
      expect(await calls.get('c2')).toMatchObject({ takenBy: null, takenByName: null, takenAt: null });
      expect(await calls.takeCall('c2', 'agent-x', 'X', NOW + 4)).toMatchObject({ takenBy: 'agent-x' });
      expect(await calls.delete('c2')).toBe(true);
      expect(await calls.delete('c2')).toBe(false);
      expect(await calls.findBySwitchboardCall('sw-2')).toBeUndefined();
    });

    it('deletes a call whose code lapsed uncalled, but keeps a called one until its retention ends', async () => {
      const calls = store.forTenant('a').calls;
      await calls.insertIfCodeFree(newCall('uncalled', 'h1'), NOW);
      await calls.insertIfCodeFree(newCall('called', 'h2'), NOW);
      await calls.markDisclosed('called', 'attrs', NOW);
      await calls.claimCode(['h2'], 'sw-1', NOW + 1);
      expect(await calls.deleteExpired(NOW + 600_000)).toEqual(['uncalled']);
      expect(await calls.get('called')).toBeDefined();
      expect(await calls.deleteExpired(NOW + 3_600_000)).toEqual(['called']);
      expect(await calls.listCalled()).toEqual([]);
    });

    it('keeps staff usernames unique, locks after failed logins, and ends the sessions of a deleted account', async () => {
      const { agents, sessions } = store.forTenant('a');
      const agent = {
        agentId: 'ag1',
        username: 'anna',
        displayName: 'Anna',
        role: 'agent' as const,
        passwordHash: 'x',
        mustChangePassword: true,
        passwordExpiresAt: null,
        createdAt: NOW,
      };
      expect(await agents.create(agent)).toBe(true);
      expect(await agents.create({ ...agent, agentId: 'ag2' })).toBe(false);
      expect(await agents.create({ ...agent, agentId: 'ag3', username: 'bert' })).toBe(true);
      expect((await agents.list()).map((a) => a.username)).toEqual(['anna', 'bert']);
      expect((await agents.byUsername('anna'))?.agentId).toBe('ag1');
      for (let i = 0; i < 3; i++) await agents.recordFailedLogin('ag1', NOW, 3, 60_000);
      expect(await agents.byId('ag1')).toMatchObject({ failedLogins: 3, lockedUntil: NOW + 60_000 });
      expect(await agents.setPassword('ag1', 'y', false, null)).toBe(true);
      expect(await agents.byId('ag1')).toMatchObject({
        passwordHash: 'y',
        mustChangePassword: false,
        failedLogins: 0,
        lockedUntil: null,
      });
      await sessions.create({ sessionHash: 's1', agentId: 'ag1', csrfToken: 'c', createdAt: NOW, lastSeenAt: NOW });
      await sessions.touch('s1', NOW + 5);
      expect(await sessions.get('s1')).toMatchObject({ agentId: 'ag1', lastSeenAt: NOW + 5 });
      expect(await agents.delete('ag1')).toBe(true);
      expect(await sessions.get('s1')).toBeUndefined();
      expect(await agents.byUsername('anna')).toBeUndefined();
      expect(await agents.create({ ...agent, agentId: 'ag4' })).toBe(true);
    });

    it('pages the audit log newest first', async () => {
      const audit = store.forTenant('a').audit;
      for (let i = 1; i <= 5; i++)
        await audit.append({ at: NOW + i, type: `event-${i}`, actor: null, subject: null, detail: null });
      const first = await audit.list(2);
      expect(first.map((entry) => entry.type)).toEqual(['event-5', 'event-4']);
      const next = await audit.list(2, first[1]!.seq);
      expect(next.map((entry) => entry.type)).toEqual(['event-3', 'event-2']);
      expect(await store.forTenant('b').audit.list(10)).toEqual([]);
    });
  });
}
