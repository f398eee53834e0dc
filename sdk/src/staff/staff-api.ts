import type {
  VoiceToken,
  AgentSummary,
  AuditEntry,
  CreateAgentRequest,
  SessionInfo,
  TemporaryPassword,
  TenantList,
} from '../protocol/index.js';
import { globalFetch, RegieApiError, requestJson, tenantApiUrl, type FetchLike } from '../http/index.js';

export interface StaffApiOptions {
  /** Origin of the regiekit server; the page itself when empty. */
  server: string;
  tenant: string;
  fetch?: typeof fetch;
}

/**
 * The staff side of the API: sign-in, the agent console's actions and the
 * admin's account management. The session is an HttpOnly cookie; this client
 * keeps the CSRF token that every write must echo.
 */
export class StaffApi {
  private csrfToken = '';
  private readonly fetchImpl: FetchLike;
  readonly base: string;

  constructor(readonly options: StaffApiOptions) {
    this.base = tenantApiUrl(options.server, options.tenant);
    this.fetchImpl = options.fetch ?? globalFetch;
  }

  static tenants(server: string, fetchImpl: FetchLike = globalFetch): Promise<TenantList> {
    return requestJson<TenantList>(fetchImpl, `${server.replace(/\/$/, '')}/api/tenants`, { credentials: 'include' });
  }

  /** The current session, or null when nobody is signed in. */
  async session(): Promise<SessionInfo | null> {
    try {
      return this.remember(await this.request<SessionInfo>('GET', '/auth/session'));
    } catch (error) {
      if (error instanceof RegieApiError && error.status === 401) return null;
      throw error;
    }
  }

  async login(username: string, password: string): Promise<SessionInfo> {
    return this.remember(await this.request<SessionInfo>('POST', '/auth/login', { username, password }));
  }

  async logout(): Promise<void> {
    await this.request('POST', '/auth/logout');
    this.csrfToken = '';
  }

  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    return this.request('POST', '/auth/password', { currentPassword, newPassword });
  }

  /** The URL of the live feed (Server-Sent Events). */
  get eventsUrl(): string {
    return `${this.base}/console/events`;
  }

  take(callId: string): Promise<void> {
    return this.request('POST', `/console/calls/${encodeURIComponent(callId)}/take`);
  }

  end(callId: string): Promise<void> {
    return this.request('POST', `/console/calls/${encodeURIComponent(callId)}/end`);
  }

  async revealBsn(callId: string): Promise<string> {
    return (await this.request<{ bsn: string }>('POST', `/console/calls/${encodeURIComponent(callId)}/bsn`)).bsn;
  }

  /** Where the external link of a call goes through (the server redirects and records it). */
  linkUrl(callId: string): string {
    return `${this.base}/console/calls/${encodeURIComponent(callId)}/link`;
  }

  async agents(): Promise<AgentSummary[]> {
    return (await this.request<{ agents: AgentSummary[] }>('GET', '/admin/agents')).agents;
  }

  createAgent(request: CreateAgentRequest): Promise<AgentSummary> {
    return this.request('POST', '/admin/agents', request);
  }

  deleteAgent(agentId: string): Promise<void> {
    return this.request('DELETE', `/admin/agents/${encodeURIComponent(agentId)}`);
  }

  resetPassword(agentId: string): Promise<TemporaryPassword> {
    return this.request('POST', `/admin/agents/${encodeURIComponent(agentId)}/password-reset`);
  }

  /** A Voice SDK token for this agent's softphone, or null when the tenant's calls do not ring in the browser. */
  async voiceToken(): Promise<VoiceToken | null> {
    try {
      // 204: the tenant's calls do not ring in the browser.
      return (await this.request<VoiceToken | undefined>('GET', '/console/voice-token')) ?? null;
    } catch (error) {
      if (error instanceof RegieApiError && error.status === 404) return null;
      throw error;
    }
  }

  async audit(before?: number): Promise<AuditEntry[]> {
    return (await this.request<{ entries: AuditEntry[] }>('GET', `/admin/audit${before ? `?before=${before}` : ''}`))
      .entries;
  }

  private remember(info: SessionInfo): SessionInfo {
    this.csrfToken = info.csrfToken;
    return info;
  }

  private request<T = void>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    return requestJson<T>(this.fetchImpl, `${this.base}${path}`, {
      method,
      headers,
      credentials: 'include',
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  }
}
