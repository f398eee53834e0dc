import type { CallCreated, CallStatus, ErrorBody } from '../protocol/index.js';

/** A failed API call, with the stable error code from the server when there is one. */
export class RegieApiError extends Error {
  override name = 'RegieApiError';
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** What the server said per field or reason (e.g. `state: revoked` for a refused reuse). */
    readonly details: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/**
 * A request that never got an answer. Offline, that is the citizen's connection
 * (`network`); online, the page itself may not reach the server, e.g. a
 * Content-Security-Policy without it in `connect-src`, so it is `unreachable`.
 */
export function unreachableError(): RegieApiError {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return offline
    ? new RegieApiError(0, 'network', 'The server could not be reached: this device is offline.')
    : new RegieApiError(0, 'unreachable', 'The server could not be reached from this page.');
}

export interface CallApiOptions {
  /** Origin (and optional base path) of the regiekit server, e.g. `https://bellen.nijmegen.nl`. */
  server: string;
  tenant: string;
  fetch?: typeof fetch;
}

/**
 * Thin typed client for the citizen side of the call API. Types come from the
 * wire contract in `protocol/`; the schemas themselves stay on the server so
 * the browser bundle does not carry a validation library.
 */
export class CallApi {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: CallApiOptions) {
    this.base = `${options.server.replace(/\/$/, '')}/api/v1/${encodeURIComponent(options.tenant)}`;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  createCall(purpose: string): Promise<CallCreated> {
    return this.request<CallCreated>('/calls', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ purpose }),
    });
  }

  callStatus(callId: string, callToken: string): Promise<CallStatus> {
    return this.request<CallStatus>(`/calls/${encodeURIComponent(callId)}`, {
      headers: { Authorization: `Bearer ${callToken}` },
      cache: 'no-store',
    });
  }

  /**
   * Ends a call that was not disclosed (the citizen stopped): the server ends
   * it and cancels its Yivi session. `keepalive` lets it outlive a page that is
   * being left; a failure is not worth telling anyone about.
   */
  cancelCall(callId: string, callToken: string): Promise<void> {
    return this.fetchImpl(`${this.base}/calls/${encodeURIComponent(callId)}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${callToken}` },
      keepalive: true,
      credentials: 'omit',
    }).then(
      () => undefined,
      () => undefined,
    );
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}${path}`, { ...init, credentials: 'omit' });
    } catch {
      throw unreachableError();
    }
    if (response.ok) return (await response.json()) as T;
    const body = (await response.json().catch(() => null)) as ErrorBody | null;
    throw new RegieApiError(
      response.status,
      body?.error.code ?? 'unknown',
      body?.error.message ?? response.statusText,
      body?.error.details,
    );
  }
}
