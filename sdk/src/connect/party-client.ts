import { SignJWT, type CryptoKey, type KeyObject } from 'jose';
import type {
  Catalogue,
  ConnectRequestCreated,
  ConnectTokenMinted,
  ConnectTokenRedeemed,
  ConsumerConnectionList,
  CreateConnectRequest,
  PartyEventPage,
  ProviderConnectionList,
  ServiceDescription,
  ServiceDescriptionInput,
  ServiceDescriptionList,
} from '../protocol/index.js';
import { globalFetch, requestJson, type FetchLike } from './http.js';

/** How a party proves who it is: its client secret, or a private key whose public half is in its registered JWKS. */
export type PartyCredential = { partyId: string; clientSecret: string } | { partyId: string; privateKey: CryptoKey | KeyObject; keyId: string; algorithm?: string };

export interface PartyClientOptions {
  /** Origin of the regiekit server, e.g. `https://regie.example.nl`. */
  server: string;
  tenant: string;
  credential: PartyCredential;
  fetch?: FetchLike;
}

const ASSERTION_LIFETIME_S = 60;

/**
 * The API of providers (creditors) and consumers (debt-help apps), for their
 * backends only: the credential must never reach a browser. Every call is
 * authenticated with HTTP Basic, or with a fresh `private_key_jwt` assertion.
 */
export class PartyClient {
  private readonly base: string;
  private readonly fetchImpl: FetchLike;

  constructor(private readonly options: PartyClientOptions) {
    this.base = `${options.server.replace(/\/$/, '')}/api/v1/${encodeURIComponent(options.tenant)}`;
    this.fetchImpl = options.fetch ?? globalFetch;
  }

  // --- providers ---

  /** A one-time QR token for your own customer reference; give connectUrl and statusToken to `<regie-connect-token>`. */
  mintConnectToken(customerRef: string): Promise<ConnectTokenMinted> {
    return this.call('POST', '/provider/connect-tokens', { customerRef });
  }

  /** Link flow: after your own login, bind the token to your customer; then send the browser to `returnUrl`. */
  redeemConnectToken(token: string, customerRef: string): Promise<ConnectTokenRedeemed> {
    return this.call('POST', '/provider/connect-tokens/redeem', { token, customerRef });
  }

  providerConnections(): Promise<ProviderConnectionList> {
    return this.call('GET', '/provider/connections');
  }

  endProviderConnection(connectionId: string): Promise<void> {
    return this.call('POST', `/provider/connections/${encodeURIComponent(connectionId)}/end`);
  }

  registerService(description: ServiceDescriptionInput): Promise<ServiceDescription> {
    return this.call('PUT', '/provider/services', description);
  }

  services(): Promise<ServiceDescriptionList> {
    return this.call('GET', '/provider/services');
  }

  // --- consumers ---

  catalogue(): Promise<Catalogue> {
    return this.call('GET', '/catalogue');
  }

  /** Link flow: send the user's browser to `startUrl` of the answer. */
  createConnectRequest(request: CreateConnectRequest): Promise<ConnectRequestCreated> {
    return this.call('POST', '/consumer/connect-requests', request);
  }

  userConnections(sub: string): Promise<ConsumerConnectionList> {
    return this.call('GET', `/consumer/users/${encodeURIComponent(sub)}/connections`);
  }

  endUserConnection(sub: string, connectionId: string): Promise<void> {
    return this.call('POST', `/consumer/users/${encodeURIComponent(sub)}/connections/${encodeURIComponent(connectionId)}/end`);
  }

  // --- both ---

  /** Your events after `cursor` (oldest first); pass the returned cursor next time. */
  events(cursor?: string, limit = 100): Promise<PartyEventPage> {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor && { after: cursor }) });
    return this.call('GET', `/events?${query}`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: await this.authorization() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return requestJson<T>(this.fetchImpl, `${this.base}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }), cache: 'no-store' });
  }

  private async authorization(): Promise<string> {
    const { credential } = this.options;
    if ('clientSecret' in credential) {
      const pair = `${encodeURIComponent(credential.partyId)}:${encodeURIComponent(credential.clientSecret)}`;
      return `Basic ${btoa(pair)}`;
    }
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: credential.algorithm ?? 'ES256', kid: credential.keyId })
      .setIssuer(credential.partyId)
      .setSubject(credential.partyId)
      .setAudience(this.base)
      .setIssuedAt()
      .setExpirationTime(`${ASSERTION_LIFETIME_S}s`)
      .setJti(crypto.randomUUID())
      .sign(credential.privateKey);
    return `Bearer ${assertion}`;
  }
}
