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
import { PartyRequester, type PartyClientOptions } from '../http/party-requester.js';

/**
 * The API of providers (creditors) and consumers (debt-help apps), for their
 * backends only: the credential must never reach a browser. Every call is
 * authenticated with HTTP Basic, or with a fresh `private_key_jwt` assertion.
 */
export class PartyClient {
  private readonly requester: PartyRequester;

  constructor(options: PartyClientOptions) {
    this.requester = new PartyRequester(options);
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
    return this.call(
      'POST',
      `/consumer/users/${encodeURIComponent(sub)}/connections/${encodeURIComponent(connectionId)}/end`,
    );
  }

  // --- both ---

  /** Your events after `cursor` (oldest first); pass the returned cursor next time. */
  events(cursor?: string, limit = 100): Promise<PartyEventPage> {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor && { after: cursor }) });
    return this.call('GET', `/events?${query}`);
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.requester.call<T>(method, path, body);
  }
}
