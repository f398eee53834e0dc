import type { ErrorBody } from '../protocol/index.js';
import { RegieApiError, unreachableError } from './api-error.js';

export type FetchLike = typeof fetch;

/** The global fetch, looked up at call time so a page (or a test) can replace it later. */
export const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/**
 * Where a tenant's API lives on a regiekit server: `server` is its origin and
 * optional base path (`https://regie.example.nl`, a trailing slash is fine;
 * empty for the page's own origin).
 */
export function tenantApiUrl(server: string, tenant: string, path = ''): string {
  return `${server.replace(/\/$/, '')}/api/v1/${encodeURIComponent(tenant)}${path}`;
}

/**
 * One JSON request with the error mapping every regiekit client shares: no
 * answer -> status 0 (`network` offline, `unreachable` otherwise); an error
 * answer -> its stable code and details. Answers without a body (204) resolve
 * to undefined.
 */
export async function requestJson<T>(fetchImpl: FetchLike, url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, init);
  } catch {
    throw unreachableError();
  }
  if (response.ok) {
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  throw await errorFrom(response);
}

/** The RegieApiError an error answer stands for (the stable JSON shape when the server sent it). */
export async function errorFrom(response: Response): Promise<RegieApiError> {
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  return new RegieApiError(
    response.status,
    body?.error?.code ?? 'unknown',
    body?.error?.message ?? response.statusText,
    body?.error?.details,
  );
}

/** A JSON POST body; `{}` when there is nothing to send, so the server can insist on JSON. */
export function jsonPost(body: unknown = {}): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}
