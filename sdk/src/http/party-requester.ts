import { SignJWT, type CryptoKey, type KeyObject } from 'jose';
import { globalFetch, requestJson, tenantApiUrl, type FetchLike } from './request.js';

/** How a party proves who it is: its client secret, or a private key whose public half is in its registered JWKS. */
export type PartyCredential =
  | { partyId: string; clientSecret: string }
  | { partyId: string; privateKey: CryptoKey | KeyObject; keyId: string; algorithm?: string };

export interface PartyClientOptions {
  /** Origin of the regiekit server, e.g. `https://regie.example.nl`. */
  server: string;
  tenant: string;
  credential: PartyCredential;
  fetch?: FetchLike;
}

const ASSERTION_LIFETIME_S = 60;

/**
 * Authenticated JSON requests of a provider or consumer backend: HTTP Basic
 * with the client secret, or a fresh `private_key_jwt` assertion per call.
 * The credential must never reach a browser.
 */
export class PartyRequester {
  readonly base: string;
  readonly fetchImpl: FetchLike;

  constructor(private readonly options: PartyClientOptions) {
    this.base = tenantApiUrl(options.server, options.tenant);
    this.fetchImpl = options.fetch ?? globalFetch;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: await this.authorization() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return requestJson<T>(this.fetchImpl, `${this.base}${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
      cache: 'no-store',
    });
  }

  /** An unauthenticated GET (public documents such as a provider's JWKS). */
  get<T>(path: string): Promise<T> {
    return requestJson<T>(this.fetchImpl, `${this.base}${path}`, { method: 'GET' });
  }

  private async authorization(): Promise<string> {
    const { credential } = this.options;
    if ('clientSecret' in credential)
      return `Basic ${btoa(`${encodeURIComponent(credential.partyId)}:${encodeURIComponent(credential.clientSecret)}`)}`;
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
