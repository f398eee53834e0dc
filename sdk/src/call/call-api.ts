import { globalFetch, jsonPost, requestJson, tenantApiUrl, type FetchLike } from '../http/index.js';
import type { CallCreated, CallStatus } from '../protocol/index.js';

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
  private readonly fetchImpl: FetchLike;

  constructor(options: CallApiOptions) {
    this.base = tenantApiUrl(options.server, options.tenant);
    this.fetchImpl = options.fetch ?? globalFetch;
  }

  createCall(purpose: string): Promise<CallCreated> {
    return this.request<CallCreated>('/calls', jsonPost({ purpose }));
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

  private request<T>(path: string, init: RequestInit): Promise<T> {
    return requestJson<T>(this.fetchImpl, `${this.base}${path}`, { ...init, credentials: 'omit' });
  }
}
