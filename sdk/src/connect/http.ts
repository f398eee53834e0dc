import type { ErrorBody } from '../protocol/index.js';
import { RegieApiError } from '../call/call-api.js';

export type FetchLike = typeof fetch;

/** The global fetch, looked up at call time so a page (or a test) can replace it later. */
export const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/**
 * One JSON request with the error mapping every regiekit client shares:
 * unreachable server -> status 0 `network`; an error answer -> its stable code.
 * Answers without a body (204) resolve to undefined.
 */
export async function requestJson<T>(fetchImpl: FetchLike, url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, init);
  } catch {
    throw new RegieApiError(0, 'network', 'The server could not be reached.');
  }
  if (response.ok) {
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  throw new RegieApiError(
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

export interface PollOptions<T> {
  /** Time between the end of one request and the start of the next (ms). Default 1500. */
  intervalMs?: number;
  /**
   * Told about every failed request. Polling goes on after errors that can heal
   * (no connection, 429, 5xx) and stops after the others.
   */
  onError?: (error: RegieApiError) => void;
  /** Stops polling once this says the value is final; that value is still reported. */
  isFinal?: (value: T) => boolean;
}

/** Errors worth another try: the server was unreachable, busy, or failed. */
export function isTransient(error: RegieApiError): boolean {
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

/**
 * Asks `read` now and then again `intervalMs` after each answer, never two
 * requests at once. Returns the function that stops it.
 */
export function poll<T>(read: () => Promise<T>, onValue: (value: T) => void, options: PollOptions<T> = {}): () => void {
  const intervalMs = options.intervalMs ?? 1500;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async (): Promise<void> => {
    let next: boolean;
    try {
      const value = await read();
      if (stopped) return;
      onValue(value);
      next = !options.isFinal?.(value);
    } catch (error) {
      if (stopped) return;
      const apiError = error instanceof RegieApiError ? error : new RegieApiError(0, 'unknown', String(error));
      next = isTransient(apiError);
      options.onError?.(apiError);
    }
    if (next && !stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
