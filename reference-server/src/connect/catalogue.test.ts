import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PARTY_AUTH, partyCall } from '../testing/connect-steps.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
beforeEach(() => {
  server = createTestServer();
});
afterEach(() => server.close());

const paymentDueList = {
  serviceType: 'https://regiekit.example/services/payment-due-list/v1',
  title: { nl: 'Betalingsachterstanden', en: 'Payments due' },
  schema: {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: { amountCents: { type: 'integer' }, dueDate: { type: 'string', format: 'date' } },
        },
      },
      totalCents: { type: 'integer' },
    },
    required: ['items'],
  },
  fieldLabels: { items: { nl: 'Openstaande posten', en: 'Open items' }, totalCents: { nl: 'Totaal', en: 'Total' } },
  operationEndpoint: 'https://energie.example/regiekit/operations',
  modes: ['one-off', 'recurring'],
};

const register = (body: unknown, auth = PARTY_AUTH.energie) =>
  partyCall<{ version: number; error?: { details: { path: string }[] } }>(
    server.app,
    auth,
    'PUT',
    '/api/v1/nijmegen/provider/services',
    body,
  );

describe('service catalogue', () => {
  it('registers a description, versions changes, and shows consumers who offers what', async () => {
    expect((await register(paymentDueList)).body.version).toBe(1);
    expect((await register(paymentDueList)).body.version).toBe(1);
    expect((await register({ ...paymentDueList, modes: ['recurring'] })).body.version).toBe(2);

    const catalogue = await partyCall<{
      services: {
        serviceType: string;
        modes: string[];
        fields: { name: string }[];
        providers: { id: string; version: number }[];
      }[];
      providers: { id: string }[];
    }>(server.app, PARTY_AUTH.schuldhulp, 'GET', '/api/v1/nijmegen/catalogue');
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.providers.map((p) => p.id)).toEqual(['energie', 'zorg', 'toeslagen']);
    expect(catalogue.body.services).toEqual([
      expect.objectContaining({
        serviceType: paymentDueList.serviceType,
        modes: ['recurring'],
        fields: [expect.objectContaining({ name: 'items' }), expect.objectContaining({ name: 'totalCents' })],
        providers: [expect.objectContaining({ id: 'energie', version: 2 })],
      }),
    ]);
    expect(
      (
        await partyCall<{ services: unknown[] }>(
          server.app,
          PARTY_AUTH.energie,
          'GET',
          '/api/v1/nijmegen/provider/services',
        )
      ).body.services,
    ).toHaveLength(1);
  });

  it('refuses invalid schemas, unlabelled fields, labels without a field, plain-http endpoints and consumers', async () => {
    const cases: [unknown, string][] = [
      [{ ...paymentDueList, schema: { type: 'object', properties: { items: { type: 'nonsense' } } } }, 'schema'],
      [{ ...paymentDueList, schema: { type: 'string' } }, 'schema'],
      [{ ...paymentDueList, fieldLabels: { items: paymentDueList.fieldLabels.items } }, 'fieldLabels'],
      [
        { ...paymentDueList, fieldLabels: { ...paymentDueList.fieldLabels, extra: { nl: 'x', en: 'x' } } },
        'fieldLabels',
      ],
      [{ ...paymentDueList, operationEndpoint: 'http://energie.example/ops' }, 'operationEndpoint'],
      [{ ...paymentDueList, modes: [] }, 'modes'],
    ];
    for (const [body, path] of cases) {
      const response = await register(body);
      expect(response.status, path).toBe(400);
      expect(response.body.error?.details[0]?.path).toBe(path);
    }
    expect((await register(paymentDueList, PARTY_AUTH.schuldhulp)).status).toBe(404);
  });
});
