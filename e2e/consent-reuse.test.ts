import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { ConsentRequested, ConsumerConsent, CreateConsentRequest, ReuseResult } from '@regiekit/sdk/protocol';
import { DEMO_CONSUMER, PAYMENT_DUE_LIST } from '../reference-server/src/demo/demo-parties.js';
import { axeViolations } from './support/browser.js';
import { consentOverviewUrl, theEndedConsent, useResults } from './support/consent-overview.js';
import { connectByLink, debtAppSubOf, signUpAtDebtApp } from './support/debt-app.js';
import { type Person } from './support/people.js';
import { browserSuite } from './support/browser-suite.js';

const suite = browserSuite();

const heading = (page: Page | Locator, name: string) => page.getByRole('heading', { name, exact: true });
const button = (page: Page | Locator, name: string) => page.getByRole('button', { name, exact: true });

/** Demo Schuldhulp's backend, talking to the server with its own credential. */
async function asDebtApp<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${suite.stack.serverOrigin}/api/v1/nijmegen/consumer${path}`, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(`${DEMO_CONSUMER.id}:${DEMO_CONSUMER.clientSecret}`).toString('base64')}`,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

type ApiError = { error: { code: string; message: string; details: { path: string; message: string }[] } };
const reuse = (referenceId: string) => asDebtApp<ReuseResult & ApiError>('POST', `/references/${referenceId}`, {});

/** Someone with a regie account, signed in to the debt app, with Demo Energie connected. */
async function customerOfDemoEnergie(): Promise<Person> {
  const person = await suite.person();
  await signUpAtDebtApp(suite.stack, person);
  await connectByLink(person, 'Demo Energie');
  return person;
}

/**
 * The debt app's backend registers a consent request of its own terms; the
 * person opens its startUrl (top-level, no dialog) and gives consent with the
 * passkey, after which the server shows them their consents. Returns the
 * consent as the debt app reads it.
 */
async function giveConsent(
  person: Person,
  terms: Pick<CreateConsentRequest, 'mode' | 'validUntil'>,
): Promise<ConsumerConsent> {
  const requested = await asDebtApp<ConsentRequested>('POST', '/consents', {
    sub: await debtAppSubOf(suite.stack, person),
    serviceType: PAYMENT_DUE_LIST,
    purpose: { code: 'test.terms', text: { nl: 'Uw schulden bekijken.', en: 'Look at your debts.' } },
    fields: ['items', 'totalCents'],
    providers: 'user-choice',
    ...terms,
  } satisfies CreateConsentRequest);
  expect(requested.status).toBe(201);
  const { page } = person;
  await page.goto(requested.body.startUrl);
  await heading(page, 'Demo Schuldhulp vraagt uw toestemming').waitFor();
  await page.getByText(terms.mode === 'one-off' ? 'Eenmalig' : 'Doorlopend, tot u intrekt', { exact: true }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await button(page, 'Toestemming geven met passkey').click();
  await heading(page, 'Lopende toestemmingen').waitFor();
  expect(page.url()).toBe(consentOverviewUrl(suite.stack));

  const consent = await asDebtApp<ConsumerConsent>('GET', `/consents/${requested.body.consentId}`);
  expect(consent.body).toMatchObject({
    state: 'accepted',
    mode: terms.mode,
    references: [{ provider: { id: 'demo-energie' } }],
  });
  return consent.body;
}

/** A successful reuse: Demo Energie's own signed payload, unchanged, bound to this call, with the customer's total. */
async function expectDebts(referenceId: string): Promise<void> {
  const answer = await reuse(referenceId);
  expect(answer.status).toBe(200);
  const { payload } = await jwtVerify(
    answer.body.jws,
    createRemoteJWKSet(new URL(`${suite.stack.serverOrigin}/api/v1/nijmegen/providers/demo-energie/jwks.json`)),
  );
  expect(payload).toMatchObject({
    iss: 'demo-energie',
    aud: DEMO_CONSUMER.id,
    ref: referenceId,
    fields: ['items', 'totalCents'],
    data: { totalCents: 61_150 },
  });
}

async function expectRefused(referenceId: string, state: string): Promise<void> {
  const answer = await reuse(referenceId);
  expect(answer.status).toBe(403);
  expect(answer.body.error.code).toBe('consent_not_active');
  expect(answer.body.error.details).toEqual([{ path: 'state', message: state }]);
}

/** The overview again, where the consent is now among the ended ones. */
async function endedOnOverview(page: Page): Promise<Locator> {
  await page.reload();
  await page.getByText('U heeft geen lopende toestemmingen.', { exact: true }).waitFor();
  return theEndedConsent(page);
}

describe('One-off and expiring consents, reused by the debt app’s backend, in Chromium', () => {
  it('a one-off consent gives data once: the second reuse is refused, and the overview shows it used', async () => {
    const eva = await customerOfDemoEnergie();
    const consent = await giveConsent(eva, {
      mode: 'one-off',
      validUntil: new Date(suite.stack.clock.now() + 30 * 24 * 3600 * 1000).toISOString(),
    });
    const [reference] = consent.references;

    await expectDebts(reference!.referenceId);
    await expectRefused(reference!.referenceId, 'used');
    expect((await asDebtApp<ConsumerConsent>('GET', `/consents/${consent.consentId}`)).body.state).toBe('used');

    const used = await endedOnOverview(eva.page);
    await used.getByText('Toestemming gebruikt', { exact: true }).waitFor();
    await used.getByText('Eenmalig', { exact: true }).waitFor();
    expect(await useResults(used)).toEqual(['Geweigerd', 'Gegevens gedeeld']);
    expect(await button(used, 'Toestemming intrekken').count()).toBe(0);
    await button(used, 'Ondertekend bewijs als bestand').waitFor();
    await used.getByRole('link', { name: 'Ontvangstbewijs bekijken' }).waitFor();
    expect(await axeViolations(eva.page)).toEqual([]);
  });

  it('a consent past its term is refused at the next reuse, and the overview shows it expired', async () => {
    const fred = await customerOfDemoEnergie();
    const tenMinutes = 10 * 60 * 1000;
    const consent = await giveConsent(fred, {
      mode: 'recurring',
      validUntil: new Date(suite.stack.clock.now() + tenMinutes).toISOString(),
    });
    const [reference] = consent.references;
    await expectDebts(reference!.referenceId);

    suite.stack.clock.offset = tenMinutes + 60 * 1000;
    await expectRefused(reference!.referenceId, 'expired');
    expect((await asDebtApp<ConsumerConsent>('GET', `/consents/${consent.consentId}`)).body.state).toBe('expired');

    const expired = await endedOnOverview(fred.page);
    await expired.getByText('Toestemming verlopen', { exact: true }).waitFor();
    expect(await useResults(expired)).toEqual(['Geweigerd', 'Gegevens gedeeld']);
    expect(await button(expired, 'Toestemming intrekken').count()).toBe(0);
    expect(await axeViolations(fred.page)).toEqual([]);
  });
});
