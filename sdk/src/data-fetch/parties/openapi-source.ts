import type { FetchLike } from '../../http/request.js';
import type { IssueRequest } from '../../signed-data/issuer-kit.js';

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
}

/** The part of an OpenAPI 3 document the adapter reads: servers, and the operations with their parameters. */
export interface OpenApiDocument {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, OpenApiOperation | unknown> & { parameters?: OpenApiParameter[] }>;
}

/** Where a field of your regiekit service is in the API's answer. */
export interface OpenApiFieldMapping {
  /** A JSON pointer into the answer, e.g. `/betalingen`. */
  pointer: string;
  /** For a list of records: each property of your service's items and the API's name for it. */
  itemProperties?: Record<string, string>;
  /** For a list of records: the (regiekit) property that holds each item's day, to keep only the period asked. */
  dateProperty?: string;
}

export interface OpenApiSourceConfig {
  /** The API's OpenAPI 3 document, as JSON. */
  document: OpenApiDocument;
  /** The operation that answers one person's records. */
  operationId: string;
  /** The path or query parameter that takes your customer reference. */
  customerParameter: string;
  /** Query parameters for the first and last day asked, when the operation filters by date itself. */
  periodParameters?: { from: string; to: string };
  /** Per field of your regiekit service: where it is in the answer. */
  fields: Record<string, OpenApiFieldMapping>;
  /** The API's base URL, when it is not the document's first server. */
  baseUrl?: string;
  /** The API's own authentication, per call. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  fetch?: FetchLike;
}

/** The adapter was configured for something the document does not describe. */
export class OpenApiSourceError extends Error {
  override name = 'OpenApiSourceError';
}

function pointerGet(value: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return value;
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      value,
    );
}

function findOperation(document: OpenApiDocument, operationId: string) {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters' || typeof operation !== 'object' || operation === null) continue;
      const candidate = operation as OpenApiOperation;
      if (candidate.operationId === operationId)
        return {
          path,
          method: method.toUpperCase(),
          parameters: [...(item.parameters ?? []), ...(candidate.parameters ?? [])],
        };
    }
  }
  throw new OpenApiSourceError(`the document has no operation ${operationId}`);
}

/**
 * Connects a source whose existing API is described by OpenAPI 3 by
 * configuration: which operation answers a person's records, which parameter
 * takes the customer reference (and the period's days), and where each field
 * of the regiekit service is in the answer. Returns the `load` function for
 * `SignedDataIssuer.answer`: it calls the API for exactly the fields and days
 * asked and hands the kit only those (the kit refuses anything more anyway).
 * An answer of 404 means "no such person".
 *
 * ```ts
 * const load = openApiSource({ document, operationId: 'betalingenVanDossier', customerParameter: 'dossier',
 *   periodParameters: { from: 'vanaf', to: 'tot' },
 *   fields: { payments: { pointer: '/betalingen', itemProperties: { date: 'datum', amount: 'bedrag' } } } });
 * const credential = await issuer.answer(req.headers.authorization, req.body, load);
 * ```
 */
export function openApiSource(
  config: OpenApiSourceConfig,
): (ask: IssueRequest) => Promise<Record<string, unknown> | undefined> {
  const operation = findOperation(config.document, config.operationId);
  const parameter = (name: string) => {
    const found = operation.parameters.find((candidate) => candidate.name === name);
    if (!found || (found.in !== 'path' && found.in !== 'query'))
      throw new OpenApiSourceError(`${config.operationId} has no path or query parameter ${name}`);
    return found;
  };
  const customer = parameter(config.customerParameter);
  if (config.periodParameters) {
    parameter(config.periodParameters.from);
    parameter(config.periodParameters.to);
  }
  const base = (config.baseUrl ?? config.document.servers?.[0]?.url ?? '').replace(/\/$/, '');
  if (!/^https?:\/\//.test(base)) throw new OpenApiSourceError('no absolute base URL: give baseUrl');
  const fetchImpl = config.fetch ?? ((input, init) => globalThis.fetch(input, init));

  return async (ask) => {
    const path = operation.path.replace(`{${customer.name}}`, () =>
      customer.in === 'path' ? encodeURIComponent(ask.customerRef) : `{${customer.name}}`,
    );
    const url = new URL(`${base}${path}`);
    if (customer.in === 'query') url.searchParams.set(customer.name, ask.customerRef);
    if (ask.period && config.periodParameters) {
      url.searchParams.set(config.periodParameters.from, ask.period.from);
      url.searchParams.set(config.periodParameters.to, ask.period.to);
    }
    const response = await fetchImpl(url, {
      method: operation.method,
      headers: { Accept: 'application/json', ...(await config.headers?.()) },
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`the source API answered ${response.status}`);
    const answer: unknown = await response.json();
    const fields = (ask.fields ?? Object.keys(config.fields)).filter((field) => field in config.fields);
    return Object.fromEntries(
      fields.flatMap((field) => {
        const mapping = config.fields[field]!;
        const value = pointerGet(answer, mapping.pointer);
        if (value === undefined) return [];
        return [[field, Array.isArray(value) ? items(value, mapping, ask.period) : value]];
      }),
    );
  };
}

/** List items with your service's property names, only the days asked. */
function items(list: unknown[], mapping: OpenApiFieldMapping, period: IssueRequest['period']): unknown[] {
  const renamed = mapping.itemProperties
    ? list.map((item) =>
        Object.fromEntries(
          Object.entries(mapping.itemProperties!).flatMap(([ours, theirs]) => {
            const value = pointerGet(item, `/${theirs}`);
            return value === undefined ? [] : [[ours, value]];
          }),
        ),
      )
    : list;
  if (!period || !mapping.dateProperty) return renamed;
  return renamed.filter((item) => {
    const day = (item as Record<string, unknown>)[mapping.dateProperty!];
    return typeof day === 'string' && day >= period.from && day <= period.to;
  });
}
