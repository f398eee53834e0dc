import type { ServiceDescriptionInput } from '@regiekit/sdk/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectTokenRecord } from './connect-store.js';
import type { ConsentRecord } from './consent-store.js';
import type { Store } from './store.js';

const NOW = 1_800_000_000_000;

function token(id: string, overrides: Partial<ConnectTokenRecord> = {}): ConnectTokenRecord {
  return {
    tokenId: id,
    secretHash: `secret-${id}`,
    providerId: 'p1',
    flow: 'qr',
    customerRefSealed: 'sealed',
    statusTokenHash: 'status',
    requestId: null,
    state: 'waiting',
    userId: null,
    scanSessionHash: null,
    confirmationCodeHash: null,
    confirmationAttemptsLeft: 3,
    usesLeft: 2,
    createdAt: NOW,
    expiresAt: NOW + 600_000,
    ...overrides,
  };
}

function description(title: string): ServiceDescriptionInput {
  return {
    serviceType: 'https://t',
    title: { nl: title, en: title },
    schema: { type: 'object', properties: { items: { type: 'array' } } },
    fieldLabels: { items: { nl: 'Posten', en: 'Items' } },
    operationEndpoint: 'https://provider.example/operations',
    modes: ['one-off'],
  };
}

function consent(id: string, overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    consentId: id,
    consumerId: 'c1',
    userId: 'u1',
    sub: 'sub-1',
    serviceType: 'https://t',
    purpose: { code: 'debt-relief.overview', text: { nl: 'Overzicht', en: 'Overview' } },
    fields: ['items'],
    providerChoice: 'user-choice',
    mode: 'one-off',
    validUntil: NOW + 1000,
    state: 'requested',
    statusTokenHash: 'st',
    returnUrl: null,
    stateSealed: null,
    createdAt: NOW,
    requestExpiresAt: NOW + 100,
    decidedAt: null,
    receipt: null,
    endedBy: null,
    ...overrides,
  };
}

/**
 * What every engine must do for regie accounts, creditor connect and consent: the
 * one-use and first-wins operations are atomic, and tenants stay apart.
 */
export function describeConnectStoreContract(engine: string, openStore: () => Promise<Store> | Store): void {
  describe(`${engine} connect store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(() => store.close());

    it('lets exactly one of many concurrent scanners take a token', async () => {
      const tokens = store.forTenant('a').connectTokens;
      await tokens.insert(token('t1'));
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => tokens.markScanned('t1', `user-${i}`, `session-${i}`, 'code', NOW)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await tokens.get('t1'))?.state).toBe('scanned');
      expect(await tokens.markScanned('t1', 'late', 'late', 'code', NOW)).toBe(false);
    });

    it('spends the use budget and refuses expired or foreign-flow transitions', async () => {
      const tokens = store.forTenant('a').connectTokens;
      await tokens.insert(token('t1'));
      expect(await tokens.spendUse('t1')).toBe(1);
      expect(await tokens.spendUse('t1')).toBe(0);
      expect(await tokens.spendUse('t1')).toBe(-1);
      expect(await tokens.markScanned('t1', 'u', 's', 'c', NOW + 600_000)).toBe(false);
      expect(await tokens.markRedeemed('t1', 'ref', NOW)).toBe(false);
      await tokens.insert(token('t2', { flow: 'link', secretHash: 'secret-t2' }));
      expect(await tokens.markRedeemed('t2', 'ref', NOW)).toBe(true);
      expect(await tokens.markRedeemed('t2', 'ref', NOW)).toBe(false);
      expect(await tokens.markConnected('t2', 'redeemed', NOW)).toBe(true);
      expect((await tokens.get('t2'))?.customerRefSealed).toBeNull();
      expect(await tokens.markConnected('t2', 'redeemed', NOW)).toBe(false);
    });

    it('fails a token at the third wrong confirmation', async () => {
      const tokens = store.forTenant('a').connectTokens;
      await tokens.insert(token('t1'));
      await tokens.markScanned('t1', 'u', 's', 'c', NOW);
      expect([
        await tokens.recordWrongConfirmation('t1'),
        await tokens.recordWrongConfirmation('t1'),
        await tokens.recordWrongConfirmation('t1'),
      ]).toEqual([2, 1, 0]);
      expect((await tokens.get('t1'))?.state).toBe('failed');
      expect(await tokens.markConnected('t1', 'scanned', NOW)).toBe(false);
    });

    it('hands out pushed requests, codes and challenges once', async () => {
      const tenant = store.forTenant('a');
      await tenant.oauth.savePushedRequest({
        requestHash: 'r',
        consumerId: 'c',
        requestSealed: 's',
        expiresAt: NOW + 60_000,
      });
      const takes = await Promise.all([
        tenant.oauth.takePushedRequest('r', NOW),
        tenant.oauth.takePushedRequest('r', NOW),
      ]);
      expect(takes.filter(Boolean)).toHaveLength(1);
      await tenant.oauth.saveCode({
        codeHash: 'k',
        consumerId: 'c',
        userId: 'u',
        redirectUri: 'https://x',
        codeChallenge: 'ch',
        scope: 'openid',
        nonce: 'n-1',
        authTime: NOW - 5,
        expiresAt: NOW + 60_000,
      });
      expect(await tenant.oauth.takeCode('k', NOW + 60_000)).toBeUndefined();
      expect(await tenant.oauth.takeCode('k', NOW)).toMatchObject({ userId: 'u', nonce: 'n-1', authTime: NOW - 5 });
      expect(await tenant.oauth.takeCode('k', NOW)).toBeUndefined();
      await tenant.userSessions.create({
        sessionHash: 'h',
        userId: null,
        passkeyId: null,
        verifiedAt: null,
        challenge: 'ch1',
        challengeKind: 'authentication',
        pendingUserId: null,
        createdAt: NOW,
        expiresAt: NOW + 1,
      });
      expect(await tenant.userSessions.takeChallenge('h', 'registration')).toBeUndefined();
      expect(await tenant.userSessions.takeChallenge('h', 'authentication')).toEqual({
        challenge: 'ch1',
        pendingUserId: null,
      });
      expect(await tenant.userSessions.takeChallenge('h', 'authentication')).toBeUndefined();
    });

    it('keeps one pseudonym per consumer and user, and ends a connection once', async () => {
      const tenant = store.forTenant('a');
      await tenant.oauth.rememberSubject('c1', 'sub-1', 'u1', NOW);
      await tenant.oauth.rememberSubject('c2', 'sub-2', 'u1', NOW);
      expect(await tenant.oauth.userOfSubject('c1', 'sub-1')).toBe('u1');
      expect(await tenant.oauth.userOfSubject('c2', 'sub-1')).toBeUndefined();
      expect(await tenant.oauth.subjectOf('c2', 'u1')).toBe('sub-2');
      expect((await tenant.oauth.subjectsOfUser('u1')).map((s) => s.consumerId).sort()).toEqual(['c1', 'c2']);
      await tenant.connections.insert({
        connectionId: 'x',
        userId: 'u1',
        providerId: 'p',
        providerPseudonym: 'pp',
        customerRefSealed: 's',
        status: 'active',
        createdAt: NOW,
        endedAt: null,
        endedBy: null,
      });
      expect((await tenant.connections.byProviderPseudonym('p', 'pp'))?.connectionId).toBe('x');
      expect(await tenant.connections.end('x', 'user', NOW)).toBe(true);
      expect(await tenant.connections.end('x', 'provider', NOW)).toBe(false);
      expect(await tenant.connections.get('x')).toMatchObject({ endedBy: 'user', customerRefSealed: '' });
      expect(await store.forTenant('b').connections.get('x')).toBeUndefined();
    });

    it('decides a consent once, lets one of many reuses claim a one-off consent, and revokes by connection', async () => {
      const consents = store.forTenant('a').consents;
      await consents.insert(consent('k1'));
      const reference = {
        referenceId: 'r1',
        consentId: 'k1',
        connectionId: 'conn-1',
        providerId: 'p',
        operationSealed: 'sealed',
        createdAt: NOW,
      };
      expect(await consents.accept('k1', [reference], 'receipt', NOW)).toBe(true);
      expect(await consents.accept('k1', [], 'receipt', NOW)).toBe(false);
      expect(await consents.reject('k1', NOW)).toBe(false);
      expect((await consents.reference('r1'))?.consentId).toBe('k1');
      const claims = await Promise.all(Array.from({ length: 10 }, () => consents.claimReference('r1', NOW)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      await consents.releaseReference('r1');
      expect(await consents.claimReference('r1', NOW)).toBe(true);
      await consents.releaseReference('r1');
      expect((await consents.get('k1'))?.state).toBe('accepted');
      expect((await consents.acceptedPastTerm(NOW + 1000)).map((c) => c.consentId)).toEqual(['k1']);
      expect(await consents.acceptedPastTerm(NOW + 999)).toEqual([]);
      expect(await consents.revokeForConnection('conn-1', NOW)).toEqual(['k1']);
      expect(await consents.get('k1')).toMatchObject({ state: 'revoked', endedBy: 'connection-ended' });
      expect(await consents.revoke('k1', 'user', NOW)).toBe(false);
      // A one-off consent is used once every reference has given its data, and not before.
      await consents.insert(consent('k3'));
      const ref = (id: string) => ({
        referenceId: id,
        consentId: 'k3',
        connectionId: `conn-${id}`,
        providerId: 'p',
        operationSealed: 's',
        createdAt: NOW,
      });
      await consents.accept('k3', [ref('r3'), ref('r4')], 'receipt', NOW);
      expect(await consents.claimReference('r3', NOW)).toBe(true);
      expect(await consents.markUsedIfSpent('k3')).toBe(false);
      expect(await consents.claimReference('r4', NOW)).toBe(true);
      expect(await consents.markUsedIfSpent('k3')).toBe(true);
      expect(await consents.claimReference('r3', NOW)).toBe(false);
      await consents.appendUse({
        consentId: 'k1',
        referenceId: 'r1',
        consumerId: 'c1',
        providerId: 'p',
        at: NOW,
        outcome: 'refused',
      });
      expect((await consents.usesOf('k1')).map((u) => u.outcome)).toEqual(['refused']);
      await consents.insert(consent('k2'));
      expect(await consents.deleteLapsedRequests(NOW + 100)).toBe(1);
      expect(await store.forTenant('b').consents.get('k1')).toBeUndefined();
    });

    it('versions service descriptions and pages party events by cursor, their JSON read back as it went in', async () => {
      const services = store.forTenant('a').services;
      const v1 = description('Betalingen');
      expect((await services.register('p', 'https://t', v1, NOW)).version).toBe(1);
      expect((await services.register('p', 'https://t', description('Betalingen'), NOW)).version).toBe(1);
      expect((await services.register('p', 'https://t', description('Schulden'), NOW)).version).toBe(2);
      expect((await services.latest()).map((s) => s.version)).toEqual([2]);
      expect((await services.version('p', 'https://t', 1))?.description).toEqual(v1);
      expect((await services.latestOf('p', 'https://t'))?.version).toBe(2);
      expect(await services.latestOf('p', 'https://other')).toBeUndefined();
      expect(await services.latestOf('q', 'https://t')).toBeUndefined();
      const events = store.forTenant('a').partyEvents;
      const first = await events.append({
        partyId: 'p',
        type: 'connection.created',
        data: { connectionId: 'conn-pseudonym-0000000001' },
        at: NOW,
      });
      await events.append({ partyId: 'q', type: 'connection.created', data: {}, at: NOW });
      await events.append({ partyId: 'p', type: 'connection.ended', data: { endedBy: 'user' }, at: NOW });
      expect((await events.list('p', 0, 10)).map((e) => [e.type, e.data])).toEqual([
        ['connection.created', { connectionId: 'conn-pseudonym-0000000001' }],
        ['connection.ended', { endedBy: 'user' }],
      ]);
      expect((await events.list('p', first, 10)).map((e) => e.type)).toEqual(['connection.ended']);
    });

    it("reads a consent's purpose, fields and provider choice back as they went in", async () => {
      const consents = store.forTenant('a').consents;
      await consents.insert(consent('typed', { fields: ['items', 'totalCents'], providerChoice: ['p1', 'p2'] }));
      expect(await consents.get('typed')).toMatchObject({
        purpose: { code: 'debt-relief.overview', text: { nl: 'Overzicht', en: 'Overview' } },
        fields: ['items', 'totalCents'],
        providerChoice: ['p1', 'p2'],
      });
    });

    it('revokes the access token a code gave, when the code comes again', async () => {
      const oauth = store.forTenant('a').oauth;
      const token = { consumerId: 'c1', userId: 'u1', scope: 'openid', expiresAt: NOW + 60_000 };
      await oauth.saveAccessToken({ ...token, tokenHash: 'from-code', codeHash: 'code-1' });
      await oauth.saveAccessToken({ ...token, tokenHash: 'other', codeHash: 'code-2' });
      expect(await oauth.revokeTokensOfCode('code-1')).toBe(1);
      expect(await oauth.getAccessToken('from-code', NOW)).toBeUndefined();
      expect(await oauth.getAccessToken('other', NOW)).toBeDefined();
      expect(await oauth.revokeTokensOfCode('unknown')).toBe(0);
    });

    it('accepts a one-time id once while it lives, in one tenant only, and again once it expired', async () => {
      const once = store.forTenant('a').onceIds;
      const results = await Promise.all([
        once.firstUse('p/j1', NOW + 60_000, NOW),
        once.firstUse('p/j1', NOW + 60_000, NOW),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await once.firstUse('p/j1', NOW + 60_000, NOW + 1000)).toBe(false);
      expect(await store.forTenant('b').onceIds.firstUse('p/j1', NOW + 60_000, NOW)).toBe(true);
      // Past its expiry (and, in Redis, the clock-skew margin) the value is simply old.
      expect(await once.firstUse('p/j2', NOW + 10, NOW)).toBe(true);
    });

    it('keeps which public key signed for the tenant, from its first to its last use', async () => {
      const keys = store.forTenant('a').signingKeys;
      await keys.recordUse('k1', '{"kty":"EC"}', NOW);
      await keys.recordUse('k1', '{"kty":"EC"}', NOW + 500);
      await keys.recordUse('k2', '{"kty":"EC","x":"2"}', NOW + 1000);
      expect(await keys.list()).toEqual([
        { kid: 'k1', jwk: '{"kty":"EC"}', firstUsedAt: NOW, lastUsedAt: NOW + 500 },
        { kid: 'k2', jwk: '{"kty":"EC","x":"2"}', firstUsedAt: NOW + 1000, lastUsedAt: NOW + 1000 },
      ]);
      expect(await store.forTenant('b').signingKeys.list()).toEqual([]);
    });

    it('sweeps what expired: user sessions, sign-in state, tokens, requests and unanswered consents', async () => {
      const tenant = store.forTenant('a');
      const session = {
        userId: null,
        passkeyId: null,
        verifiedAt: null,
        challenge: null,
        challengeKind: null,
        pendingUserId: null,
        createdAt: NOW,
      };
      await tenant.userSessions.create({ ...session, sessionHash: 'old', expiresAt: NOW + 10 });
      await tenant.userSessions.create({ ...session, sessionHash: 'new', expiresAt: NOW + 1000 });
      expect(await tenant.userSessions.deleteExpired(NOW + 10)).toBe(1);
      expect(await tenant.userSessions.get('old')).toBeUndefined();
      expect(await tenant.userSessions.get('new')).toBeDefined();

      await tenant.oauth.saveCode({
        codeHash: 'code',
        consumerId: 'c1',
        userId: 'u1',
        redirectUri: 'https://c',
        codeChallenge: 'x',
        scope: 'openid',
        nonce: null,
        authTime: NOW,
        expiresAt: NOW + 10,
      });
      await tenant.oauth.saveAccessToken({
        tokenHash: 'at',
        consumerId: 'c1',
        userId: 'u1',
        scope: 'openid',
        codeHash: null,
        expiresAt: NOW + 1000,
      });
      expect(await tenant.oauth.deleteExpired(NOW + 10)).toBe(1);
      expect(await tenant.oauth.getAccessToken('at', NOW + 10)).toMatchObject({ userId: 'u1' });
      expect(await tenant.oauth.getAccessToken('at', NOW + 1000)).toBeUndefined();

      await tenant.connectTokens.insert(token('t1'));
      expect(await tenant.connectTokens.deleteExpired(NOW + 600_000, 60_000)).toBe(0);
      expect(await tenant.connectTokens.deleteExpired(NOW + 660_000, 60_000)).toBe(1);
      expect(await tenant.connectTokens.bySecretHash('secret-t1')).toBeUndefined();

      await tenant.consents.insert(consent('lapsed'));
      await tenant.consents.insert(consent('answered'));
      await tenant.consents.reject('answered', NOW + 5);
      expect(await tenant.consents.deleteLapsedRequests(NOW + 100)).toBe(1);
      expect(await tenant.consents.get('lapsed')).toBeUndefined();
      expect((await tenant.consents.listForUser('u1')).map((c) => c.consentId)).toEqual(['answered']);
    });

    it('lists accepted consents past their term, ends a consent used by every reference, and logs uses newest first', async () => {
      const consents = store.forTenant('a').consents;
      const reference = (id: string) => ({
        referenceId: id,
        consentId: 'k1',
        connectionId: 'conn-1',
        providerId: `p-${id}`,
        operationSealed: 'op',
        createdAt: NOW,
      });
      await consents.insert(consent('k1'));
      expect(await consents.accept('k1', [reference('r1'), reference('r2')], 'receipt', NOW + 1)).toBe(true);
      expect(await consents.acceptedPastTerm(NOW + 999)).toEqual([]);
      expect((await consents.acceptedPastTerm(NOW + 1000)).map((c) => c.consentId)).toEqual(['k1']);
      expect((await consents.referencesOf('k1')).map((r) => r.referenceId)).toEqual(['r1', 'r2']);
      expect(await consents.claimReference('r1', NOW + 2)).toBe(true);
      expect(await consents.markUsedIfSpent('k1')).toBe(false);
      expect(await consents.claimReference('r2', NOW + 3)).toBe(true);
      await consents.releaseReference('r2');
      expect(await consents.markUsedIfSpent('k1')).toBe(false);
      expect(await consents.claimReference('r2', NOW + 4)).toBe(true);
      expect(await consents.markUsedIfSpent('k1')).toBe(true);
      expect((await consents.get('k1'))?.state).toBe('used');
      expect(await consents.expire('k1', NOW + 1000)).toBe(false);
      for (const outcome of ['ok', 'refused'] as const)
        await consents.appendUse({
          consentId: 'k1',
          referenceId: 'r1',
          consumerId: 'c1',
          providerId: 'p-r1',
          at: NOW + 5,
          outcome,
        });
      expect((await consents.usesOf('k1')).map((use) => use.outcome)).toEqual(['refused', 'ok']);
    });
  });
}
