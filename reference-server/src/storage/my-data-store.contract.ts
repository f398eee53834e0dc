import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CorrectionRecord, ForwardRecord, MyDataViewRecord } from './my-data-store.js';
import type { Store } from './store.js';

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;

function view(id: string, overrides: Partial<MyDataViewRecord> = {}): MyDataViewRecord {
  return {
    viewId: id,
    providerId: 'p1',
    customerRefSealed: 'sealed-ref',
    tokenHash: `token-${id}`,
    tokenExpiresAt: NOW + 5 * MINUTE,
    secretHash: null,
    expiresAt: NOW + 5 * MINUTE,
    createdAt: NOW,
    ...overrides,
  };
}

function correction(id: string, overrides: Partial<CorrectionRecord> = {}): CorrectionRecord {
  return {
    correctionId: id,
    providerId: 'p1',
    subjectKey: 'k1.subject',
    customerRefSealed: 'sealed-ref',
    serviceType: 'https://t/customer',
    field: 'email',
    proposalSealed: 'sealed-proposal',
    state: 'draft',
    draftExpiresAt: NOW + 30 * MINUTE,
    userId: null,
    submittedAt: null,
    answerDueBy: null,
    answeredAt: null,
    answerSealed: null,
    ...overrides,
  };
}

function forward(id: string, overrides: Partial<ForwardRecord> = {}): ForwardRecord {
  return {
    forwardId: id,
    providerId: 'p1',
    recipientId: 'c1',
    customerRefSealed: 'sealed-ref',
    serviceType: 'https://t/contract',
    fields: ['product', 'startDate'],
    credentialSealed: 'sealed-all-disclosures',
    holderKeySealed: 'sealed-key',
    state: 'draft',
    expiresAt: NOW + 30 * MINUTE,
    consentId: null,
    referenceId: null,
    createdAt: NOW,
    ...overrides,
  };
}

/** What every engine must do for "my data" and the signed-data status lists, the same way. */
export function describeMyDataStoreContract(engine: string, openStore: () => Promise<Store> | Store): void {
  describe(`${engine} my-data store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(() => store.close());

    it('hands out one status index per customer and type, also to concurrent requests, and a fresh one after revoking', async () => {
      const status = store.forTenant('a').credentialStatus;
      const first = await Promise.all(Array.from({ length: 10 }, () => status.indexFor('p1', 'k1.s', 'vct-a')));
      expect(new Set(first).size).toBe(1);
      const other = await status.indexFor('p1', 'k1.s', 'vct-b');
      expect(other).not.toBe(first[0]);
      expect(await status.indexFor('p2', 'k1.s', 'vct-a')).toBe(0);

      expect(await status.revokeCurrent('p1', ['k1.s', 'k0.s'], 'vct-a')).toEqual([first[0]]);
      expect(await status.revokeCurrent('p1', ['k1.s'], 'vct-a')).toEqual([]);
      const fresh = await status.indexFor('p1', 'k1.s', 'vct-a');
      expect(fresh).not.toBe(first[0]);
      const list = await status.statusOf('p1');
      expect(list.revoked).toEqual([first[0]]);
      expect(list.size).toBeGreaterThan(fresh);
      expect(await status.statusOf('nobody')).toEqual({ size: 0, revoked: [] });
      // Another tenant's lists are its own.
      expect(await store.forTenant('b').credentialStatus.statusOf('p1')).toEqual({ size: 0, revoked: [] });
    });

    it('opens a view with its token once, not after the token expired, and deletes views past their time', async () => {
      const views = store.forTenant('a').myDataViews;
      await views.insert(view('v1'));
      await views.insert(view('v2', { tokenExpiresAt: NOW - 1 }));
      const opened = await Promise.all(
        Array.from({ length: 5 }, (_, i) => views.open('token-v1', `secret-${i}`, NOW + 30 * MINUTE, NOW)),
      );
      expect(opened.filter(Boolean)).toHaveLength(1);
      expect(opened.find(Boolean)).toMatchObject({ viewId: 'v1', expiresAt: NOW + 30 * MINUTE });
      expect(await views.open('token-v1', 'again', NOW + 30 * MINUTE, NOW)).toBeUndefined();
      expect(await views.open('token-v2', 'late', NOW + 30 * MINUTE, NOW)).toBeUndefined();
      expect(await views.open('token-unknown', 'x', NOW + 30 * MINUTE, NOW)).toBeUndefined();
      expect((await views.get('v1'))?.secretHash).toMatch(/^secret-/);

      expect(await views.deleteExpired(NOW)).toBe(1);
      expect(await views.get('v2')).toBeUndefined();
      expect(await views.get('v1')).toBeDefined();
      expect(await views.deleteExpired(NOW + 31 * MINUTE)).toBe(1);
      expect(await views.get('v1')).toBeUndefined();
    });

    it('moves a correction from draft through submitted or extended to one answer, once', async () => {
      const corrections = store.forTenant('a').corrections;
      await corrections.insert(correction('c1'));
      await corrections.insert(correction('c2', { draftExpiresAt: NOW - 1 }));
      expect(await corrections.listForProvider('p1')).toEqual([]);
      await corrections.insert(correction('not-sent'));
      await corrections.discardDraft('not-sent');
      expect(await corrections.get('not-sent')).toBeUndefined();
      const submitted = await Promise.all([
        corrections.submit('c1', 'u1', NOW, NOW + 31 * 24 * 60 * MINUTE),
        corrections.submit('c1', 'u2', NOW, NOW + 31 * 24 * 60 * MINUTE),
      ]);
      expect(submitted.filter(Boolean)).toHaveLength(1);
      expect(await corrections.submit('c2', 'u1', NOW, NOW)).toBe(false);
      expect(await corrections.get('c1')).toMatchObject({ state: 'submitted', submittedAt: NOW });

      expect(await corrections.extend('c1', NOW + 90 * 24 * 60 * MINUTE, 'sealed-why')).toBe(true);
      expect(await corrections.extend('c1', NOW + 91 * 24 * 60 * MINUTE, 'again')).toBe(false);
      const answers = await Promise.all([
        corrections.answer('c1', 'accepted', null, NOW + MINUTE),
        corrections.answer('c1', 'refused', 'sealed-no', NOW + MINUTE),
      ]);
      expect(answers.filter(Boolean)).toHaveLength(1);
      const answered = (await corrections.get('c1'))!;
      expect(['accepted', 'refused']).toContain(answered.state);
      expect(answered.answeredAt).toBe(NOW + MINUTE);
      // An acceptance keeps the extension's reasons; a refusal brings its own.
      expect(answered.answerSealed).toBe(answered.state === 'accepted' ? 'sealed-why' : 'sealed-no');
      await corrections.discardDraft('c1');
      expect(await corrections.get('c1')).toBeDefined();

      expect((await corrections.listForSubject('p1', ['k0.other', 'k1.subject'])).map((c) => c.correctionId)).toEqual([
        'c1',
      ]);
      expect(await corrections.listForSubject('p2', ['k1.subject'])).toEqual([]);
      expect((await corrections.listForProvider('p1')).map((c) => c.correctionId)).toEqual(['c1']);
    });

    it('deletes lapsed drafts, and answered corrections only after their keeping time', async () => {
      const corrections = store.forTenant('a').corrections;
      await corrections.insert(correction('draft', { draftExpiresAt: NOW - 1 }));
      await corrections.insert(correction('open'));
      await corrections.submit('open', 'u1', NOW - 2 * MINUTE, NOW + MINUTE);
      await corrections.insert(correction('done'));
      await corrections.submit('done', 'u1', NOW - 2 * MINUTE, NOW + MINUTE);
      await corrections.answer('done', 'refused', 'sealed-no', NOW);

      expect(await corrections.deleteExpired(NOW, NOW)).toBe(1);
      expect(await corrections.get('draft')).toBeUndefined();
      expect(await corrections.get('done')).toBeDefined();
      expect(await corrections.deleteExpired(NOW, NOW + 1)).toBe(1);
      expect(await corrections.get('done')).toBeUndefined();
      expect((await corrections.listForProvider('p1')).map((c) => c.correctionId)).toEqual(['open']);
      expect((await corrections.listForSubject('p1', ['k1.subject'])).map((c) => c.correctionId)).toEqual(['open']);
    });

    it('confirms a forward once, delivers it once through its reference, and deletes what nobody fetched', async () => {
      const forwards = store.forTenant('a').forwards;
      await forwards.insert(forward('f1'));
      const confirmed = {
        credentialSealed: 'sealed-chosen',
        consentId: 'consent-1',
        referenceId: 'ref-1',
        expiresAt: NOW + 7 * 24 * 60 * MINUTE,
      };
      expect(await forwards.confirm('f1', confirmed, NOW)).toBe(true);
      expect(await forwards.confirm('f1', { ...confirmed, referenceId: 'ref-x' }, NOW)).toBe(false);
      expect(await forwards.get('f1')).toMatchObject({
        state: 'awaiting-delivery',
        credentialSealed: 'sealed-chosen',
        fields: ['product', 'startDate'],
      });

      const taken = await Promise.all([forwards.takeForDelivery('ref-1', NOW), forwards.takeForDelivery('ref-1', NOW)]);
      expect(taken.filter(Boolean)).toHaveLength(1);
      expect(await forwards.get('f1')).toBeUndefined();
      // A delivery that failed on our side puts it back, as it was.
      await forwards.restore(taken.find(Boolean)!);
      expect(await forwards.takeForDelivery('ref-1', NOW)).toMatchObject({ forwardId: 'f1', consentId: 'consent-1' });
      expect(await forwards.takeForDelivery('ref-unknown', NOW)).toBeUndefined();

      await forwards.insert(forward('lapsed-draft', { expiresAt: NOW - 1 }));
      await forwards.insert(forward('undelivered'));
      await forwards.confirm(
        'undelivered',
        { ...confirmed, consentId: 'consent-2', referenceId: 'ref-2', expiresAt: NOW + MINUTE },
        NOW,
      );
      expect(await forwards.confirm('lapsed-draft', { ...confirmed, referenceId: 'ref-3' }, NOW)).toBe(false);
      expect(await forwards.deleteExpired(NOW)).toEqual([]);
      expect(await forwards.get('lapsed-draft')).toBeUndefined();
      expect(await forwards.takeForDelivery('ref-2', NOW + MINUTE)).toBeUndefined();
      expect(await forwards.deleteExpired(NOW + MINUTE)).toEqual(['consent-2']);
      expect(await forwards.get('undelivered')).toBeUndefined();

      await forwards.insert(forward('refused'));
      await forwards.delete('refused');
      expect(await forwards.get('refused')).toBeUndefined();
    });
  });
}
