import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import type { FetchToIdentify, ServiceDescriptionInput } from '@regiekit/sdk/protocol';
import { openApiSource, SourceClient, type OpenApiDocument } from '@regiekit/sdk/data-fetch/parties';
import { PartyClient } from '@regiekit/sdk/party';
import { IssueRequestError, SignedDataIssuer, type DateSchema } from '@regiekit/sdk/signed-data';
import { errorText, RegieApiError } from '@regiekit/sdk/http';
import type { IrmaAuthResolved } from '../config/resolve-config.js';
import { randomToken } from '../crypto/random.js';
import { IrmaRequestorClient } from '../irma/requestor-client.js';
import { DEMO_STYLESHEET } from './demo-stylesheet.js';
import { demoAppPage, dutchDate } from './demo-app-page.js';
import { DEMO_TENANT } from './demo-parties.js';

/** Demo Toeslagen's credential and signing key; config/demo.json holds only the hash and the public key. Demo only. */
export const DEMO_ALLOWANCES = {
  credential: { partyId: 'demo-toeslagen', clientSecret: 'demo-toeslagen-secret-not-for-production-6b3e' },
  payloadKey: {
    keyId: 'demo-toeslagen-payload-1',
    privateJwk: {
      kty: 'EC',
      crv: 'P-256',
      x: 'RR20aUKrP7XNnpCHBWqogWO7h4eYKszjLrg7hOTTric',
      y: 'lmXH2SCqH2-xfZiF4KVZea0kPaV1jqpFyVieD8LeszA',
      d: 'k28y4WmqU9DbhIC6hxFcTxT6NkbdOe-PEjidPrvtsjs',
    },
  },
};

/** The source's internal API token (its own business, not regiekit's). Demo only. */
const INTERNAL_API_TOKEN = 'demo-toeslagen-internal-api-not-for-production';

/** Demo Toeslagen's existing API as its OpenAPI 3 document describes it: one operation that matters here. */
export const ALLOWANCE_API: OpenApiDocument = {
  openapi: '3.1.0',
  servers: [{ url: '/toeslagen/api/v1' }],
  paths: {
    '/dossiers/{dossier}/betalingen': {
      get: {
        operationId: 'betalingenVanDossier',
        summary: 'De betalingen huurtoeslag van een dossier, met de beschikking en de stand',
        parameters: [
          { name: 'dossier', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'vanaf', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'tot', in: 'query', schema: { type: 'string', format: 'date' } },
        ],
        responses: {
          '200': {
            description: 'Het dossier',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    betalingen: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          datum: { type: 'string', format: 'date' },
                          bedrag: { type: 'number' },
                          ontvanger: { type: 'string' },
                        },
                      },
                    },
                    beschikking: { type: 'string' },
                    status: { type: 'string' },
                  },
                },
              },
            },
          },
          '404': { description: 'Onbekend dossier' },
        },
      },
    },
  },
};

/** The service forms ask for: rent-allowance payments, with what else the source keeps but no form needs. */
export const RENT_ALLOWANCE_PAYMENTS = 'https://regiekit.example/services/rent-allowance-payments/v1';
const BSN = 'pbdf.gemeente.personalData.bsn';
const label = (nl: string, en = nl) => ({ nl, en });

export function rentAllowanceService(operationEndpoint: string): ServiceDescriptionInput {
  return {
    serviceType: RENT_ALLOWANCE_PAYMENTS,
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
              amount: { type: 'number', minimum: 0 },
              recipient: { type: 'string', maxLength: 100 },
            },
            required: ['date', 'amount'],
          },
        },
        decision: { type: 'string', maxLength: 500 },
        caseStatus: { type: 'string', maxLength: 50 },
      },
    },
    fieldLabels: {
      payments: label('Betalingen huurtoeslag', 'Rent allowance payments'),
      decision: label('Beschikking', 'Decision'),
      caseStatus: label('Stand van uw aanvraag', 'Case status'),
    },
    operationEndpoint,
    modes: ['one-off'],
    personalData: {
      purposes: label('Huurtoeslag vaststellen en uitbetalen', 'Determining and paying rent allowance'),
      legalBasis: 'legal-obligation',
      legalBasisDetail: label('Algemene wet inkomensafhankelijke regelingen', 'General Act on Income-related Schemes'),
      recipients: label('Niemand, tenzij u het zelf doorgeeft', 'Nobody, unless you pass it on yourself'),
      retention: label('7 jaar na de laatste beschikking', '7 years after the last decision'),
      source: label('Uw aanvraag en de Belastingdienst', 'Your application and the tax office'),
      portable: false,
      itemLabels: {
        'payments.date': label('Datum', 'Date'),
        'payments.amount': label('Bedrag (€)', 'Amount (€)'),
        'payments.recipient': label('Op rekening van', 'Paid to'),
      },
    },
  };
}

interface Dossier {
  payments: { date: string; amount: number; recipient: string }[];
  decision: string;
  caseStatus: string;
}

/** What the source keeps per dossier; the BSN maps to a dossier here and nowhere else. */
function dossiers(now: number): Map<string, { ref: string; dossier: Dossier }> {
  // Paid on the 20th of each month: the last six payments, of which a form may ask the last three months'.
  const paid = (monthsAgo: number, amount: number, recipient: string) => {
    const day = new Date(now);
    day.setUTCDate(20);
    day.setUTCMonth(day.getUTCMonth() - monthsAgo);
    return { date: day.toISOString().slice(0, 10), amount, recipient };
  };
  const today = new Date(now).toISOString().slice(0, 10);
  const six = (amount: number, recipient: string) =>
    [0, 1, 2, 3, 4, 5, 6]
      .map((monthsAgo) => paid(monthsAgo, amount, recipient))
      .filter((payment) => payment.date <= today)
      .slice(0, 6);
  return new Map([
    [
      '999993653',
      {
        ref: 'TS-2026-004711',
        dossier: {
          payments: six(318, 'Woonstichting De Gelderse Poort'),
          decision: 'Voorschot huurtoeslag 2026: € 318 per maand',
          caseStatus: 'lopend',
        },
      },
    ],
    [
      '999990019',
      {
        ref: 'TS-2026-000172',
        dossier: {
          payments: six(264, 'Talis Woonbedrijf'),
          decision: 'Voorschot huurtoeslag 2026: € 264 per maand',
          caseStatus: 'lopend',
        },
      },
    ],
  ]);
}

interface Identification {
  fetchToken: string;
  asked: FetchToIdentify;
  requestorToken: string;
  walletUrl: string;
}

export interface AllowanceSourceOptions {
  serverOrigin: string;
  /** This site's own origin, as browsers reach it. */
  siteOrigin: string;
  /** The IRMA server the source asks for a BSN disclosure (the demo's own). */
  irma: { baseUrl: string; auth: IrmaAuthResolved };
  fetch?: typeof fetch;
}

/**
 * Demo Toeslagen: a source of data for applications, on an origin of its
 * own. Its identify page receives `?fetch=<token>` from regiekit, shows what
 * is asked, and identifies the applicant itself with a Yivi disclosure of the
 * BSN (the demo IRMA server); the BSN stays here. Its operation endpoint
 * answers the server's `issue` request with the SDK's issuer kit, which signs
 * only the fields and the days asked.
 */
export function createAllowanceSource(options: AllowanceSourceOptions) {
  const app = new Hono({ strict: false });
  const party = {
    server: options.serverOrigin,
    tenant: DEMO_TENANT,
    credential: DEMO_ALLOWANCES.credential,
    ...(options.fetch && { fetch: options.fetch }),
  };
  const source = new SourceClient(party);
  const irma = new IrmaRequestorClient(options.irma.baseUrl, options.irma.auth, options.fetch ?? fetch);
  const endpoint = `${options.siteOrigin}/toeslagen/regiekit/operations`;
  const service = rentAllowanceService(endpoint);
  const issuer = new SignedDataIssuer({
    server: options.serverOrigin,
    tenant: DEMO_TENANT,
    partyId: DEMO_ALLOWANCES.credential.partyId,
    key: { privateKey: DEMO_ALLOWANCES.payloadKey.privateJwk, keyId: DEMO_ALLOWANCES.payloadKey.keyId },
    schemas: { [RENT_ALLOWANCE_PAYMENTS]: service.schema as DateSchema },
    ...(options.fetch && { fetch: options.fetch }),
  });
  // Identifications in progress, by a random id in the page's form: never the BSN, never in a URL.
  const identifying = new Map<string, Identification>();

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // The applicant goes on to regiekit's decision page after identifying.
        formAction: ["'self'", options.serverOrigin],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
      // The applicant passes through here in regie's window, which must stay the form's popup.
      crossOriginOpenerPolicy: 'unsafe-none',
    }),
  );
  app.get('/toeslagen/source.css', (c) => c.body(DEMO_STYLESHEET, 200, { 'Content-Type': 'text/css' }));

  const frame = (title: string, body: ReturnType<typeof html>) =>
    demoAppPage(title, body, { siteName: 'Demo Toeslagen', stylesheet: '/toeslagen/source.css' });
  const trouble = (c: Context, message: string, status: 400 | 404 | 409 | 502 = 400) =>
    c.html(frame('Ophalen', html`<h1>Ophalen lukt niet</h1><p role="alert">${message}</p>`), status);

  app.get('/toeslagen', (c) =>
    c.html(
      frame(
        'Demo Toeslagen',
        html`<h1>Demo Toeslagen</h1>
          <p>Hier haalt u uw eigen gegevens over huurtoeslag op voor een aanvraag bij een gemeente. U komt hier vanuit het formulier van de gemeente.</p>`,
      ),
    ),
  );

  app.get('/toeslagen/ophalen', async (c) => {
    const fetchToken = c.req.query('fetch') ?? '';
    let asked: FetchToIdentify;
    try {
      asked = await source.redeem(fetchToken);
    } catch (error) {
      return trouble(c, describe(error), 404);
    }
    const session = await irma.startDisclosure({
      attributes: [BSN],
      clientReturnUrl: `${options.siteOrigin}/toeslagen`,
      timeoutSeconds: 300,
    });
    const clientToken = session.sessionPtr.u.split('/').pop()!;
    const id = randomToken(16);
    identifying.set(id, {
      fetchToken,
      asked,
      requestorToken: session.token,
      walletUrl: `${options.irma.baseUrl}/wallet/${clientToken}`,
    });
    return c.html(identifyPage(id, identifying.get(id)!, ''));
  });

  app.post('/toeslagen/ophalen', async (c) => {
    const form = await c.req.parseBody();
    const id = String(form.identification ?? '');
    const pending = identifying.get(id);
    if (!pending) return trouble(c, 'Deze pagina is verlopen. Begin opnieuw vanuit het formulier.', 409);
    const result = await irma.result(pending.requestorToken).catch(() => undefined);
    const valid = result?.status === 'DONE' && result.proofStatus === 'VALID';
    const bsn = valid ? result.disclosed?.flat().find((a) => a.id === BSN)?.rawvalue : undefined;
    if (!bsn) return c.html(identifyPage(id, pending, 'U hebt uw BSN nog niet gedeeld met Yivi.'), 400);
    identifying.delete(id);
    const known = dossiers(Date.now()).get(bsn);
    if (!known) return trouble(c, 'Wij vinden geen huurtoeslag op uw naam. Voeg in het formulier zelf bewijs toe.');
    try {
      const { returnUrl } = await source.identified(pending.fetchToken, known.ref);
      return c.redirect(returnUrl, 303);
    } catch (error) {
      return trouble(c, describe(error), 502);
    }
  });

  // The source's existing internal API, described by OpenAPI 3: regiekit is connected to it by
  // configuration (openApiSource) and the issuer kit, without code that knows the data.
  app.get('/toeslagen/api/openapi.json', (c) => c.json(ALLOWANCE_API));
  app.get('/toeslagen/api/v1/dossiers/:dossier/betalingen', (c) => {
    if (c.req.header('Authorization') !== `Bearer ${INTERNAL_API_TOKEN}`) return c.json({ fout: 'niet bevoegd' }, 401);
    const found = [...dossiers(Date.now()).values()].find((entry) => entry.ref === c.req.param('dossier'));
    if (!found) return c.json({ fout: 'onbekend dossier' }, 404);
    const { vanaf = '0000-01-01', tot = '9999-12-31' } = c.req.query();
    return c.json({
      betalingen: found.dossier.payments
        .filter((payment) => payment.date >= vanaf && payment.date <= tot)
        .map((payment) => ({ datum: payment.date, bedrag: payment.amount, ontvanger: payment.recipient })),
      beschikking: found.dossier.decision,
      status: found.dossier.caseStatus,
    });
  });
  const load = openApiSource({
    document: ALLOWANCE_API,
    baseUrl: `${options.siteOrigin}/toeslagen/api/v1`,
    operationId: 'betalingenVanDossier',
    customerParameter: 'dossier',
    periodParameters: { from: 'vanaf', to: 'tot' },
    fields: {
      payments: {
        pointer: '/betalingen',
        itemProperties: { date: 'datum', amount: 'bedrag', recipient: 'ontvanger' },
        dateProperty: 'date',
      },
      decision: { pointer: '/beschikking' },
      caseStatus: { pointer: '/status' },
    },
    headers: () => ({ Authorization: `Bearer ${INTERNAL_API_TOKEN}` }),
    ...(options.fetch && { fetch: options.fetch }),
  });

  // The server asks for the data here: the kit checks the request is the server's and signs what is asked only.
  app.post('/toeslagen/regiekit/operations', async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    try {
      const credential = await issuer.answer(c.req.header('Authorization'), body, load);
      return c.body(credential, 200, { 'Content-Type': 'application/dc+sd-jwt' });
    } catch (error) {
      if (error instanceof IssueRequestError) return c.json({ error: error.message }, error.status);
      throw error;
    }
  });

  const registerServices = () => new PartyClient(party).registerService(service);
  return Object.assign(app, { registerServices });
}

function describe(error: unknown): string {
  return errorText(error instanceof RegieApiError ? error.code : 'internal', 'nl');
}

function identifyPage(id: string, pending: Identification, problem: string) {
  const { asked } = pending;
  return demoAppPage(
    'Maak u bekend',
    html`<h1>Gegevens ophalen voor ${asked.consumer.displayName.nl}</h1>
      <p>${asked.consumer.displayName.nl} vraagt uw betalingen huurtoeslag van ${dutchDate(asked.period.from)} tot en met
        ${dutchDate(asked.period.to)}, voor: ${asked.purpose.text.nl}.</p>
      <p>Maak u bij ons bekend met Yivi: deel uw BSN. Uw BSN blijft bij Demo Toeslagen; het gaat niet naar de gemeente.</p>
      ${problem ? html`<p role="alert" class="error">${problem}</p>` : ''}
      <ol>
        <li><a href="${pending.walletUrl}" target="_blank" rel="noopener">Open de demo-Yivi-wallet</a> (in de echte wereld: scan de QR-code met de Yivi-app) en deel uw BSN.</li>
        <li>Kom hier terug en kies "Verder".</li>
      </ol>
      <form method="post" action="/toeslagen/ophalen">
        <input type="hidden" name="identification" value="${id}" />
        <button type="submit">Verder</button>
      </form>`,
    { siteName: 'Demo Toeslagen', stylesheet: '/toeslagen/source.css' },
  );
}
