import { createPrivateKey } from 'node:crypto';
import type { AcceptancePolicy, ServiceDescriptionInput, SignedAcceptancePolicy } from '@regiekit/sdk/protocol';

/**
 * The demo's organisations and what their own backends would keep: their
 * credentials (config/demo.json holds only the secret hashes and the public
 * key), their customers and their data. Demo only: these are public.
 */
export const DEMO_TENANT = 'nijmegen';

export const DEMO_CONSUMER = { id: 'demo-schuldhulp', clientSecret: 'demo-schuldhulp-secret-not-for-production-9a7e' };

export const PAYMENT_DUE_LIST = 'https://regiekit.example/services/payment-due-list/v1';

export interface DemoCustomer {
  /** The provider's own opaque reference; the only thing regiekit learns of the customer. */
  ref: string;
  name: string;
  debts: {
    description: string;
    amountCents: number;
    dueDate: string;
    stage: 'aanschrijving' | 'herinnering' | 'aanmaning';
  }[];
}

export interface DemoProvider {
  id: string;
  name: { nl: string; en: string };
  credential:
    { partyId: string; clientSecret: string } | { partyId: string; privateJwk: Record<string, string>; keyId: string };
  /** The key its payloads are signed with; config/demo.json publishes the public half as its payloadJwks. */
  payloadKey: { keyId: string; privateJwk: Record<string, string> };
  customers: DemoCustomer[];
}

export const DEMO_PROVIDERS: DemoProvider[] = [
  {
    id: 'demo-energie',
    name: { nl: 'Demo Energie', en: 'Demo Energy' },
    credential: { partyId: 'demo-energie', clientSecret: 'demo-energie-secret-not-for-production-4f1c' },
    payloadKey: {
      keyId: 'demo-energie-payload-1',
      privateJwk: {
        kty: 'EC',
        crv: 'P-256',
        x: 'XH3B0h-_zh3xLUgRqeGD5z-gvD1ENew1pU9GHMSb05g',
        y: 'HdAfhM337YaLvMmlyY0rcQIgW_CGNKuBirCbuodbaCw',
        d: 'DL97vb3Q86Lb3O-N050Tjc1RKCBa6hx0Cb5id-Po4G4',
      },
    },
    customers: [
      {
        ref: 'DE-100231',
        name: 'J. Jansen',
        debts: [
          { description: 'Jaarafrekening 2025', amountCents: 48_250, dueDate: '2026-09-30', stage: 'aanmaning' },
          { description: 'Voorschot oktober', amountCents: 12_900, dueDate: '2026-10-31', stage: 'herinnering' },
        ],
      },
      {
        ref: 'DE-100874',
        name: 'A. de Vries',
        debts: [
          { description: 'Voorschot november', amountCents: 11_500, dueDate: '2026-11-30', stage: 'aanschrijving' },
        ],
      },
    ],
  },
  {
    id: 'demo-zorg',
    name: { nl: 'Demo Zorgverzekeraar', en: 'Demo Health Insurer' },
    credential: {
      partyId: 'demo-zorg',
      keyId: 'demo-zorg-1',
      privateJwk: {
        kty: 'EC',
        crv: 'P-256',
        x: 'd5u2B-2drSRxpgGmaQZ1JT34QOR9g80l5Ac4QHsqdTs',
        y: '7F3cnizpbtkPoLmRW_zAGEa2P92PoJILqmlgsYWHwOo',
        d: '0pCPP860mSJZqbZJILOGV4Z1fiLaVP2LMNAt8FanBBQ',
      },
    },
    payloadKey: {
      keyId: 'demo-zorg-payload-1',
      privateJwk: {
        kty: 'EC',
        crv: 'P-256',
        x: 'hL8Dg5JhH_c9x6-OrJn0IMd72M0uKZ1TI1NEc7jvuTk',
        y: 'RQu0uEbcRDVQDxopcDoNxHNA340axCEICR1dVHtpPAw',
        d: 'ndJhppjw4DgytIoxn3ALmOFQvf-XQ2MfZaZbTcerztI',
      },
    },
    customers: [
      {
        ref: 'ZV-55-0192',
        name: 'J. Jansen',
        debts: [
          { description: 'Premie augustus', amountCents: 15_675, dueDate: '2026-08-01', stage: 'aanmaning' },
          { description: 'Premie september', amountCents: 15_675, dueDate: '2026-09-01', stage: 'aanmaning' },
          { description: 'Eigen risico 2026', amountCents: 38_500, dueDate: '2026-10-15', stage: 'herinnering' },
          // Over EUR 1,000 in all: an arrangement for it needs the insurer's staff (its acceptance policy).
          { description: 'Eigen risico 2025', amountCents: 38_500, dueDate: '2026-10-20', stage: 'herinnering' },
        ],
      },
      {
        ref: 'ZV-55-0417',
        name: 'A. de Vries',
        debts: [{ description: 'Premie oktober', amountCents: 14_250, dueDate: '2026-10-01', stage: 'herinnering' }],
      },
    ],
  },
];

/** The PartyClient credential of a demo provider. */
export function partyCredentialOf(provider: DemoProvider) {
  const { credential } = provider;
  if ('clientSecret' in credential) return credential;
  return {
    partyId: credential.partyId,
    keyId: credential.keyId,
    privateKey: createPrivateKey({ key: credential.privateJwk, format: 'jwk' }),
  };
}

/** The payment-due list both demo providers offer: amounts in integer euro cents, reminder stages as in Dutch practice. */
export function paymentDueListService(operationEndpoint: string): ServiceDescriptionInput {
  return {
    serviceType: PAYMENT_DUE_LIST,
    title: { nl: 'Betalingsachterstanden', en: 'Payments due' },
    schema: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              description: { type: 'string' },
              amountCents: { type: 'integer', minimum: 0 },
              dueDate: { type: 'string', format: 'date' },
              stage: { enum: ['aanschrijving', 'herinnering', 'aanmaning'] },
            },
            required: ['amountCents', 'dueDate', 'stage'],
          },
        },
        totalCents: { type: 'integer', minimum: 0 },
      },
      required: ['items', 'totalCents'],
    },
    fieldLabels: {
      items: { nl: 'Openstaande posten (bedrag, vervaldatum, stadium)', en: 'Open items (amount, due date, stage)' },
      totalCents: { nl: 'Totaal openstaand', en: 'Total due' },
    },
    operationEndpoint,
    modes: ['one-off', 'recurring'],
  };
}

export const PAYMENT_ARRANGEMENTS = 'https://regiekit.example/services/payment-arrangements/v1';

/**
 * The demo creditors' conditions for payment arrangements accepted in
 * advance: Demo Energie up to 12 months on any balance up to EUR 5,000; Demo
 * Zorgverzekeraar up to 24 months but only up to EUR 1,000, above which its
 * staff review the request.
 */
export function arrangementPolicyOf(provider: DemoProvider): AcceptancePolicy {
  const energie = provider.id === 'demo-energie';
  return {
    providerId: provider.id,
    version: 1,
    validFrom: '2026-01-01T00:00:00.000Z',
    term: { minMonths: 1, maxMonths: energie ? 12 : 24 },
    minimumInstalment: { amountCents: 2_500, shareOfBalanceBasisPoints: 0 },
    balance: { minCents: 0, maxCents: energie ? 500_000 : 100_000 },
    whileKept: { interestStops: true, collectionCostsStop: true },
    lapse: { missedInstalments: 2, graceDays: 14 },
    pause: { allowed: !energie, maxMonths: energie ? 0 : 2 },
    exclusions: { atBailiff: true, failedWithinMonths: 12 },
    payTo: {
      iban: energie ? 'NL20INGB0001234567' : 'NL39RABO0300065264',
      beneficiaryName: provider.name.nl,
    },
  };
}

/** The service description that carries a creditor's signed policy; requests arrive at its operation endpoint. */
export function paymentArrangementsService(
  operationEndpoint: string,
  acceptancePolicy: SignedAcceptancePolicy,
): ServiceDescriptionInput {
  return {
    serviceType: PAYMENT_ARRANGEMENTS,
    title: { nl: 'Betalingsregelingen', en: 'Payment arrangements' },
    schema: { type: 'object', properties: { state: { type: 'string' } } },
    fieldLabels: { state: { nl: 'Stand van de regeling', en: 'State of the arrangement' } },
    operationEndpoint,
    modes: ['one-off'],
    acceptancePolicy,
  };
}
