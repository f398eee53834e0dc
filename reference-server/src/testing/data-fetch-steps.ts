import type { FetchRequested, ServiceDescriptionInput } from '@regiekit/sdk/protocol';
import { FetchClient, SourceClient } from '@regiekit/sdk/data-fetch/parties';
import { IssuerKeys } from '@regiekit/sdk/signed-data';
import { ORIGIN, PARTY_AUTH, partyCall } from './connect-steps.js';
import { FakeParties } from './fake-provider.js';
import { SoftwarePasskey } from './software-passkey.js';
import { TestBrowser } from './test-browser.js';
import { ALLOWANCE_TYPE, PARTY_SECRETS, PAYLOAD_KEYS } from './test-parties.js';
import {
  createTestServer,
  createTestServerOn,
  ManualClock,
  type TestServer,
  type TestServerOptions,
} from './test-server.js';
import type { Store } from '../storage/store.js';

/** The applicant as the source knows them: its own reference, never a BSN. */
export const APPLICANT = 'toeslagen-dossier-4711';
export const APPLICATION = 'aanvraag-bb-2026-000123';
/** The form's page, where <regie-data-fetch> runs. */
export const FORM_ORIGIN = 'https://bijstand.example';

const label = (nl: string, en = nl) => ({ nl, en });
const DAY = 24 * 3600_000;
export const dayBefore = (now: number, days: number) => new Date(now - days * DAY).toISOString().slice(0, 10);

/** The source's service: rent-allowance payments, with more it holds but no form needs. */
export const ALLOWANCE_SERVICE: ServiceDescriptionInput = {
  serviceType: ALLOWANCE_TYPE,
  title: label('Huurtoeslag: betalingen', 'Rent allowance: payments'),
  schema: {
    type: 'object',
    properties: {
      payments: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            date: { type: 'string', format: 'date' },
            amount: { type: 'number' },
            recipient: { type: 'string' },
          },
          required: ['date', 'amount'],
        },
      },
      decisionText: { type: 'string' },
      caseStatus: { type: 'string' },
    },
  },
  fieldLabels: {
    payments: label('Betalingen', 'Payments'),
    decisionText: label('Beschikking', 'Decision'),
    caseStatus: label('Stand van de aanvraag', 'Case status'),
  },
  operationEndpoint: 'https://toeslagen.example/regiekit/operations',
  modes: ['one-off'],
  personalData: {
    purposes: label('Huurtoeslag toekennen en betalen', 'Granting and paying rent allowance'),
    legalBasis: 'legal-obligation' as const,
    recipients: label('Niemand zonder uw toestemming', 'Nobody without your consent'),
    retention: label('7 jaar', '7 years'),
    source: label('Uw aanvraag en de Belastingdienst', 'Your application and the tax office'),
    portable: false,
    itemLabels: {
      'payments.date': label('Datum', 'Date'),
      'payments.amount': label('Bedrag (€)', 'Amount (€)'),
      'payments.recipient': label('Ontvanger', 'Recipient'),
    },
  },
};

export interface DataFetchWorld {
  server: TestServer<Store>;
  parties: FakeParties;
  form: FetchClient;
  source: SourceClient;
  browser: TestBrowser;
  passkey: SoftwarePasskey;
  viaApp: typeof fetch;
  /** What the source holds: five payments, two of them more than three months ago. */
  held: { payments: { date: string; amount: number; recipient: string }[]; decisionText: string; caseStatus: string };
  /** The form asks for the payments of the last three months. */
  ask(overrides?: Record<string, unknown>): Promise<FetchRequested>;
  /** The applicant confirms the step the decision page is at with the passkey (a new account the first time). */
  confirm(flowId: string, browser?: TestBrowser): Promise<{ status: number; body: { redirectTo?: string } }>;
  /** The whole way to the source and back: returns the source token. */
  throughSource(requested: FetchRequested): Promise<string>;
}

/** A server with a source of rent-allowance payments and a municipal form that asks for them. */
export async function dataFetchWorld(on?: { store: Store; options?: TestServerOptions }): Promise<DataFetchWorld> {
  let parties!: FakeParties;
  const options: TestServerOptions = {
    clock: new ManualClock(Date.now()),
    ...on?.options,
    deps: { partyFetch: (input, init) => parties.fetch(input, init), providerTimeoutMs: 500, ...on?.options?.deps },
  };
  const server = on ? createTestServerOn(on.store, options) : createTestServer(options);
  parties = new FakeParties(server.app, PAYLOAD_KEYS);
  await partyCall(server.app, PARTY_AUTH.toeslagen, 'PUT', '/api/v1/nijmegen/provider/services', ALLOWANCE_SERVICE);
  parties.schemas[ALLOWANCE_TYPE] = ALLOWANCE_SERVICE.schema;
  const now = server.clock.now();
  const held = {
    payments: [10, 40, 70, 100, 130].map((days) => ({
      date: dayBefore(now, days),
      amount: 312.5 + days,
      recipient: 'Woonstichting De Gelderse Poort',
    })),
    decisionText: 'Beschikking huurtoeslag 2026, dossier 4711',
    caseStatus: 'toegekend',
  };
  parties.holds('toeslagen', APPLICANT, ALLOWANCE_TYPE, held);

  const viaApp = ((input: string | URL | Request, init?: RequestInit) =>
    Promise.resolve(server.app.request(input instanceof Request ? input : String(input), init))) as typeof fetch;
  const partyOptions = (partyId: 'bijstand' | 'toeslagen') => ({
    server: ORIGIN,
    tenant: 'nijmegen',
    credential: { partyId, clientSecret: PARTY_SECRETS[partyId] },
    fetch: viaApp,
  });
  const form = new FetchClient(partyOptions('bijstand'), new IssuerKeys(viaApp), {
    now: () => new Date(server.clock.now()),
  });
  const source = new SourceClient(partyOptions('toeslagen'));
  const browser = new TestBrowser(server.app);
  const passkey = new SoftwarePasskey(ORIGIN);
  const registered = new WeakSet<TestBrowser>();

  const world: DataFetchWorld = {
    server,
    parties,
    form,
    source,
    browser,
    passkey,
    viaApp,
    held,
    ask(overrides = {}) {
      return form.ask({
        providerId: 'toeslagen',
        serviceType: ALLOWANCE_TYPE,
        fields: ['payments'],
        period: { from: dayBefore(server.clock.now(), 85), to: dayBefore(server.clock.now(), 0) },
        purpose: {
          code: 'bijzondere-bijstand',
          text: label(
            'Uw aanvraag bijzondere bijstand beoordelen',
            'Assessing your application for special assistance',
          ),
        },
        applicationRef: APPLICATION,
        ...overrides,
      } as Parameters<FetchClient['ask']>[0]);
    },
    async confirm(flowId, who = browser) {
      server.clock.advance(1);
      if (registered.has(who)) await who.signIn(passkey);
      else {
        await who.registerPasskey(passkey);
        registered.add(who);
      }
      return who.json(`/api/v1/nijmegen/account/flows/${flowId}/approve`, { json: {} });
    },
    async throughSource(requested) {
      const toSource = await world.confirm(requested.fetchId);
      if (toSource.status !== 200) throw new Error(`to the source: ${toSource.status}`);
      const token = new URL(toSource.body.redirectTo!).searchParams.get('fetch')!;
      await source.identified(token, APPLICANT);
      return token;
    },
  };
  return world;
}

export { partyCall, PARTY_AUTH, ORIGIN };
