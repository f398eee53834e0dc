import type { MiddlewareHandler } from 'hono';
import { ApiError, notFound } from '../http/api-error.js';
import type { EnvWith } from '../http/app-env.js';
import type { PartyAuthenticator } from './party-authenticator.js';
import type { Party } from './party-directory.js';

/** The context of party routes: the authenticated provider or consumer. */
export type PartyEnv = EnvWith<{ party: Party }>;

export interface PartyGuardOptions {
  publicUrl: string;
  authenticator: PartyAuthenticator;
}

/**
 * Every party call is authenticated (client secret or private_key_jwt with
 * this tenant's API as audience). A party of another tenant is simply unknown
 * here: its credential fails like a wrong one. Runs once per request, in
 * front of the party API of every wing (an assertion is accepted once).
 */
export function requireParty(options: PartyGuardOptions, kind?: Party['kind']): MiddlewareHandler<PartyEnv> {
  return async (c, next) => {
    const tenant = c.get('tenant');
    const audience = `${options.publicUrl}/api/v1/${tenant.settings.id}`;
    const party = await options.authenticator.authenticate(tenant, { authorization: c.req.header('Authorization') }, [
      audience,
    ]);
    if (!party) {
      c.header('WWW-Authenticate', 'Basic realm="regiekit"');
      throw new ApiError(401, 'unauthorized', 'Authenticate as a registered provider or consumer.');
    }
    // Paths of the other kind of party do not exist for you.
    if (kind && party.kind !== kind) throw notFound('resource');
    c.set('party', party);
    await next();
  };
}

/** Provider and consumer calls: a client secret (HTTP Basic) or a private_key_jwt assertion. */
export const partySecurity: Record<string, string[]>[] = [{ partyClientSecret: [] }, { partyPrivateKeyJwt: [] }];

/** How `partySecurity` is described in the OpenAPI document. */
export const PARTY_SECURITY_SCHEMES = {
  partyClientSecret: { type: 'http', scheme: 'basic', description: 'Provider or consumer: party id and client secret' },
  partyPrivateKeyJwt: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'Provider or consumer: a JWT signed with a key of your JWKS (iss = sub = party id, aud = <server>/api/v1/<tenant>, jti, exp at most 5 minutes)',
  },
} as const;

/** The bearer token a party hands to a browser page so it can follow one thing it started, and nothing else. */
export const STATUS_TOKEN_SCHEME = {
  statusToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The statusToken of a minted QR connect token or of a consent request',
  },
} as const;
