import { z } from 'zod';
import { ServiceTypeUrl } from './connect.js';

/**
 * regiekit's one format for data a party signs and a person carries to
 * someone else (my data, fetch into an application): an SD-JWT VC (IETF
 * SD-JWT VC; header `typ` `dc+sd-jwt`), issued by the party with its own key,
 * every top-level field selectively disclosable, with a status in the
 * server's Token Status List, and presented with a key-binding JWT.
 */
export const SIGNED_DATA_TYPE = 'dc+sd-jwt';

/** A day as YYYY-MM-DD. */
export const IsoDate = z.iso.date().meta({ id: 'IsoDate', example: '2026-09-01' });

/** The days a fetch covers, both included. */
export const FetchPeriod = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((period) => period.from <= period.to, 'from is on or before to')
  .meta({ id: 'FetchPeriod' });
export type FetchPeriod = z.infer<typeof FetchPeriod>;

/** An SD-JWT as it travels: `<jwt>~<disclosure>~…~` or, presented with key binding, `…~<kb-jwt>`. */
export const SdJwt = z
  .string()
  .max(8 * 1024 * 1024)
  .regex(
    /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+~([A-Za-z0-9_-]+~)*([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)?$/,
    'an SD-JWT (compact, ~-separated)',
  )
  .meta({ id: 'SdJwt' });

/** A public EC P-256 key as a JWK: the holder key a credential is bound to (`cnf.jwk`). */
export const PublicEcJwk = z
  .looseObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  })
  .refine((jwk) => !('d' in jwk), 'a public key (no "d")')
  .meta({ id: 'PublicEcJwk' });
export type PublicEcJwk = z.infer<typeof PublicEcJwk>;

/** The credential's entry in a Token Status List (`status.status_list`). */
export const StatusReference = z
  .object({ status_list: z.object({ idx: z.number().int().min(0), uri: z.url() }) })
  .meta({ id: 'StatusReference' });
export type StatusReference = z.infer<typeof StatusReference>;

/**
 * What the server asks a party to sign, with every data request of the
 * signed-data format: who issues (`iss`), which type (`vct`), where its
 * revocation is kept (`status`), and to whose key it is bound (`cnf`).
 */
export const CredentialTemplate = z
  .object({
    issuer: z.url().describe("The credential's `iss`: the party's issuer identifier on this server."),
    vct: ServiceTypeUrl.describe("The credential's `vct`: the service type it holds."),
    status: StatusReference.describe("The credential's `status`, as given."),
    holderKey: PublicEcJwk.optional().describe(
      "The credential's `cnf.jwk`, when it will be presented with key binding.",
    ),
    fields: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(50)
      .optional()
      .describe('Only these top-level fields may be in it (data minimisation); absent: every field of the schema.'),
    period: FetchPeriod.optional().describe('Only data of these days: every date in it (format date) lies within.'),
  })
  .meta({ id: 'CredentialTemplate' });
export type CredentialTemplate = z.infer<typeof CredentialTemplate>;

/** JWT VC Issuer Metadata (SD-JWT VC): where a verifier finds an issuer's keys, served by the regiekit server. */
export const IssuerMetadata = z
  .object({
    issuer: z.url(),
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }),
  })
  .meta({ id: 'IssuerMetadata' });
export type IssuerMetadata = z.infer<typeof IssuerMetadata>;

/** Where a party's issuer identifier lives on a server: `<server>/issuers/<tenant>/<party>`. */
export const issuerIdentifier = (serverUrl: string, tenantId: string, partyId: string) =>
  `${serverUrl.replace(/\/$/, '')}/issuers/${tenantId}/${partyId}`;

/** The metadata URL of an issuer identifier: `/.well-known/jwt-vc-issuer` between its host and its path. */
export function issuerMetadataUrl(issuer: string): string {
  const url = new URL(issuer);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.origin}/.well-known/jwt-vc-issuer${path}`;
}
