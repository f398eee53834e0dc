import { unzipSync, strFromU8 } from 'fflate';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { MyDataFlowStarted, MyDataView, PartyEventPage, UserConsentList } from '@regiekit/sdk/protocol';
import {
  IssuerKeys,
  SignedDataVerificationError,
  verifySignedCredential,
  verifySignedData,
} from '@regiekit/sdk/signed-data';
import { ForwardedDataClient } from '@regiekit/sdk/my-data/parties';
import {
  CUSTOMER,
  HELD,
  myDataWorld,
  ORIGIN,
  PARTY_AUTH,
  partyCall,
  type MyDataWorld,
} from '../testing/my-data-steps.js';
import { MY_DATA_TYPES, PARTY_SECRETS } from '../testing/test-parties.js';
import { RedisStore } from '../storage/redis/redis-store.js';

// Every step on both engines: the embedded SQLite, and Redis as instances that share state use it.
const prefixes: string[] = [];
let world: MyDataWorld;
async function openWorld(engine: 'sqlite' | 'redis'): Promise<MyDataWorld> {
  if (engine === 'sqlite') return myDataWorld();
  const keyPrefix = `my-data-${randomBytes(4).toString('hex')}`;
  prefixes.push(keyPrefix);
  const store = await RedisStore.connect({ engine: 'redis', url: inject('redisUrl'), keyPrefix }, [
    'nijmegen',
    'arnhem',
  ]);
  return myDataWorld({ store });
}
afterAll(async () => {
  if (prefixes.length === 0) return;
  const cleaner = await RedisStore.connect({ engine: 'redis', url: inject('redisUrl'), keyPrefix: 'cleanup' }, []);
  for (const prefix of prefixes) {
    const keys = await cleaner.client.keys(`${prefix}:*`);
    if (keys.length > 0) await cleaner.client.del(...keys);
  }
  await cleaner.close();
});

const ISSUER = `${ORIGIN}/issuers/nijmegen/energie`;
const DAY = 24 * 3600_000;

async function openedView() {
  const opened = await world.openView();
  expect(opened.status).toBe(200);
  return opened.body;
}

async function eventsOf(auth: string) {
  return (await partyCall<PartyEventPage>(world.server.app, auth, 'GET', '/api/v1/nijmegen/events')).body.events;
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignedDataVerificationError) return error.reason;
    throw error;
  }
  throw new Error('it verified');
}

describe.each(['sqlite', 'redis'] as const)('on %s', (engine) => {
  beforeEach(async () => {
    world = await openWorld(engine);
  });
  afterEach(() => world.server.close());

  describe('my data: seeing and downloading', () => {
    it('shows each category as the company signed it, with its art. 15 notice, from the company’s portal only', async () => {
      const view = await openedView();
      expect(view.provider).toMatchObject({ id: 'energie' });
      expect(view.categories.map((c) => c.title.nl)).toEqual(['Klantgegevens', 'Contract', 'Meterstanden']);
      const [customer, contract, readings] = view.categories;
      expect(customer!.data).toEqual(HELD.customer);
      expect(customer!.fields.map((f) => [f.name, f.correctable])).toEqual([
        ['name', false],
        ['email', true],
        ['address', true],
      ]);
      expect(contract!.notice).toMatchObject({ legalBasis: 'contract', portable: true });
      expect(readings!.notice.automatedDecisions?.nl).toContain('voorschot');
      expect(readings!.data).toEqual(HELD.readings);
      expect(world.server.logs()).not.toContain('willeke');

      // The token works once; brought to another company's page it opens nothing.
      const again = await world.asElement(view, '');
      expect(again.status).toBe(200);
      expect(await world.openView(CUSTOMER, 'https://elders.example')).toMatchObject({
        status: 403,
        body: { error: { code: 'forbidden' } },
      });
      const { viewToken } = await world.company.mintViewToken(CUSTOMER);
      const open = (token: string) =>
        world.server.app.request(`${ORIGIN}/api/v1/nijmegen/my-data/views`, {
          method: 'POST',
          headers: { Origin: 'https://energie.example', 'Content-Type': 'application/json' },
          body: JSON.stringify({ viewToken: token }),
        });
      expect((await open(viewToken)).status).toBe(200);
      const reused = await open(viewToken);
      expect(reused.status).toBe(401);
      expect(await reused.json()).toMatchObject({ error: { code: 'token_used' } });
      expect((await world.asElement({ ...view, viewSecret: 'x'.repeat(43) }, '')).status).toBe(404);
      // After half an hour the view has ended.
      world.server.clock.advance(31 * 60_000);
      expect(await world.asElement(view, '')).toMatchObject({
        status: 401,
        body: { error: { code: 'token_expired' } },
      });
    });

    it('downloads one file with the data, its schemas, the signed credentials and a summary, checkable with the SDK', async () => {
      const view = await openedView();
      const response = await world.server.app.request(
        `${ORIGIN}/api/v1/nijmegen/my-data/views/${view.viewId}/download?lang=en`,
        { headers: { Authorization: `Bearer ${view.viewSecret}`, Origin: 'https://energie.example' } },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/zip');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="mijn-gegevens-energie-\d{4}/);
      const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
      expect(Object.keys(files).sort()).toEqual([
        'README.txt',
        'credentials/01-customer.sd-jwt',
        'credentials/02-contract.sd-jwt',
        'credentials/03-meter-readings.sd-jwt',
        'data.json',
        'schemas/01-customer.schema.json',
        'schemas/02-contract.schema.json',
        'schemas/03-meter-readings.schema.json',
        'summary.html',
      ]);
      const data = JSON.parse(strFromU8(files['data.json']!)) as {
        format: string;
        categories: { data: unknown; schema: string }[];
      };
      expect(data.format).toBe('regiekit-my-data/1');
      expect(data.categories.map((c) => c.data)).toEqual([HELD.customer, HELD.contract, HELD.readings]);
      const summary = strFromU8(files['summary.html']!);
      expect(summary).toContain('<html lang="en">');
      expect(summary).toContain('Grid operator Liander');
      expect(summary).toContain('<th scope="col">Reading (kWh)</th>');
      expect(strFromU8(files['README.txt']!)).toContain(`${ORIGIN}/.well-known/jwt-vc-issuer/issuers/nijmegen/energie`);

      // Anyone checks a credential against the company's keys on this server.
      const keys = new IssuerKeys(world.viaApp);
      const checked = await verifySignedCredential(strFromU8(files['credentials/02-contract.sd-jwt']!), {
        trustedIssuers: [ISSUER],
        keys,
      });
      expect(checked).toMatchObject({ issuer: ISSUER, vct: MY_DATA_TYPES.contract, data: HELD.contract });
    });

    it('answers a company that signs what was not asked, tampers, breaks its schema or is down with 502, and shows nothing', async () => {
      for (const behaviour of ['extra-field', 'tampered', 'off-schema', 'down', 'garbage'] as const) {
        world.parties.behaviour = behaviour;
        const opened = await world.openView();
        expect(opened.status, behaviour).toBe(502);
        expect(opened.body.error?.code).toBe('upstream_unavailable');
      }
      expect(world.server.logs()).not.toContain('999999990');
    });
  });

  describe('my data: corrections', () => {
    it('sends a confirmed correction to the company, which accepts it: the old data shows as revoked', async () => {
      const view = await openedView();
      const before = await world.asElement<{ categories: unknown[] }>(view, '');
      expect(before.status).toBe(200);
      const keys = new IssuerKeys(world.viaApp);
      const download = await world.server.app.request(
        `${ORIGIN}/api/v1/nijmegen/my-data/views/${view.viewId}/download`,
        {
          headers: { Authorization: `Bearer ${view.viewSecret}` },
        },
      );
      const oldCredential = strFromU8(
        unzipSync(new Uint8Array(await download.arrayBuffer()))['credentials/01-customer.sd-jwt']!,
      );

      const started = await world.asElement<MyDataFlowStarted>(view, '/corrections?lang=nl', {
        json: {
          serviceType: MY_DATA_TYPES.customer,
          field: 'email',
          proposedValue: 'w.debruijn@example.nl',
          reason: 'Oud adres',
        },
      });
      expect(started.status).toBe(201);
      expect(started.body.startUrl).toBe(`${ORIGIN}/u/nijmegen/flows/${started.body.flowId}`);
      // The decision page shows the current and the proposed value.
      const page = await world.browser.json(`/api/v1/nijmegen/account/flows/${started.body.flowId}`);
      expect(page.body).toMatchObject({
        kind: 'my-data-correction',
        provider: { id: 'energie' },
        field: { name: 'email', value: 'willeke@example.nl' },
        proposedValue: 'w.debruijn@example.nl',
      });
      expect((await world.asElement(view, `/flows/${started.body.flowId}`)).body).toEqual({ state: 'waiting' });
      expect((await world.confirm(started.body.flowId)).status).toBe(200);
      expect((await world.asElement(view, `/flows/${started.body.flowId}`)).body).toEqual({ state: 'confirmed' });

      // The company hears of it, reads it, and accepts.
      const events = await eventsOf(PARTY_AUTH.energie);
      expect(events.filter((e) => e.type === 'correction.requested').map((e) => e.data.correctionId)).toEqual([
        started.body.flowId,
      ]);
      const [asked] = await world.company.corrections();
      expect(asked).toMatchObject({
        customerRef: CUSTOMER,
        field: 'email',
        proposedValue: 'w.debruijn@example.nl',
        reason: 'Oud adres',
        state: 'submitted',
      });
      expect(Date.parse(asked!.answerDueBy) - Date.parse(asked!.submittedAt)).toBeGreaterThanOrEqual(28 * DAY);
      expect((await verifySignedCredential(oldCredential, { trustedIssuers: [ISSUER], keys })).data.email).toBe(
        'willeke@example.nl',
      );
      await world.company.accept(asked!.correctionId);
      expect(await reason(verifySignedCredential(oldCredential, { trustedIssuers: [ISSUER], keys }))).toBe('revoked');
      await expect(world.company.accept(asked!.correctionId)).rejects.toMatchObject({ status: 409 });

      // The customer sees the outcome; new credentials have a fresh, valid status entry.
      world.parties.holds('energie', CUSTOMER, MY_DATA_TYPES.customer, {
        ...HELD.customer,
        email: 'w.debruijn@example.nl',
      });
      const after = await world.asElement<MyDataView>(view, '');
      expect(after.body.corrections).toEqual([
        expect.objectContaining({ field: 'email', state: 'accepted', fieldLabel: { nl: 'E-mail', en: 'E-mail' } }),
      ]);
      expect(after.body.categories[0]!.data.email).toBe('w.debruijn@example.nl');
      expect(world.server.logs()).not.toContain('debruijn');
    });

    it('lets the company refuse with reasons, or take two more months within the first, and marks a late one overdue', async () => {
      const view = await openedView();
      const propose = async () => {
        const started = await world.asElement<MyDataFlowStarted>(view, '/corrections', {
          json: {
            serviceType: MY_DATA_TYPES.customer,
            field: 'address',
            proposedValue: 'Markt 2, Nijmegen',
            reason: 'Verhuisd',
          },
        });
        await world.confirm(started.body.flowId);
        return started.body.flowId;
      };
      const refused = await propose();
      await world.company.refuse(refused, 'Wij zien dit adres nog niet in de BRP.');
      const extended = await propose();
      const due = Date.parse((await world.company.correction(extended)).answerDueBy);
      await expect(
        world.company.extend(extended, { reason: 'Drukte', answerBy: new Date(due + 100 * DAY).toISOString() }),
      ).rejects.toMatchObject({ status: 400 });
      await world.company.extend(extended, {
        reason: 'Wij vragen de netbeheerder',
        answerBy: new Date(due + 30 * DAY).toISOString(),
      });
      const late = await propose();
      world.server.clock.advance(40 * DAY);
      await expect(
        world.company.extend(late, { reason: 'Te laat', answerBy: new Date(due + 50 * DAY).toISOString() }),
      ).rejects.toMatchObject({ status: 400 });

      const states = Object.fromEntries((await world.company.corrections()).map((c) => [c.correctionId, c]));
      expect(states[refused]).toMatchObject({ state: 'refused', answer: 'Wij zien dit adres nog niet in de BRP.' });
      expect(states[extended]).toMatchObject({ state: 'extended', answer: 'Wij vragen de netbeheerder' });
      expect(states[late]).toMatchObject({ state: 'overdue' });
    });

    it('refuses a correction of an unknown category or field, of a field the company does not correct here, or too long', async () => {
      const view = await openedView();
      const ask = (body: Record<string, unknown>) =>
        world.asElement(view, '/corrections', {
          json: { serviceType: MY_DATA_TYPES.customer, field: 'email', proposedValue: 'x', reason: 'y', ...body },
        });
      for (const [body, path] of [
        [{ serviceType: 'https://energie.example/data/unknown/v1' }, 'serviceType'],
        [{ field: 'iban' }, 'field'],
        [{ field: 'name' }, 'field'],
        [{ proposedValue: 'x'.repeat(1001) }, 'proposedValue'],
        [{ reason: 'a\u0000b' }, 'reason'],
      ] as const) {
        const answer = await ask(body);
        expect(answer.status, JSON.stringify(body)).toBe(400);
        expect(answer.body.error?.details?.[0]?.path).toBe(path);
      }
      expect(await world.company.corrections()).toEqual([]);
    });
  });

  describe('my data: forwarding', () => {
    it('forwards the chosen fields once, as a presentation the recipient verifies, with a receipt in the overview', async () => {
      const view = await openedView();
      const recipients = await world.asElement<{ recipients: { recipient: { id: string } }[] }>(
        view,
        `/recipients?serviceType=${encodeURIComponent(MY_DATA_TYPES.contract)}`,
      );
      expect(recipients.body.recipients.map((r) => r.recipient.id)).toEqual(['woning']);

      const started = await world.asElement<MyDataFlowStarted>(view, '/forwards', {
        json: { serviceType: MY_DATA_TYPES.contract, recipientId: 'woning', fields: ['product', 'startDate'] },
      });
      expect(started.status).toBe(201);
      const page = await world.browser.json<{ fields: { name: string; value: unknown }[] }>(
        `/api/v1/nijmegen/account/flows/${started.body.flowId}`,
      );
      expect(page.body).toMatchObject({
        kind: 'my-data-forward',
        recipient: { id: 'woning' },
        provider: { id: 'energie' },
      });
      expect(page.body.fields).toEqual([
        expect.objectContaining({ name: 'product', value: 'Groene stroom vast' }),
        expect.objectContaining({ name: 'startDate', value: '2024-03-01' }),
      ]);
      expect((await world.confirm(started.body.flowId)).body.redirectTo).toBe(`${ORIGIN}/u/nijmegen/consents`);

      // The recipient hears of it and fetches it once, checked.
      const [forwarded] = (
        await eventsOf(`Basic ${Buffer.from(`woning:${PARTY_SECRETS.woning}`).toString('base64')}`)
      ).filter((e) => e.type === 'data.forwarded');
      const referenceId = forwarded!.data.references![0]!.referenceId;
      const received = await world.recipient.fetch(referenceId);
      expect(received).toMatchObject({
        provider: { id: 'energie', displayName: { nl: 'Demo Energie' } },
        serviceType: MY_DATA_TYPES.contract,
        data: { product: 'Groene stroom vast', startDate: '2024-03-01' },
      });
      expect(received.data).not.toHaveProperty('monthlyAmount');
      await expect(world.recipient.fetch(referenceId)).rejects.toMatchObject({ status: 403 });

      // The same presentation at another recipient fails: it was bound to this one.
      expect(
        await reason(
          verifySignedData(received.presentation, {
            trustedIssuers: [ISSUER],
            audience: 'budgetcoach',
            nonce: 'whatever-nonce-0000',
            keys: new IssuerKeys(world.viaApp),
          }),
        ),
      ).toMatch(/audience|nonce/);

      // The customer sees it among their consents, used, with a receipt that names the digest of what went.
      const consents = await world.browser.json<UserConsentList>('/api/v1/nijmegen/account/consents');
      expect(consents.body.consents).toEqual([
        expect.objectContaining({
          state: 'used',
          consumer: expect.objectContaining({ id: 'woning' }),
          mode: 'one-off',
        }),
      ]);
      // Nothing held any more.
      expect(await world.server.store.forTenant('nijmegen').forwards.get(started.body.flowId)).toBeUndefined();
      expect(world.server.logs()).not.toContain('Groene stroom');
    });

    it('refuses what may not go: data that is not portable, a recipient that does not take it, unknown fields', async () => {
      const view = await openedView();
      const forward = (body: Record<string, unknown>) =>
        world.asElement(view, '/forwards', {
          json: { serviceType: MY_DATA_TYPES.contract, recipientId: 'woning', fields: ['product'], ...body },
        });
      for (const [body, path] of [
        [{ serviceType: MY_DATA_TYPES.readings, fields: ['readings'] }, 'serviceType'],
        [{ recipientId: 'budgetcoach' }, 'recipientId'],
        [{ fields: ['product', 'iban'] }, 'fields'],
        [{ fields: [] }, 'fields'],
      ] as const) {
        const answer = await forward(body);
        expect(answer.status, JSON.stringify(body)).toBe(400);
        expect(answer.body.error?.details?.[0]?.path).toBe(path);
      }
      expect(
        world.parties.calls.filter(
          (call) => call.body.action === 'issue' && 'holderKey' in (call.body.credentialFor as object),
        ),
      ).toEqual([]);
    });

    it('delivers nothing once the customer revoked the forward, and deletes what it held', async () => {
      const view = await openedView();
      const started = await world.asElement<MyDataFlowStarted>(view, '/forwards', {
        json: { serviceType: MY_DATA_TYPES.contract, recipientId: 'woning', fields: ['product'] },
      });
      await world.confirm(started.body.flowId);
      const held = await world.server.store.forTenant('nijmegen').forwards.get(started.body.flowId);
      expect(held?.state).toBe('awaiting-delivery');
      const [consent] = (await world.browser.json<UserConsentList>('/api/v1/nijmegen/account/consents')).body.consents;
      world.server.clock.advance(1);
      await world.browser.signIn(world.passkey);
      const revoked = await world.browser.request(`/api/v1/nijmegen/account/consents/${consent!.consentId}/revoke`, {
        method: 'POST',
      });
      expect(revoked.status).toBe(204);
      expect(await world.server.store.forTenant('nijmegen').forwards.get(started.body.flowId)).toBeUndefined();
      await expect(world.recipient.fetch(held!.referenceId!)).rejects.toMatchObject({ status: 403 });
    });

    it('deletes a forward nobody fetched within seven days', async () => {
      const view = await openedView();
      const started = await world.asElement<MyDataFlowStarted>(view, '/forwards', {
        json: { serviceType: MY_DATA_TYPES.contract, recipientId: 'woning', fields: ['product'] },
      });
      await world.confirm(started.body.flowId);
      const referenceId = (await world.server.store.forTenant('nijmegen').forwards.get(started.body.flowId))!
        .referenceId!;
      world.server.clock.advance(7 * DAY + 1);
      await world.server.app.sweepExpired();
      expect(await world.server.store.forTenant('nijmegen').forwards.get(started.body.flowId)).toBeUndefined();
      await expect(world.recipient.fetch(referenceId)).rejects.toMatchObject({ status: 403 });
    });

    it('keeps one recipient from fetching another’s forward', async () => {
      const view = await openedView();
      const started = await world.asElement<MyDataFlowStarted>(view, '/forwards', {
        json: { serviceType: MY_DATA_TYPES.contract, recipientId: 'woning', fields: ['product'] },
      });
      await world.confirm(started.body.flowId);
      const referenceId = (await world.server.store.forTenant('nijmegen').forwards.get(started.body.flowId))!
        .referenceId!;
      const stranger = new ForwardedDataClient(
        {
          server: ORIGIN,
          tenant: 'nijmegen',
          credential: { partyId: 'budgetcoach', clientSecret: PARTY_SECRETS.budgetcoach },
          fetch: world.viaApp,
        },
        undefined,
        { now: () => new Date(world.server.clock.now()) },
      );
      await expect(stranger.fetch(referenceId)).rejects.toMatchObject({ status: 404 });
      expect((await world.recipient.fetch(referenceId)).data).toEqual({ product: 'Groene stroom vast' });
    });
  });
});
