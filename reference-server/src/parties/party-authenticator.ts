import { decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { localKeySet } from '@regiekit/sdk/signed-data';
import { createHash } from 'node:crypto';
import { secretsEqual } from '../crypto/constant-time.js';
import type { Clock } from '../shared/clock.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Party, PartyDirectory } from './party-directory.js';

/** What a request offers as proof of the party: the HTTP header and, for OAuth endpoints, form fields. */
export interface PartyCredentials {
  authorization?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  clientAssertionType?: string | undefined;
  clientAssertion?: string | undefined;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const MAX_ASSERTION_AGE_S = 300;

export const hashPartySecret = (secret: string) => `sha256:${createHash('sha256').update(secret).digest('base64url')}`;

/**
 * Authenticates providers and consumers, the ways OAuth clients do it:
 * `client_secret_basic` / `client_secret_post` against a stored SHA-256 hash
 * (secrets are long random strings, so a slow hash buys nothing), or
 * `private_key_jwt` (RFC 7523) signed with a key from the party's JWKS. An
 * assertion is accepted once (its `jti` is remembered until it expires).
 */
export class PartyAuthenticator {
  constructor(
    private readonly clock: Clock,
    private readonly directoryOf: (tenant: TenantContext) => PartyDirectory,
  ) {}

  /** The authenticated party, or undefined: callers answer every failure with the same 401. */
  async authenticate(
    tenant: TenantContext,
    credentials: PartyCredentials,
    audiences: string[],
  ): Promise<Party | undefined> {
    const directory = this.directoryOf(tenant);
    const header = credentials.authorization ?? '';
    if (header.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 1) return undefined;
      // RFC 6749 2.3.1: both parts are form-urlencoded before they are joined.
      return this.bySecret(directory, safeDecode(decoded.slice(0, colon)), safeDecode(decoded.slice(colon + 1)));
    }
    if (header.startsWith('Bearer ')) return this.byAssertion(tenant, header.slice(7), audiences);
    if (credentials.clientAssertionType === JWT_BEARER && credentials.clientAssertion) {
      const party = await this.byAssertion(tenant, credentials.clientAssertion, audiences);
      return party && (!credentials.clientId || credentials.clientId === party.id) ? party : undefined;
    }
    if (credentials.clientId && credentials.clientSecret)
      return this.bySecret(directory, credentials.clientId, credentials.clientSecret);
    return undefined;
  }

  private bySecret(directory: PartyDirectory, id: string | undefined, secret: string | undefined): Party | undefined {
    const party = id ? directory.get(id) : undefined;
    // Hash even for an unknown id, so the answer takes as long either way.
    const given = hashPartySecret(secret ?? '');
    if (!party || party.config.credential.type !== 'client_secret') return undefined;
    return secretsEqual(given, party.config.credential.secretHash) ? party : undefined;
  }

  private async byAssertion(tenant: TenantContext, jwt: string, audiences: string[]): Promise<Party | undefined> {
    const directory = this.directoryOf(tenant);
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(jwt).iss;
    } catch {
      return undefined;
    }
    const party = issuer ? directory.get(issuer) : undefined;
    if (!party || party.config.credential.type !== 'private_key_jwt') return undefined;
    let payload;
    try {
      ({ payload } = await jwtVerify(jwt, localKeySet(party.config.credential.jwks as unknown as JSONWebKeySet), {
        issuer: party.id,
        subject: party.id,
        audience: audiences,
        maxTokenAge: MAX_ASSERTION_AGE_S,
        requiredClaims: ['jti', 'exp', 'iat'],
        currentDate: new Date(this.clock.now()),
      }));
    } catch {
      return undefined;
    }
    // Outside the try: a store that does not answer is a 503, not a wrong credential. The id is kept
    // in the tenant's store until the assertion expires: a replay fails on every instance, after restarts too.
    const firstUse = await tenant.store.onceIds.firstUse(
      `${party.id}/${String(payload.jti)}`,
      (payload.exp ?? 0) * 1000,
      this.clock.now(),
    );
    return firstUse ? party : undefined;
  }
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
