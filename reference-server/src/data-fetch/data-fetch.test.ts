import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { FetchDecisionView, FetchStatus, PartyEventPage, UserConsentList } from '@regiekit/sdk/protocol';
import {
  APPLICANT,
  APPLICATION,
  dataFetchWorld,
  dayBefore,
  FORM_ORIGIN,
  ORIGIN,
  PARTY_AUTH,
  partyCall,
  type DataFetchWorld,
} from '../testing/data-fetch-steps.js';
import { TestBrowser } from '../testing/test-browser.js';
import { RedisStore } from '../storage/redis/redis-store.js';
import { ALLOWANCE_TYPE } from '../testing/test-parties.js';

// Every step on both engines: the embedded SQLite, and Redis as instances that share state use it.
const prefixes: string[] = [];
let world: DataFetchWorld;
async function openWorld(engine: 'sqlite' | 'redis'): Promise<DataFetchWorld> {
  if (engine === 'sqlite') return dataFetchWorld();
  const keyPrefix = `data-fetch-${randomBytes(4).toString('hex')}`;
  prefixes.push(keyPrefix);
  const store = await RedisStore.connect({ engine: 'redis', url: inject('redisUrl'), keyPrefix }, [
    'nijmegen',
    'arnhem',
  ]);
  return dataFetchWorld({ store });
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

const flowOf = (browser: TestBrowser, flowId: string) =>
  browser.json<FetchDecisionView & { error?: { code: string } }>(`/api/v1/nijmegen/account/flows/${flowId}`);

async function statusOf(requested: { statusUrl: string; statusToken: string }): Promise<FetchStatus> {
  const response = await world.server.app.request(requested.statusUrl, {
    headers: { Authorization: `Bearer ${requested.statusToken}`, Origin: FORM_ORIGIN },
  });
  expect(response.headers.get('access-control-allow-origin')).toBe(FORM_ORIGIN);
  return (await response.json()) as FetchStatus;
}

describe.each(['sqlite', 'redis'] as const)('on %s', (engine) => {
  beforeEach(async () => {
    world = await openWorld(engine);
  });
  afterEach(() => world.server.close());

  describe('fetch into an application', () => {
    it('fetches exactly what was asked, shows it, and gives it once to the form that asked, verified, with the receipt’s digest', async () => {
      const requested = await world.ask();
      expect(requested.startUrl).toBe(`${ORIGIN}/u/nijmegen/flows/${requested.fetchId}`);
      expect(await statusOf(requested)).toEqual({ state: 'requested' });

      // The decision page first says who asks, why, which fields of which days, from whom: no data yet.
      const ask = await flowOf(world.browser, requested.fetchId);
      expect(ask.body).toMatchObject({
        kind: 'data-fetch',
        step: 'ask',
        consumer: { id: 'bijstand' },
        provider: { id: 'toeslagen' },
        fields: [{ name: 'payments', label: { nl: 'Betalingen' } }],
        period: { from: dayBefore(world.server.clock.now(), 85) },
      });
      expect(ask.body.data).toBeUndefined();

      // "Ophalen" with a passkey: to the source's page, with a single-use token.
      const toSource = await world.confirm(requested.fetchId);
      expect(toSource.status).toBe(200);
      const redirect = new URL(toSource.body.redirectTo!);
      expect(`${redirect.origin}${redirect.pathname}`).toBe('https://toeslagen.example/ophalen');
      const token = redirect.searchParams.get('fetch')!;
      expect(await statusOf(requested)).toEqual({ state: 'identifying' });

      // The source sees what is asked, never who the applicant is at the form.
      const toIdentify = await world.source.redeem(token);
      expect(toIdentify).toMatchObject({
        consumer: { id: 'bijstand' },
        serviceType: ALLOWANCE_TYPE,
        fields: ['payments'],
      });
      expect(JSON.stringify(toIdentify)).not.toContain(APPLICATION);
      const identified = await world.source.identified(token, APPLICANT);
      expect(identified.returnUrl).toBe(`${ORIGIN}/u/nijmegen/flows/${requested.fetchId}`);
      // The source was asked for the payments of the period only, bound to a key of this fetch.
      const issue = world.parties.calls.find((call) => call.body.action === 'issue')!;
      expect(issue.verified).toBe(true);
      expect(issue.body.credentialFor).toMatchObject({ fields: ['payments'], period: requested && expect.any(Object) });
      await expect(world.source.identified(token, APPLICANT)).rejects.toMatchObject({ status: 409 });

      // Before anything goes to the form, the applicant sees it, decoded and labelled.
      const review = await flowOf(world.browser, requested.fetchId);
      expect(review.body).toMatchObject({ step: 'review', itemLabels: { 'payments.amount': { nl: 'Bedrag (€)' } } });
      const shown = review.body.data!;
      expect(shown.map((field) => field.name)).toEqual(['payments']);
      expect(shown[0]!.value).toEqual(world.held.payments.slice(0, 3));
      // Nobody else's browser sees it.
      expect((await flowOf(new TestBrowser(world.server.app), requested.fetchId)).status).toBe(404);
      expect(await statusOf(requested)).toEqual({ state: 'fetched' });

      // "Toevoegen" with the passkey: a one-off consent, and the form is told.
      const added = await world.confirm(requested.fetchId);
      expect(added.status).toBe(200);
      expect(await statusOf(requested)).toEqual({ state: 'approved' });
      const events = await partyCall<PartyEventPage>(
        world.server.app,
        PARTY_AUTH.bijstand,
        'GET',
        '/api/v1/nijmegen/events',
      );
      expect(events.body.events.find((event) => event.type === 'consent.accepted')?.data.fetchId).toBe(
        requested.fetchId,
      );

      // Another form, or the same form for another application, gets nothing.
      const taken = await partyCall(
        world.server.app,
        PARTY_AUTH.schuldhulp,
        'POST',
        `/api/v1/nijmegen/consumer/fetches/${requested.fetchId}/result`,
        {
          applicationRef: APPLICATION,
          nonce: 'n'.repeat(24),
        },
      );
      expect(taken.status).toBe(404);
      await expect(world.form.take(requested.fetchId, 'aanvraag-van-iemand-anders')).rejects.toMatchObject({
        status: 403,
      });

      const received = await world.form.take(requested.fetchId, APPLICATION);
      expect(received.data).toEqual({ payments: world.held.payments.slice(0, 3) });
      expect(received.provider).toMatchObject({ id: 'toeslagen', displayName: { nl: 'Demo Toeslagen' } });
      expect(received.attached).toMatchObject({
        fetchId: requested.fetchId,
        serviceTitle: { nl: 'Huurtoeslag: betalingen' },
        fields: [{ name: 'payments', label: { nl: 'Betalingen' } }],
        contentDigest: received.contentDigest,
      });
      // Once: a replay for a second application (or the same) is refused.
      await expect(world.form.take(requested.fetchId, APPLICATION)).rejects.toMatchObject({ status: 409 });
      expect(await statusOf(requested)).toEqual({ state: 'delivered' });

      // The applicant's receipt names the digest the form computed of what it received.
      const consents = await world.browser.json<UserConsentList>('/api/v1/nijmegen/account/consents');
      const consent = consents.body.consents[0]!;
      expect(consent).toMatchObject({ state: 'used', consumer: { id: 'bijstand' }, mode: 'one-off' });
      const receipt = await world.browser.request(`/api/v1/nijmegen/account/consents/${consent.consentId}/receipt`);
      expect(decodeJwt(await receipt.text())).toMatchObject({ data: { content_sha256: received.contentDigest } });

      // Checked again later (the caseworker's page), from what the form stored: at once and days later.
      expect((await world.form.check(received.stored)).contentDigest).toBe(received.contentDigest);
      world.server.clock.advance(3 * 24 * 3600_000);
      expect((await world.form.check(received.stored)).data).toEqual(received.data);
      const record = (await world.server.store.forTenant('nijmegen').fetches.get(requested.fetchId))!;
      expect(record.credentialSealed).toBeNull();
      expect(record.holderKeySealed).toBeNull();
      const logs = world.server.logs();
      for (const secret of [APPLICANT, APPLICATION, world.held.decisionText, String(world.held.payments[0]!.amount)])
        expect(logs).not.toContain(secret);
    });

    it('leaves nothing behind when the applicant does not add it', async () => {
      const requested = await world.ask();
      await world.throughSource(requested);
      expect((await flowOf(world.browser, requested.fetchId)).body.step).toBe('review');
      const declined = await world.browser.json(`/api/v1/nijmegen/account/flows/${requested.fetchId}/refuse`, {
        json: {},
      });
      expect(declined.status).toBe(200);
      expect(await statusOf(requested)).toEqual({ state: 'declined' });
      await expect(world.form.take(requested.fetchId, APPLICATION)).rejects.toMatchObject({ status: 409 });
      const record = (await world.server.store.forTenant('nijmegen').fetches.get(requested.fetchId))!;
      expect(record.credentialSealed).toBeNull();
      expect((await world.browser.json<UserConsentList>('/api/v1/nijmegen/account/consents')).body.consents).toEqual(
        [],
      );
    });

    it('refuses a form that asks more than three months back, fields outside the schema, or of a party that is no source', async () => {
      const now = world.server.clock.now();
      for (const [overrides, path] of [
        [{ fields: ['payments', 'bsn'] }, 'fields'],
        [{ period: { from: dayBefore(now, 120), to: dayBefore(now, 0) } }, 'period.from'],
        [{ period: { from: dayBefore(now, 10), to: dayBefore(now, -5) } }, 'period.to'],
        [{ providerId: 'energie' }, 'providerId'],
        [{ serviceType: 'https://toeslagen.example/data/iets-anders/v1' }, 'serviceType'],
      ] as const) {
        await expect(world.ask(overrides), JSON.stringify(overrides)).rejects.toMatchObject({
          status: 400,
          details: [expect.objectContaining({ path })],
        });
      }
      await expect(world.ask({ period: { from: dayBefore(now, 1), to: dayBefore(now, 10) } })).rejects.toMatchObject({
        status: 400,
      });
    });

    it.each([
      ['down', 'source-unavailable'],
      ['slow', 'source-timeout'],
      ['extra-days', 'source-answer'],
      ['extra-field', 'source-answer'],
    ] as const)('fails clearly when the source is %s, with nothing attached', async (behaviour, failure) => {
      const requested = await world.ask();
      world.parties.behaviour = behaviour;
      await world.throughSource(requested);
      expect(await statusOf(requested)).toEqual({ state: 'failed', failure });
      const page = await flowOf(world.browser, requested.fetchId);
      expect(page.body).toMatchObject({ step: 'failed', failure });
      expect(page.body.data).toBeUndefined();
      await expect(world.form.take(requested.fetchId, APPLICATION)).rejects.toMatchObject({ status: 409 });
      expect(world.server.logs()).not.toContain(world.held.decisionText);
    });

    it('drops what was added when the applicant revokes the consent before the form took it', async () => {
      const requested = await world.ask();
      await world.throughSource(requested);
      await world.confirm(requested.fetchId);
      const [consent] = (await world.browser.json<UserConsentList>('/api/v1/nijmegen/account/consents')).body.consents;
      world.server.clock.advance(1);
      await world.browser.signIn(world.passkey);
      const revoked = await world.browser.request(`/api/v1/nijmegen/account/consents/${consent!.consentId}/revoke`, {
        method: 'POST',
      });
      expect(revoked.status).toBe(204);
      expect(await statusOf(requested)).toEqual({ state: 'declined' });
      const record = (await world.server.store.forTenant('nijmegen').fetches.get(requested.fetchId))!;
      expect(record.credentialSealed).toBeNull();
      await expect(world.form.take(requested.fetchId, APPLICATION)).rejects.toMatchObject({ status: 409 });
    });

    it('ends a fetch the applicant left halfway: expired after half an hour, then deleted', async () => {
      const requested = await world.ask();
      await world.throughSource(requested);
      world.server.clock.advance(31 * 60_000);
      expect(await statusOf(requested)).toEqual({ state: 'expired' });
      expect((await flowOf(world.browser, requested.fetchId)).status).toBe(404);
      await world.server.app.sweepExpired();
      expect(await world.server.store.forTenant('nijmegen').fetches.get(requested.fetchId)).toBeUndefined();
    });

    it('keeps the status to its token, and the source token to its source', async () => {
      const requested = await world.ask();
      const wrong = await world.server.app.request(requested.statusUrl, {
        headers: { Authorization: `Bearer ${'x'.repeat(43)}` },
      });
      expect(wrong.status).toBe(404);
      const toSource = await world.confirm(requested.fetchId);
      const token = new URL(toSource.body.redirectTo!).searchParams.get('fetch')!;
      const asEnergie = await partyCall(
        world.server.app,
        PARTY_AUTH.energie,
        'POST',
        '/api/v1/nijmegen/provider/fetches/redeem',
        {
          token,
        },
      );
      expect(asEnergie.status).toBe(404);
      const unknown = await partyCall(
        world.server.app,
        PARTY_AUTH.toeslagen,
        'POST',
        '/api/v1/nijmegen/provider/fetches/redeem',
        {
          token: 'a'.repeat(32),
        },
      );
      expect(unknown.status).toBe(404);
    });
  });
});
