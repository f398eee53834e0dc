import type { MyDataView, MyDataViewOpened, ServiceDescriptionInput } from '@regiekit/sdk/protocol';
import { ForwardedDataClient, MyDataCompanyClient } from '@regiekit/sdk/my-data/parties';
import { IssuerKeys } from '@regiekit/sdk/signed-data';
import { ORIGIN, PARTY_AUTH, partyCall } from './connect-steps.js';
import { FakeParties } from './fake-provider.js';
import { SoftwarePasskey } from './software-passkey.js';
import { TestBrowser } from './test-browser.js';
import { MY_DATA_TYPES, PARTY_SECRETS, PAYLOAD_KEYS } from './test-parties.js';
import {
  createTestServer,
  createTestServerOn,
  ManualClock,
  type TestServer,
  type TestServerOptions,
} from './test-server.js';
import type { Store } from '../storage/store.js';

/** The test company's portal, where <regie-my-data> runs. */
export const PORTAL = 'https://energie.example';
export const CUSTOMER = 'energie-klant-1';

const label = (nl: string, en = nl) => ({ nl, en });
const notice = {
  purposes: label('Levering en facturering van energie', 'Supplying and billing energy'),
  legalBasis: 'contract' as const,
  recipients: label(
    'Netbeheerder Liander; ons incassobureau bij achterstand',
    'Grid operator Liander; our collection agency',
  ),
  retention: label(
    '7 jaar na het einde van het contract (fiscale plicht)',
    '7 years after the contract ends (tax law)',
  ),
  source: label('Van u, bij het afsluiten van het contract', 'From you, when the contract was made'),
  portable: true,
};

/** The test company's three categories of personal data. */
export const MY_DATA_CATEGORIES: ServiceDescriptionInput[] = [
  {
    serviceType: MY_DATA_TYPES.customer,
    title: label('Klantgegevens', 'Customer details'),
    schema: {
      type: 'object',
      properties: { name: { type: 'string' }, email: { type: 'string' }, address: { type: 'string' } },
    },
    fieldLabels: { name: label('Naam', 'Name'), email: label('E-mail'), address: label('Adres', 'Address') },
    operationEndpoint: 'https://energie.example/regiekit/operations',
    modes: ['one-off'],
    personalData: { ...notice, order: 1, correctable: ['email', 'address'] },
  },
  {
    serviceType: MY_DATA_TYPES.contract,
    title: label('Contract'),
    schema: {
      type: 'object',
      properties: { product: { type: 'string' }, startDate: { type: 'string' }, monthlyAmount: { type: 'number' } },
    },
    fieldLabels: {
      product: label('Product'),
      startDate: label('Ingangsdatum', 'Start date'),
      monthlyAmount: label('Maandbedrag (€)', 'Monthly amount (€)'),
    },
    operationEndpoint: 'https://energie.example/regiekit/operations',
    modes: ['one-off'],
    personalData: { ...notice, order: 2 },
  },
  {
    serviceType: MY_DATA_TYPES.readings,
    title: label('Meterstanden', 'Meter readings'),
    schema: {
      type: 'object',
      properties: {
        readings: {
          type: 'array',
          items: { type: 'object', properties: { date: { type: 'string' }, kWh: { type: 'number' } } },
        },
      },
    },
    fieldLabels: { readings: label('Meterstanden', 'Meter readings') },
    operationEndpoint: 'https://energie.example/regiekit/operations',
    modes: ['one-off'],
    personalData: {
      ...notice,
      order: 3,
      source: label('Uw slimme meter, via de netbeheerder', 'Your smart meter, through the grid operator'),
      automatedDecisions: label(
        'Uw voorschot wordt berekend uit uw verbruik van het afgelopen jaar',
        'Your monthly advance is computed from last year’s use',
      ),
      portable: false,
      itemLabels: { 'readings.date': label('Datum', 'Date'), 'readings.kWh': label('Stand (kWh)', 'Reading (kWh)') },
    },
  },
];

export const HELD = {
  customer: { name: 'Willeke de Bruijn', email: 'willeke@example.nl', address: 'Stationsplein 1, Nijmegen' },
  contract: { product: 'Groene stroom vast', startDate: '2024-03-01', monthlyAmount: 124.5 },
  readings: {
    readings: [
      { date: '2026-10-01', kWh: 10412 },
      { date: '2026-11-01', kWh: 10650 },
    ],
  },
};

export interface MyDataWorld {
  server: TestServer<Store>;
  parties: FakeParties;
  company: MyDataCompanyClient;
  recipient: ForwardedDataClient;
  browser: TestBrowser;
  passkey: SoftwarePasskey;
  viaApp: typeof fetch;
  /** The company's backend mints a token; the element opens the view from the portal's origin. */
  openView(
    customerRef?: string,
    origin?: string,
  ): Promise<{ status: number; body: MyDataViewOpened & { error?: { code: string } } }>;
  /** A request of the element with the view's secret. */
  asElement<T = MyDataView>(
    view: { viewId: string; viewSecret: string },
    path: string,
    init?: { method?: string; json?: unknown },
  ): Promise<{ status: number; body: T & { error?: { code: string; details?: { path: string; message: string }[] } } }>;
  /** The customer confirms a flow on the server's origin with the passkey (a new account the first time). */
  confirm(flowId: string): Promise<{ status: number; body: { redirectTo?: string; error?: { code: string } } }>;
}

/** A server whose test company keeps three categories of data about its customer, and a recipient that takes contracts. */
export async function myDataWorld(on?: { store: Store; options?: TestServerOptions }): Promise<MyDataWorld> {
  let parties!: FakeParties;
  const options: TestServerOptions = {
    // Companies sign at the real time: the server's clock starts there too, so their times agree.
    clock: new ManualClock(Date.now()),
    ...on?.options,
    deps: { partyFetch: (input, init) => parties.fetch(input, init), providerTimeoutMs: 500, ...on?.options?.deps },
  };
  const server = on ? createTestServerOn(on.store, options) : createTestServer(options);
  parties = new FakeParties(server.app, PAYLOAD_KEYS);
  for (const category of MY_DATA_CATEGORIES)
    await partyCall(server.app, PARTY_AUTH.energie, 'PUT', '/api/v1/nijmegen/provider/services', category);
  parties.holds('energie', CUSTOMER, MY_DATA_TYPES.customer, HELD.customer);
  parties.holds('energie', CUSTOMER, MY_DATA_TYPES.contract, HELD.contract);
  parties.holds('energie', CUSTOMER, MY_DATA_TYPES.readings, HELD.readings);

  const viaApp = ((input: string | URL | Request, init?: RequestInit) =>
    Promise.resolve(server.app.request(input instanceof Request ? input : String(input), init))) as typeof fetch;
  const company = new MyDataCompanyClient({
    server: ORIGIN,
    tenant: 'nijmegen',
    credential: { partyId: 'energie', clientSecret: PARTY_SECRETS.energie },
    fetch: viaApp,
  });
  const recipient = new ForwardedDataClient(
    {
      server: ORIGIN,
      tenant: 'nijmegen',
      credential: { partyId: 'woning', clientSecret: PARTY_SECRETS.woning },
      fetch: viaApp,
    },
    new IssuerKeys(viaApp),
    { now: () => new Date(server.clock.now()) },
  );
  const browser = new TestBrowser(server.app);
  const passkey = new SoftwarePasskey(ORIGIN);
  let registered = false;

  const elementRequest = async (
    path: string,
    init: { method?: string; json?: unknown; headers?: Record<string, string> },
  ) => {
    const response = await server.app.request(`${ORIGIN}/api/v1/nijmegen${path}`, {
      method: init.method ?? (init.json !== undefined ? 'POST' : 'GET'),
      headers: {
        Origin: PORTAL,
        ...(init.json !== undefined && { 'Content-Type': 'application/json' }),
        ...init.headers,
      },
      ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  return {
    server,
    parties,
    company,
    recipient,
    browser,
    passkey,
    viaApp,
    async openView(customerRef = CUSTOMER, origin = PORTAL) {
      const { viewToken } = await company.mintViewToken(customerRef);
      return elementRequest('/my-data/views', { json: { viewToken }, headers: { Origin: origin } });
    },
    asElement(view, path, init = {}) {
      return elementRequest(`/my-data/views/${view.viewId}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${view.viewSecret}` },
      });
    },
    async confirm(flowId) {
      server.clock.advance(1);
      if (registered) await browser.signIn(passkey);
      else {
        await browser.registerPasskey(passkey);
        registered = true;
      }
      return browser.json(`/api/v1/nijmegen/account/flows/${flowId}/approve`, { json: {} });
    },
  };
}

export { partyCall, PARTY_AUTH, ORIGIN };
