import { describe, expect, it } from 'vitest';
import { openApiSource, OpenApiSourceError, type OpenApiDocument } from './openapi-source.js';
import type { IssueRequest } from '../../signed-data/issuer-kit.js';

// A source's existing API, described by OpenAPI 3, connected by configuration alone.
const DOCUMENT: OpenApiDocument = {
  openapi: '3.1.0',
  servers: [{ url: 'https://api.toeslagen.example/v1' }],
  paths: {
    '/dossiers/{dossier}/betalingen': {
      parameters: [{ name: 'dossier', in: 'path' }],
      get: {
        operationId: 'betalingenVanDossier',
        parameters: [
          { name: 'vanaf', in: 'query' },
          { name: 'tot', in: 'query' },
        ],
      },
    },
    '/zoek': { get: { operationId: 'zoek', parameters: [{ name: 'ref', in: 'query' }] } },
  },
};
const ANSWER = {
  betalingen: [
    { datum: '2026-11-20', bedrag: 264, ontvanger: 'Talis', intern: 'x' },
    { datum: '2026-08-20', bedrag: 264, ontvanger: 'Talis', intern: 'y' },
  ],
  beschikking: { tekst: 'Voorschot 2026' },
};
const ask = (overrides: Partial<IssueRequest> = {}): IssueRequest =>
  ({
    customerRef: 'TS 2026/4711',
    serviceType: 'https://regiekit.example/services/rent-allowance-payments/v1',
    fields: ['payments'],
    period: { from: '2026-09-07', to: '2026-12-06' },
    template: {} as IssueRequest['template'],
    ...overrides,
  }) as IssueRequest;

function api(status = 200) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = (async (input: string | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return Response.json(status === 200 ? ANSWER : { error: 'x' }, { status });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const mapping = {
  payments: {
    pointer: '/betalingen',
    itemProperties: { date: 'datum', amount: 'bedrag', recipient: 'ontvanger' },
    dateProperty: 'date',
  },
  decision: { pointer: '/beschikking/tekst' },
};

describe('openApiSource', () => {
  it('calls the operation for the customer and the days asked, and maps only the fields asked', async () => {
    const { fetch, calls } = api();
    const load = openApiSource({
      document: DOCUMENT,
      operationId: 'betalingenVanDossier',
      customerParameter: 'dossier',
      periodParameters: { from: 'vanaf', to: 'tot' },
      fields: mapping,
      headers: () => ({ Authorization: 'Bearer intern' }),
      fetch,
    });
    expect(await load(ask())).toEqual({ payments: [{ date: '2026-11-20', amount: 264, recipient: 'Talis' }] });
    expect(calls[0]!.url).toBe(
      'https://api.toeslagen.example/v1/dossiers/TS%202026%2F4711/betalingen?vanaf=2026-09-07&tot=2026-12-06',
    );
    expect(new Headers(calls[0]!.init!.headers).get('Authorization')).toBe('Bearer intern');
    expect(await load(ask({ fields: ['decision'], period: undefined }))).toEqual({ decision: 'Voorschot 2026' });
  });

  it('takes the customer as a query parameter, and says "no such person" on 404', async () => {
    const { fetch, calls } = api(404);
    const load = openApiSource({
      document: DOCUMENT,
      operationId: 'zoek',
      customerParameter: 'ref',
      fields: mapping,
      fetch,
    });
    expect(await load(ask())).toBeUndefined();
    expect(calls[0]!.url).toBe('https://api.toeslagen.example/v1/zoek?ref=TS+2026%2F4711');
    await expect(
      openApiSource({
        document: DOCUMENT,
        operationId: 'zoek',
        customerParameter: 'ref',
        fields: mapping,
        fetch: api(500).fetch,
      })(ask()),
    ).rejects.toThrow('500');
  });

  it('refuses a configuration the document does not describe', () => {
    const base = { document: DOCUMENT, fields: mapping };
    expect(() => openApiSource({ ...base, operationId: 'nope', customerParameter: 'x' })).toThrow(OpenApiSourceError);
    expect(() => openApiSource({ ...base, operationId: 'zoek', customerParameter: 'dossier' })).toThrow(
      OpenApiSourceError,
    );
    expect(() =>
      openApiSource({
        ...base,
        operationId: 'betalingenVanDossier',
        customerParameter: 'dossier',
        periodParameters: { from: 'van', to: 'tot' },
      }),
    ).toThrow(OpenApiSourceError);
  });
});
