import type { JSONWebKeySet } from 'jose';
import { IssuerMetadata, issuerMetadataUrl } from '../protocol/signed-data.js';

/**
 * Where a verifier finds the keys it checks signed data with, cached for a
 * while: an issuer's keys from its JWT VC Issuer Metadata (SD-JWT VC), and a
 * status list's signing keys from the JWKS of the server that publishes it.
 * Resolving the issuer's key is the step most SD-JWT libraries leave to
 * their users; this does it the way the spec says.
 */
export class IssuerKeys {
  private readonly cache = new Map<string, { keys: Promise<JSONWebKeySet>; until: number }>();

  constructor(
    private readonly fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
    private readonly cacheMs = 10 * 60 * 1000,
  ) {}

  /** The keys of `issuer`, from `/.well-known/jwt-vc-issuer/…`; the metadata must name the same issuer. */
  ofIssuer(issuer: string): Promise<JSONWebKeySet> {
    return this.cached(`issuer ${issuer}`, async () => {
      const metadata = IssuerMetadata.parse(await this.json(issuerMetadataUrl(issuer)));
      if (metadata.issuer !== issuer) throw new Error('the issuer metadata names another issuer');
      return metadata.jwks as JSONWebKeySet;
    });
  }

  /** The keys a server signs its status lists with: its JWKS at `/.well-known/jwks.json`. */
  ofStatusIssuer(origin: string): Promise<JSONWebKeySet> {
    return this.cached(
      `status ${origin}`,
      async () => (await this.json(`${origin}/.well-known/jwks.json`)) as JSONWebKeySet,
    );
  }

  /** The status list token at `uri`, as text. */
  async statusList(uri: string): Promise<string> {
    const response = await this.fetchImpl(uri, {
      headers: { Accept: 'application/statuslist+jwt' },
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`the status list answered HTTP ${response.status}`);
    return (await response.text()).trim();
  }

  private async cached(key: string, load: () => Promise<JSONWebKeySet>): Promise<JSONWebKeySet> {
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.keys;
    const keys = load();
    this.cache.set(key, { keys, until: Date.now() + this.cacheMs });
    // A failed lookup is not remembered: the next verification tries again.
    keys.catch(() => this.cache.delete(key));
    return keys;
  }

  private async json(url: string): Promise<unknown> {
    const response = await this.fetchImpl(url, {
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    return response.json();
  }
}
