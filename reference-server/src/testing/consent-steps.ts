import type { CreateConsentRequest } from '@regiekit/sdk/protocol';
import { ConsentClient } from '@regiekit/sdk/consent';
import { ORIGIN, PARTY_AUTH, connectByQr, partyCall, signInToConsumer, zorgAssertion } from './connect-steps.js';
import { FakeParties } from './fake-provider.js';
import { SoftwarePasskey } from './software-passkey.js';
import { TestBrowser } from './test-browser.js';
import { PARTY_SECRETS, PAYLOAD_KEYS } from './test-parties.js';
import { createTestServer, createTestServerOn, type TestServer, type TestServerOptions } from './test-server.js';
import type { Store } from '../storage/store.js';

export const PAYMENT_DUE_LIST = 'https://regiekit.example/services/payment-due-list/v1';

const paymentDueList = (provider: string) => ({
  serviceType: PAYMENT_DUE_LIST,
  title: { nl: 'Betalingsachterstanden', en: 'Payments due' },
  schema: {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        items: { type: 'object', properties: { amountCents: { type: 'integer' } }, required: ['amountCents'] },
      },
      totalCents: { type: 'integer' },
    },
    required: ['items'],
  },
  fieldLabels: { items: { nl: 'Openstaande posten', en: 'Open items' }, totalCents: { nl: 'Totaal', en: 'Total' } },
  operationEndpoint: `https://${provider}.example/regiekit/operations`,
  modes: ['one-off', 'recurring'],
});

export interface ConsentWorld {
  server: TestServer<Store>;
  parties: FakeParties;
  browser: TestBrowser;
  passkey: SoftwarePasskey;
  sub: string;
  consumer: ConsentClient;
  /** fetch through the server in this process. */
  viaApp: typeof fetch;
  request(
    overrides?: Partial<CreateConsentRequest>,
  ): Promise<{ consentId: string; statusToken: string; startUrl: string }>;
  /** The user opens the decision page, confirms with the passkey and approves (all sources, or the given ones). */
  accept(
    consentId: string,
    sources?: string[],
  ): Promise<{ status: number; body: { redirectTo?: string; error?: { code: string } } }>;
}

/**
 * A server whose two providers offer the payment-due list, and a user who
 * signed in to the debt app and connected both providers by QR.
 */
export async function consentWorld(on?: { store: Store; options?: TestServerOptions }): Promise<ConsentWorld> {
  let parties!: FakeParties;
  const options: TestServerOptions = {
    ...on?.options,
    deps: { partyFetch: (input, init) => parties.fetch(input, init), providerTimeoutMs: 200, ...on?.options?.deps },
  };
  const server = on ? createTestServerOn(on.store, options) : createTestServer(options);
  parties = new FakeParties(server.app, PAYLOAD_KEYS);
  const zorgAuth = async () => `Bearer ${await zorgAssertion(server.clock.now())}`;
  await partyCall(
    server.app,
    PARTY_AUTH.energie,
    'PUT',
    '/api/v1/nijmegen/provider/services',
    paymentDueList('energie'),
  );
  await partyCall(server.app, await zorgAuth(), 'PUT', '/api/v1/nijmegen/provider/services', paymentDueList('zorg'));

  const browser = new TestBrowser(server.app);
  const passkey = new SoftwarePasskey(ORIGIN);
  const sub = await signInToConsumer(server.app, browser, passkey, { register: true });
  await connectByQr(server.app, browser, passkey, PARTY_AUTH.energie, 'energie-klant-1');
  await connectByQr(server.app, browser, passkey, await zorgAuth(), 'zorg-polis-7');

  const viaApp = ((input: string | URL | Request, init?: RequestInit) =>
    Promise.resolve(server.app.request(input instanceof Request ? input : String(input), init))) as typeof fetch;
  const consumer = new ConsentClient({
    server: ORIGIN,
    tenant: 'nijmegen',
    credential: { partyId: 'schuldhulp', clientSecret: PARTY_SECRETS.schuldhulp },
    fetch: viaApp,
  });
  const validUntil = new Date(server.clock.now() + 30 * 24 * 3600 * 1000).toISOString();
  return {
    server,
    parties,
    browser,
    passkey,
    sub,
    consumer,
    viaApp,
    request: (overrides = {}) =>
      consumer.requestConsent({
        sub,
        serviceType: PAYMENT_DUE_LIST,
        purpose: {
          code: 'debt-help.overview',
          text: { nl: 'Overzicht van uw schulden', en: 'Overview of your debts' },
        },
        fields: ['items', 'totalCents'],
        providers: 'user-choice',
        validUntil,
        mode: 'recurring',
        ...overrides,
      }),
    async accept(consentId, sources) {
      server.clock.advance(1);
      await browser.signIn(passkey);
      return browser.json(`/api/v1/nijmegen/account/flows/${consentId}/approve`, {
        json: sources ? { connections: sources } : {},
      });
    },
  };
}
