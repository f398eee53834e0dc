import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { OperationRequest, PersonalDataNotice, ServiceDescriptionInput } from '@regiekit/sdk/protocol';
import { MyDataCompanyClient } from '@regiekit/sdk/my-data/parties';
import { IssueRequestError, SignedDataIssuer } from '@regiekit/sdk/signed-data';
import { errorText, RegieApiError } from '@regiekit/sdk/http';
import { dutchDate } from './demo-app-page.js';
import { DEMO_TENANT, partyCredentialOf, type DemoCustomer, type DemoProvider } from './demo-parties.js';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The energy contract type that Demo Woningcorporatie takes as proof: shared, not Demo Energie's own. */
export const ENERGY_CONTRACT = 'https://regiekit.example/services/energy-contract/v1';
const CUSTOMER_DETAILS = 'https://demo-energie.example/data/klantgegevens/v1';
const METER_READINGS = 'https://demo-energie.example/data/meterstanden/v1';
const PAYMENTS = 'https://demo-energie.example/data/betalingen/v1';

const label = (nl: string, en = nl) => ({ nl, en });

/** A correction's state as staff read it. */
const CORRECTION_STATES: Record<string, string> = {
  submitted: 'wacht op antwoord',
  extended: 'termijn verlengd',
  overdue: 'te laat, nog niet beantwoord',
  accepted: 'doorgevoerd',
  refused: 'geweigerd',
};
const notice = (
  extra: Partial<PersonalDataNotice> & Pick<PersonalDataNotice, 'order' | 'portable'>,
): PersonalDataNotice => ({
  purposes: label('Energie leveren en de rekening opmaken', 'Supplying energy and billing it'),
  legalBasis: 'contract',
  legalBasisDetail: label('Uw leveringscontract', 'Your supply contract'),
  recipients: label(
    'Netbeheerder (meterstanden), ons incassobureau (alleen bij een achterstand)',
    'The grid operator (meter readings), our collection agency (only when you are behind)',
  ),
  retention: label(
    '7 jaar na het einde van het contract: de fiscale bewaarplicht',
    '7 years after the contract ends: tax law',
  ),
  source: label('Van u, toen u het contract afsloot', 'From you, when you made the contract'),
  ...extra,
});

/** Demo Energie's four categories of personal data, described in the catalogue as any company would. */
export function demoEnergieCategories(operationEndpoint: string): ServiceDescriptionInput[] {
  const text = { type: 'string', maxLength: 200 };
  return [
    {
      serviceType: CUSTOMER_DETAILS,
      title: label('Klantgegevens', 'Customer details'),
      schema: { type: 'object', properties: { name: text, address: text, email: text, phone: text } },
      fieldLabels: {
        name: label('Naam', 'Name'),
        address: label('Adres', 'Address'),
        email: label('E-mail'),
        phone: label('Telefoon', 'Phone'),
      },
      operationEndpoint,
      modes: ['one-off'],
      personalData: notice({ order: 1, portable: true, correctable: ['address', 'email', 'phone'] }),
    },
    {
      serviceType: ENERGY_CONTRACT,
      title: label('Energiecontract', 'Energy contract'),
      schema: {
        type: 'object',
        properties: {
          holder: text,
          supplyAddress: text,
          product: text,
          startDate: { type: 'string', format: 'date' },
          monthlyAdvance: { type: 'number' },
        },
      },
      fieldLabels: {
        holder: label('Contracthouder', 'Contract holder'),
        supplyAddress: label('Leveringsadres', 'Supply address'),
        product: label('Product'),
        startDate: label('Ingangsdatum', 'Start date'),
        monthlyAdvance: label('Maandelijks voorschot (€)', 'Monthly advance (€)'),
      },
      operationEndpoint,
      modes: ['one-off'],
      personalData: notice({ order: 2, portable: true, correctable: ['holder', 'supplyAddress'] }),
    },
    {
      serviceType: METER_READINGS,
      title: label('Meterstanden', 'Meter readings'),
      schema: {
        type: 'object',
        properties: {
          readings: {
            type: 'array',
            items: {
              type: 'object',
              properties: { date: { type: 'string' }, normalKwh: { type: 'integer' }, lowKwh: { type: 'integer' } },
            },
          },
        },
      },
      fieldLabels: { readings: label('Meterstanden per maand', 'Monthly meter readings') },
      operationEndpoint,
      modes: ['one-off'],
      personalData: notice({
        order: 3,
        portable: true,
        correctable: [],
        source: label('Uw slimme meter, via de netbeheerder', 'Your smart meter, through the grid operator'),
        automatedDecisions: label(
          'Uw maandelijks voorschot wordt automatisch berekend uit uw verbruik van de afgelopen twaalf maanden.',
          'Your monthly advance is computed automatically from your use over the last twelve months.',
        ),
        itemLabels: {
          'readings.date': label('Datum', 'Date'),
          'readings.normalKwh': label('Normaal (kWh)', 'Normal (kWh)'),
          'readings.lowKwh': label('Dal (kWh)', 'Low (kWh)'),
        },
      }),
    },
    {
      serviceType: PAYMENTS,
      title: label('Betalingen', 'Payments'),
      schema: {
        type: 'object',
        properties: {
          payments: {
            type: 'array',
            items: {
              type: 'object',
              properties: { date: { type: 'string' }, amount: { type: 'number' }, description: text },
            },
          },
        },
      },
      fieldLabels: { payments: label('Ontvangen betalingen', 'Payments received') },
      operationEndpoint,
      modes: ['one-off'],
      // Made by the company from its bank statements, not provided by the customer: not portable (art. 20).
      personalData: notice({
        order: 4,
        portable: false,
        correctable: [],
        source: label('Onze bank, bij elke betaling', 'Our bank, with every payment'),
        itemLabels: {
          'payments.date': label('Datum', 'Date'),
          'payments.amount': label('Bedrag (€)', 'Amount (€)'),
          'payments.description': label('Omschrijving', 'Description'),
        },
      }),
    },
  ];
}

const monthsBack = (count: number, day: number) =>
  Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(2026, 10 - (count - 1 - i), day));
    return date.toISOString().slice(0, 10);
  });

/** What Demo Energie's own systems hold about a customer: generated once, changed by accepted corrections. */
function heldFor(customer: DemoCustomer): Record<string, Record<string, unknown>> {
  const street = customer.ref.endsWith('231')
    ? 'Stationsplein 12, 6512 AB Nijmegen'
    : 'Molenstraat 7, 6511 HA Nijmegen';
  const slug = customer.name
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  let normal = 10_400;
  let low = 8_100;
  return {
    [CUSTOMER_DETAILS]: { name: customer.name, address: street, email: `${slug}@example.nl`, phone: '+31 6 12345678' },
    [ENERGY_CONTRACT]: {
      holder: customer.name,
      supplyAddress: street,
      product: 'Groene stroom, 3 jaar vast',
      startDate: '2024-03-01',
      monthlyAdvance: 129,
    },
    [METER_READINGS]: {
      readings: monthsBack(36, 1).map((date) => ({ date, normalKwh: (normal += 140), lowKwh: (low += 95) })),
    },
    [PAYMENTS]: {
      payments: monthsBack(24, 28).map((date) => ({ date, amount: 129, description: 'Voorschot' })),
    },
  };
}

export interface MyDataDemoOptions {
  serverOrigin: string;
  provider: DemoProvider;
  customerOf: (c: Context) => DemoCustomer | undefined;
  frame: (title: string, body: Html, scripts?: string[]) => Html;
  cdnIntegrity: (file: string) => string;
  fetch?: typeof fetch;
}

/**
 * Demo Energie's side of "my data", as its backend would have it: its data
 * per customer, the issuer kit that signs a category when the regiekit
 * server asks, the "Mijn gegevens" page (a fresh view token per page view,
 * minted here with the company's credential), and a staff page that answers
 * its customers' corrections.
 */
export function myDataDemo(options: MyDataDemoOptions) {
  const { provider } = options;
  const held = new Map(provider.customers.map((customer) => [customer.ref, heldFor(customer)]));
  const company = new MyDataCompanyClient({
    server: options.serverOrigin,
    tenant: DEMO_TENANT,
    credential: partyCredentialOf(provider),
    ...(options.fetch && { fetch: options.fetch }),
  });
  const issuer = new SignedDataIssuer({
    server: options.serverOrigin,
    tenant: DEMO_TENANT,
    partyId: provider.id,
    key: { privateKey: provider.payloadKey.privateJwk as JsonWebKeyLike, keyId: provider.payloadKey.keyId },
    ...(options.fetch && { fetch: options.fetch }),
  });

  /** The server's `issue` request at the operation endpoint: the kit checks it and signs only what was asked. */
  const issue = async (c: Context, request: Extract<OperationRequest, { action: 'issue' }>) => {
    try {
      const credential = await issuer.answer(c.req.header('Authorization'), request, async (ask) => {
        const data = held.get(ask.customerRef)?.[ask.serviceType];
        if (!data) return undefined;
        return ask.fields
          ? Object.fromEntries(Object.entries(data).filter(([field]) => ask.fields!.includes(field)))
          : data;
      });
      return c.body(credential, 200, { 'Content-Type': 'application/dc+sd-jwt' });
    } catch (error) {
      if (error instanceof IssueRequestError) return c.json({ error: error.message }, error.status);
      throw error;
    }
  };

  const register = (app: Hono) => {
    app.get(`/${provider.id}/mijn-gegevens`, async (c) => {
      const customer = options.customerOf(c);
      if (!customer) return c.redirect(`/creditor-portal/${provider.id}/`, 303);
      c.header('Cache-Control', 'no-store');
      // A fresh single-use token for this page view; the credential that minted it stays here.
      const { viewToken } = await company.mintViewToken(customer.ref);
      return c.html(
        options.frame(
          'Mijn gegevens',
          html`<h1>Mijn gegevens</h1>
            <p><a href="/creditor-portal/${provider.id}/">Terug naar mijn overzicht</a></p>
            <regie-my-data server="${options.serverOrigin}" tenant="${DEMO_TENANT}" view-token="${viewToken}"></regie-my-data>`,
          ['regie-my-data.js'],
        ),
      );
    });

    // Staff: answers the corrections customers sent. A real portal keeps this behind its staff login.
    app.get(`/${provider.id}/medewerkers/correcties`, async (c) => {
      const corrections = await company.corrections();
      const open = corrections.filter((correction) => ['submitted', 'extended', 'overdue'].includes(correction.state));
      const done = corrections.filter((correction) => !open.includes(correction));
      // Our own categories say what each field is called; staff read words, not field names.
      const labels = demoEnergieCategories('');
      const fieldName = (correction: (typeof corrections)[number]) =>
        labels.find((category) => category.serviceType === correction.serviceType)?.fieldLabels[correction.field]?.nl ??
        correction.field;
      const row = (correction: (typeof corrections)[number]) => html`<li class="card">
        <p><strong>${fieldName(correction)}</strong> van klant ${correction.customerRef}: wordt <strong>${correction.proposedValue}</strong></p>
        <p>Reden van de klant: ${correction.reason}</p>
        <p>Ontvangen ${dutchDate(correction.submittedAt.slice(0, 10))}, antwoord uiterlijk ${dutchDate(correction.answerDueBy.slice(0, 10))}: ${CORRECTION_STATES[correction.state]}</p>
        ${correction.answer ? html`<p>Ons antwoord: ${correction.answer}</p>` : ''}
      </li>`;
      return c.html(
        options.frame(
          'Correcties',
          html`<h1>Correctieverzoeken (medewerkers)</h1>
            <p>Demo: in een echt portaal staat deze pagina achter de inlog voor medewerkers.</p>
            <h2>Open</h2>
            ${open.length === 0 ? html`<p>Geen open verzoeken.</p>` : ''}
            <ul class="plain">
              ${open.map(
                (correction) => html`${row(correction)}
                  <form method="post" action="/creditor-portal/${provider.id}/medewerkers/correcties/${correction.correctionId}" class="card">
                    <button type="submit" name="answer" value="accept">Doorvoeren en accepteren</button>
                    <label for="reason-${correction.correctionId}">Reden bij weigeren</label>
                    <input id="reason-${correction.correctionId}" name="reason" maxlength="1000" />
                    <button type="submit" name="answer" value="refuse" class="secondary">Weigeren</button>
                  </form>`,
              )}
            </ul>
            <h2>Beantwoord</h2>
            ${done.length === 0 ? html`<p>Nog niets beantwoord.</p>` : ''}
            <ul class="plain">${done.map(row)}</ul>`,
        ),
      );
    });

    app.post(`/${provider.id}/medewerkers/correcties/:id`, async (c) => {
      const form = await c.req.parseBody();
      const id = c.req.param('id');
      try {
        if (form.answer === 'accept') {
          const correction = await company.correction(id);
          const data = held.get(correction.customerRef)?.[correction.serviceType];
          // The company changes its own data first, then says so: the old credentials are revoked.
          if (data) data[correction.field] = correction.proposedValue;
          await company.accept(id);
        } else {
          const reason = String(form.reason ?? '').trim();
          await company.refuse(id, reason || 'Wij kunnen dit niet bevestigen met onze gegevens.');
        }
      } catch (error) {
        const message = errorText(error instanceof RegieApiError ? error.code : 'internal', 'nl');
        return c.html(options.frame('Correctie', html`<h1>Niet gelukt</h1><p role="alert">${message}</p>`), 400);
      }
      return c.redirect(`/creditor-portal/${provider.id}/medewerkers/correcties`, 303);
    });
  };

  return {
    issue,
    register,
    registerCategories: (operationEndpoint: string) => demoEnergieCategories(operationEndpoint),
  };
}

/** A private JWK as Web Crypto takes it (the SDK's key input). */
type JsonWebKeyLike = ConstructorParameters<typeof SignedDataIssuer>[0]['key']['privateKey'];
