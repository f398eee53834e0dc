import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConsentClient,
  PayloadVerificationError,
  UNBOUND_PAYLOADS_ACCEPTED_UNTIL,
  verifyPayload,
} from '@regiekit/sdk/consent';
import { WebhookVerifier } from '@regiekit/sdk/party';
import { type RegieApiError } from '@regiekit/sdk/http';
import { ORIGIN, PARTY_AUTH, partyCall } from '../testing/connect-steps.js';
import { consentWorld, PAYMENT_DUE_LIST, type ConsentWorld } from '../testing/consent-steps.js';
import { TestBrowser } from '../testing/test-browser.js';
import { PARTY_SECRETS, WEBHOOK } from '../testing/test-parties.js';

let world: ConsentWorld;
beforeEach(async () => {
  world = await consentWorld();
});
afterEach(() => world.server.close());

const view = (consentId: string) =>
  world.browser.json<{
    kind: string;
    sources: { connectionId: string; provider: { id: string } }[];
    fields: { name: string; label: { nl: string } }[];
    consumer: { id: string };
  }>(`/api/v1/nijmegen/account/flows/${consentId}`);

const statusOf = async (consentId: string, statusToken: string) =>
  (
    await world.server.app.request(`${ORIGIN}/api/v1/nijmegen/consents/${consentId}`, {
      headers: { Authorization: `Bearer ${statusToken}` },
    })
  ).json() as Promise<{ state: string }>;

async function reuseError(referenceId: string): Promise<RegieApiError> {
  try {
    await world.consumer.fetchVerified(referenceId);
  } catch (error) {
    return error as RegieApiError;
  }
  throw new Error('the reuse succeeded');
}

describe('consent and data reuse', () => {
  it('shows what is asked, accepts only the sources left ticked, and serves verified data through an opaque reference', async () => {
    const requested = await world.request();
    const shown = await view(requested.consentId);
    expect(shown.body).toMatchObject({ kind: 'consent', consumer: { id: 'schuldhulp' } });
    expect(shown.body.fields.map((f) => f.label.nl)).toEqual(['Openstaande posten', 'Totaal']);
    expect(shown.body.sources.map((s) => s.provider.id).sort()).toEqual(['energie', 'zorg']);
    expect(JSON.stringify(shown.body)).not.toContain('energie-klant-1');

    const energie = shown.body.sources.find((s) => s.provider.id === 'energie')!;
    const accepted = await world.accept(requested.consentId, [energie.connectionId]);
    expect(accepted.status).toBe(200);
    expect(await statusOf(requested.consentId, requested.statusToken)).toEqual({ state: 'accepted' });
    expect(world.parties.calls.filter((call) => call.body.action === 'create').map((call) => call.url)).toEqual([
      'https://energie.example/regiekit/operations',
    ]);
    expect(world.parties.calls.every((call) => call.verified)).toBe(true);

    const consent = await world.consumer.consent(requested.consentId);
    expect(consent.references.map((r) => r.provider.id)).toEqual(['energie']);
    const fetched = await world.consumer.fetchVerified<{ totalCents: number }>(consent.references[0]!.referenceId);
    expect(fetched).toMatchObject({ providerId: 'energie', keyId: 'energie-payload', data: { totalCents: 48250 } });
    expect((await world.consumer.fetchVerified(consent.references[0]!.referenceId)).data).toEqual(fetched.data);

    // The user sees the consent and its use log (two uses), never the payload.
    const mine = await world.browser.json<{
      consents: { state: string; uses: { outcome: string }[]; providers: { id: string }[] }[];
    }>('/api/v1/nijmegen/account/consents');
    expect(mine.body.consents).toEqual([
      expect.objectContaining({ state: 'accepted', providers: [expect.objectContaining({ id: 'energie' })] }),
    ]);
    expect(mine.body.consents[0]!.uses.map((u) => u.outcome)).toEqual(['ok', 'ok']);
    expect(world.server.logs()).not.toContain('48250');
  });

  it('signs a consent receipt that verifies against the published JWKS with plain jose', async () => {
    const requested = await world.request({ mode: 'one-off' });
    await world.accept(requested.consentId);
    const { receipt } = await world.consumer.consent(requested.consentId);
    const jwks = (await (await world.server.app.request(`${ORIGIN}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    const { payload, protectedHeader } = await jwtVerify(receipt!, createLocalJWKSet(jwks), { issuer: ORIGIN });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'consent-receipt+jwt' });
    expect(payload).toMatchObject({
      consent_id: requested.consentId,
      sub: world.sub,
      recipient: { id: 'schuldhulp' },
      purpose: { code: 'debt-help.overview' },
      data: { service_type: PAYMENT_DUE_LIST, fields: ['items', 'totalCents'] },
      term: { mode: 'one-off' },
    });
    const download = await world.browser.request(`/api/v1/nijmegen/account/consents/${requested.consentId}/receipt`);
    expect(download.headers.get('content-type')).toBe('application/jose');
    expect(await download.text()).toBe(receipt);
  });

  it('shows the receipt as a page to read and print, in Dutch or English, only to the user who gave it', async () => {
    const requested = await world.request({ mode: 'one-off' });
    await world.accept(requested.consentId);
    const { receipt } = await world.consumer.consent(requested.consentId);
    const address = `/u/nijmegen/receipts/${requested.consentId}`;

    const dutch = await world.browser.request(address);
    expect(dutch.status).toBe(200);
    expect(dutch.headers.get('cache-control')).toBe('no-store');
    const page = await dutch.text();
    expect(page).toContain('<html lang="nl"');
    expect(page).toContain('Ontvangstbewijs van uw toestemming');
    expect(page).toContain('Schuldhulp');
    expect(page).toContain('Eenmalig');
    expect(page).toContain(world.sub);
    expect(page).toContain(receipt);
    expect(page).toContain(`${ORIGIN}/.well-known/jwks.json`);
    expect(page).toContain(`/api/v1/nijmegen/account/consents/${requested.consentId}/receipt`);

    const english = await (await world.browser.request(`${address}?lang=en`)).text();
    expect(english).toContain('<html lang="en"');
    expect(english).toContain('Receipt of your consent');
    expect(english).toContain('Once');

    const stranger = await world.server.app.request(`${ORIGIN}${address}`);
    expect(stranger.status).toBe(401);
    const strangerPage = await stranger.text();
    expect(strangerPage).toContain('Log in op uw regie-account');
    expect(strangerPage).not.toContain(receipt);
    const unknown = await world.browser.request(`/u/nijmegen/receipts/${'x'.repeat(22)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('bestaat niet');
  });

  it('records a refusal, and creates nothing', async () => {
    const requested = await world.request();
    const refused = await world.browser.json<{ redirectTo: string }>(
      `/api/v1/nijmegen/account/flows/${requested.consentId}/refuse`,
      { json: {} },
    );
    expect(refused.status).toBe(200);
    expect(await statusOf(requested.consentId, requested.statusToken)).toEqual({ state: 'rejected' });
    expect((await world.consumer.consent(requested.consentId)).references).toEqual([]);
    expect(world.parties.calls).toEqual([]);
    const wrongToken = await world.server.app.request(`${ORIGIN}/api/v1/nijmegen/consents/${requested.consentId}`, {
      headers: { Authorization: 'Bearer not-the-token-0123456789abcdef0123' },
    });
    expect(wrongToken.status).toBe(404);
  });

  it('makes the very next reuse fail after the user revokes, and tells consumer and provider', async () => {
    const requested = await world.request();
    await world.accept(requested.consentId);
    const [first] = (await world.consumer.consent(requested.consentId)).references;
    await world.consumer.fetchVerified(first!.referenceId);

    world.server.clock.advance(1);
    await world.browser.signIn(world.passkey);
    expect(
      (
        await world.browser.request(`/api/v1/nijmegen/account/consents/${requested.consentId}/revoke`, {
          method: 'POST',
        })
      ).status,
    ).toBe(204);
    const refused = await reuseError(first!.referenceId);
    expect(refused).toMatchObject({ status: 403, code: 'consent_not_active' });
    // The providers are told in the background: the user's revocation does not wait for them.
    await expect.poll(() => world.parties.calls.filter((call) => call.body.action === 'drop').length).toBe(2);

    const events = await partyCall<{ events: { type: string }[] }>(
      world.server.app,
      PARTY_AUTH.schuldhulp,
      'GET',
      '/api/v1/nijmegen/events',
    );
    expect(events.body.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['consent.accepted', 'consent.revoked']),
    );
    const providerEvents = await partyCall<{ events: { type: string }[] }>(
      world.server.app,
      PARTY_AUTH.energie,
      'GET',
      '/api/v1/nijmegen/events',
    );
    expect(providerEvents.body.events.map((e) => e.type)).toContain('operation.dropped');
    const mine = await world.browser.json<{ consents: { state: string; uses: { outcome: string }[] }[] }>(
      '/api/v1/nijmegen/account/consents',
    );
    expect(mine.body.consents[0]).toMatchObject({ state: 'revoked' });
    expect(mine.body.consents[0]!.uses.map((u) => u.outcome)).toEqual(['refused', 'ok']);
  });

  it('lets the consumer revoke its own consent, and revokes consents when their connection ends', async () => {
    const byConsumer = await world.request();
    await world.accept(byConsumer.consentId);
    await world.consumer.revoke(byConsumer.consentId);
    expect(await statusOf(byConsumer.consentId, byConsumer.statusToken)).toEqual({ state: 'revoked' });

    const byConnection = await world.request({ providers: ['zorg'] });
    await world.accept(byConnection.consentId);
    const [reference] = (await world.consumer.consent(byConnection.consentId)).references;
    const zorgConnection = (
      await world.browser.json<{ connections: { connectionId: string; provider: { id: string } }[] }>(
        '/api/v1/nijmegen/account',
      )
    ).body.connections.find((c) => c.provider.id === 'zorg')!;
    expect(
      (
        await world.browser.request(`/api/v1/nijmegen/account/connections/${zorgConnection.connectionId}/end`, {
          method: 'POST',
        })
      ).status,
    ).toBe(204);
    expect(await statusOf(byConnection.consentId, byConnection.statusToken)).toEqual({ state: 'revoked' });
    expect(await reuseError(reference!.referenceId)).toMatchObject({ status: 403 });
  });

  it('ends a one-off consent with its first successful reuse, but not with a failed one', async () => {
    const requested = await world.request({ mode: 'one-off', providers: ['energie'] });
    await world.accept(requested.consentId);
    const [reference] = (await world.consumer.consent(requested.consentId)).references;
    world.parties.behaviour = 'down';
    expect(await reuseError(reference!.referenceId)).toMatchObject({ status: 502, code: 'upstream_unavailable' });
    world.parties.behaviour = 'ok';
    await world.consumer.fetchVerified(reference!.referenceId);
    expect(await reuseError(reference!.referenceId)).toMatchObject({ status: 403, code: 'consent_not_active' });
    expect(await statusOf(requested.consentId, requested.statusToken)).toEqual({ state: 'used' });
  });

  it('lets each source of a one-off consent give its data once, and ends the consent when all have', async () => {
    const requested = await world.request({ mode: 'one-off' });
    await world.accept(requested.consentId);
    const references = (await world.consumer.consent(requested.consentId)).references;
    expect(references).toHaveLength(2);
    await world.consumer.fetchVerified(references[0]!.referenceId);
    expect(await statusOf(requested.consentId, requested.statusToken)).toEqual({ state: 'accepted' });
    expect(await reuseError(references[0]!.referenceId)).toMatchObject({
      status: 403,
      details: [{ path: 'state', message: 'used' }],
    });
    await world.consumer.fetchVerified(references[1]!.referenceId);
    expect(await statusOf(requested.consentId, requested.statusToken)).toEqual({ state: 'used' });
    await expect.poll(() => world.parties.calls.filter((call) => call.body.action === 'drop').length).toBe(2);
  });

  it('keeps a revocation that lands while a one-off call is in flight, even when that call then fails', async () => {
    const requested = await world.request({ mode: 'one-off', providers: ['energie'] });
    await world.accept(requested.consentId);
    const [reference] = (await world.consumer.consent(requested.consentId)).references;
    world.parties.behaviour = 'slow';
    const inFlight = reuseError(reference!.referenceId);
    await expect.poll(() => world.parties.calls.filter((call) => call.body.action === 'execute').length).toBe(1);
    world.server.clock.advance(1);
    await world.browser.signIn(world.passkey);
    expect(
      (
        await world.browser.request(`/api/v1/nijmegen/account/consents/${requested.consentId}/revoke`, {
          method: 'POST',
        })
      ).status,
    ).toBe(204);
    expect(await inFlight).toMatchObject({ status: 504 });
    expect(await statusOf(requested.consentId, requested.statusToken)).toEqual({ state: 'revoked' });
  });

  it('expires at the end of its term, and the sweeper releases the operations even if nobody asks', async () => {
    const unread = await world.request({
      validUntil: new Date(world.server.clock.now() + 3_600_000).toISOString(),
      providers: ['energie'],
    });
    await world.accept(unread.consentId);
    world.server.clock.advance(3_600_000);
    await world.server.app.sweepExpired(world.server.clock.now());
    await expect.poll(() => world.parties.calls.filter((call) => call.body.action === 'drop').length).toBe(1);
    const events = await partyCall<{ events: { type: string }[] }>(
      world.server.app,
      PARTY_AUTH.schuldhulp,
      'GET',
      '/api/v1/nijmegen/events',
    );
    expect(events.body.events.map((e) => e.type)).toContain('consent.expired');
  });

  it('expires at the end of its term', async () => {
    const requested = await world.request({ validUntil: new Date(world.server.clock.now() + 3_600_000).toISOString() });
    await world.accept(requested.consentId);
    const [reference] = (await world.consumer.consent(requested.consentId)).references;
    world.server.clock.advance(3_600_000);
    expect(await reuseError(reference!.referenceId)).toMatchObject({ status: 403 });
    expect(await statusOf(requested.consentId, requested.statusToken)).toEqual({ state: 'expired' });

    const unanswered = await world.request();
    world.server.clock.advance(31 * 60 * 1000);
    expect(await statusOf(unanswered.consentId, unanswered.statusToken)).toEqual({ state: 'expired' });
    expect((await view(unanswered.consentId)).status).toBe(404);
  });

  it('answers 502/504 for a provider that is down, slow or talks garbage, and leaves the consent as it was', async () => {
    const requested = await world.request({ providers: ['energie'] });
    await world.accept(requested.consentId);
    const [reference] = (await world.consumer.consent(requested.consentId)).references;
    for (const [behaviour, status, code] of [
      ['down', 502, 'upstream_unavailable'],
      ['slow', 504, 'upstream_timeout'],
      ['garbage', 502, 'upstream_unavailable'],
    ] as const) {
      world.parties.behaviour = behaviour;
      expect(await reuseError(reference!.referenceId), behaviour).toMatchObject({ status, code });
    }
    expect(await statusOf(requested.consentId, requested.statusToken)).toEqual({ state: 'accepted' });
  });

  it('refuses in the SDK a payload that was tampered with or does not match the schema', async () => {
    const requested = await world.request({ providers: ['energie'] });
    await world.accept(requested.consentId);
    const [reference] = (await world.consumer.consent(requested.consentId)).references;
    world.parties.behaviour = 'tampered';
    await expect(world.consumer.fetchVerified(reference!.referenceId)).rejects.toMatchObject({
      name: 'PayloadVerificationError',
      reason: 'signature',
    });
    world.parties.behaviour = 'off-schema';
    const error = await world.consumer.fetchVerified(reference!.referenceId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadVerificationError);
    expect(error).toMatchObject({ reason: 'schema' });
  });

  it('takes a payload only when it is bound to this consumer, this reference, the consented fields, and recent', async () => {
    const requested = await world.request({ providers: ['energie'], fields: ['items'] });
    await world.accept(requested.consentId);
    const [reference] = (await world.consumer.consent(requested.consentId)).references;
    world.parties.data = { items: [{ amountCents: 48250 }] };

    // What the provider kit signs: the binding travels in the payload, and the SDK reads it back.
    const fetched = await world.consumer.fetchVerified(reference!.referenceId);
    const claims = decodeJwt((await world.consumer.reuse(reference!.referenceId)).jws);
    expect(claims).toMatchObject({
      iss: 'energie',
      aud: 'schuldhulp',
      ref: reference!.referenceId,
      fields: ['items'],
    });
    expect(fetched.signedAt).toBeInstanceOf(Date);

    for (const [behaviour, reason] of [
      ['other-audience', 'binding'],
      ['extra-field', 'fields'],
      ['old', 'stale'],
    ] as const) {
      world.parties.behaviour = behaviour;
      const error = await world.consumer.fetchVerified(reference!.referenceId).catch((e: unknown) => e);
      expect(error, behaviour).toMatchObject({ name: 'PayloadVerificationError', reason });
    }

    // A payload made for another reference verifies by its signature, but not as the answer to this call.
    world.parties.behaviour = 'ok';
    const made = (await world.consumer.reuse(reference!.referenceId)).jws;
    const jwks = (await (
      await world.server.app.request(`${ORIGIN}/api/v1/nijmegen/providers/energie/jwks.json`)
    ).json()) as JSONWebKeySet;
    const schema = { type: 'object' };
    await expect(
      verifyPayload(made, {
        jwks,
        schema,
        expected: {
          provider: 'energie',
          consumer: 'schuldhulp',
          referenceId: 'another-reference-00000',
          fields: ['items'],
        },
      }),
    ).rejects.toMatchObject({ reason: 'binding' });
  });

  it('accepts a payload of a provider that does not bind it yet only until the documented day, and only consented fields', async () => {
    const requested = await world.request({ providers: ['energie'], fields: ['items'] });
    await world.accept(requested.consentId);
    const [reference] = (await world.consumer.consent(requested.consentId)).references;
    world.parties.behaviour = 'unbound';
    world.parties.data = { items: [{ amountCents: 48250 }] };
    expect((await world.consumer.fetchVerified(reference!.referenceId)).data).toEqual({
      items: [{ amountCents: 48250 }],
    });
    const strict = new ConsentClient(
      {
        server: ORIGIN,
        tenant: 'nijmegen',
        credential: { partyId: 'schuldhulp', clientSecret: PARTY_SECRETS.schuldhulp },
        fetch: world.viaApp,
      },
      { allowUnbound: false },
    );
    await expect(strict.fetchVerified(reference!.referenceId)).rejects.toMatchObject({ reason: 'unbound' });
    world.parties.data = { items: [], totalCents: 48250 };
    await expect(world.consumer.fetchVerified(reference!.referenceId)).rejects.toMatchObject({ reason: 'fields' });
    const { jws } = await world.consumer.reuse(reference!.referenceId);
    const after = new Date(Date.parse(UNBOUND_PAYLOADS_ACCEPTED_UNTIL) + 1000);
    await expect(
      verifyPayload(jws, {
        jwks: (await (
          await world.server.app.request(`${ORIGIN}/api/v1/nijmegen/providers/energie/jwks.json`)
        ).json()) as JSONWebKeySet,
        schema: { type: 'object' },
        expected: {
          provider: 'energie',
          consumer: 'schuldhulp',
          referenceId: reference!.referenceId,
          fields: ['totalCents', 'items'],
          allowUnbound: true,
          now: after,
        },
      }),
    ).rejects.toMatchObject({ reason: 'unbound' });
  });

  it("gives a consumer nothing of another consumer's or another tenant's references", async () => {
    const requested = await world.request({ providers: ['energie'] });
    await world.accept(requested.consentId);
    const [reference] = (await world.consumer.consent(requested.consentId)).references;
    const other = await partyCall(
      world.server.app,
      PARTY_AUTH.budgetcoach,
      'POST',
      `/api/v1/nijmegen/consumer/references/${reference!.referenceId}`,
      {},
    );
    expect(other.status).toBe(404);
    expect(
      (
        await partyCall(
          world.server.app,
          PARTY_AUTH.budgetcoach,
          'GET',
          `/api/v1/nijmegen/consumer/consents/${requested.consentId}`,
        )
      ).status,
    ).toBe(404);
    // The same consumer id, registered with tenant arnhem too: tenant B knows nothing of tenant A.
    const foreign = await partyCall(
      world.server.app,
      PARTY_AUTH.schuldhulp,
      'POST',
      `/api/v1/arnhem/consumer/references/${reference!.referenceId}`,
      {},
    );
    expect(foreign.status).toBe(404);
  });

  it('pushes events as Standard Webhooks that the SDK verifier accepts once, and refuses forged or replayed ones', async () => {
    const requested = await world.request();
    await world.accept(requested.consentId);
    await expect.poll(() => world.parties.webhooks.length).toBeGreaterThan(0);
    const delivery = world.parties.webhooks.find((w) => w.body.includes('consent.accepted'))!;
    const verifier = new WebhookVerifier(WEBHOOK.secret);
    const event = verifier.verify(delivery.body, delivery.headers);
    expect(event).toMatchObject({
      type: 'consent.accepted',
      data: { consentId: requested.consentId, tenant: 'nijmegen' },
    });
    expect(() => verifier.verify(delivery.body, delivery.headers)).toThrow(/replayed/);
    expect(() =>
      new WebhookVerifier(WEBHOOK.secret).verify(delivery.body.replace('nijmegen', 'arnhem'), delivery.headers),
    ).toThrow();
    expect(() =>
      new WebhookVerifier(`whsec_${Buffer.alloc(24, 1).toString('base64')}`).verify(delivery.body, delivery.headers),
    ).toThrow();
  });

  it('refuses bad consent requests with a clear 400, and approval by another account', async () => {
    const bad = async (overrides: Record<string, unknown>) => {
      try {
        await world.request(overrides);
      } catch (error) {
        return (error as RegieApiError).status;
      }
      return 201;
    };
    expect(await bad({ fields: ['items', 'bsn'] })).toBe(400);
    expect(await bad({ providers: ['budgetcoach'] })).toBe(400);
    expect(await bad({ validUntil: new Date(world.server.clock.now() - 1000).toISOString() })).toBe(400);
    expect(await bad({ serviceType: 'https://regiekit.example/services/unknown' })).toBe(400);
    expect(await bad({ returnUrl: 'https://evil.example/' })).toBe(400);

    const requested = await world.request();
    const stranger = new TestBrowser(world.server.app);
    const { SoftwarePasskey } = await import('../testing/software-passkey.js');
    await stranger.registerPasskey(new SoftwarePasskey(ORIGIN));
    const attempt = await stranger.json<{ error: { code: string } }>(
      `/api/v1/nijmegen/account/flows/${requested.consentId}/approve`,
      { json: {} },
    );
    expect(attempt.body.error.code).toBe('wrong_account');
  });
});
