import { createRoute, z } from '@hono/zod-openapi';
import { IssuerMetadata, PartyId, TenantId } from '@regiekit/sdk/protocol';
import { errorResponse, json } from '../http/openapi-helpers.js';

const params = z.object({ tenant: TenantId, party: PartyId });

export const issuerMetadataRoute = createRoute({
  method: 'get',
  path: '/.well-known/jwt-vc-issuer/issuers/{tenant}/{party}',
  tags: ['Signed data'],
  summary: "A party's JWT VC Issuer Metadata: the keys its SD-JWT VCs are signed with",
  description:
    'The issuer identifier is `<server>/issuers/<tenant>/<party>`; as SD-JWT VC places it, the metadata lives at `/.well-known/jwt-vc-issuer` followed by that path. Public, cacheable, and open to any origin.',
  request: { params },
  responses: {
    200: json(IssuerMetadata, 'The issuer and its keys'),
    404: errorResponse('No such tenant, party, or the party signs nothing'),
  },
});

export const statusListRoute = createRoute({
  method: 'get',
  path: '/status-lists/{tenant}/{party}',
  tags: ['Signed data'],
  summary: "A party's Token Status List: which of its credentials are revoked",
  description:
    "A `statuslist+jwt` (Token Status List draft) signed with the server's key (see `/.well-known/jwks.json`): `sub` is this URL, `status_list` has `bits` 1 and `lst` (zlib-deflated, base64url); bit 1 means revoked, for example after a correction replaced the data. Public, open to any origin; `ttl` says how long it may be kept.",
  request: { params },
  responses: {
    200: {
      description: 'The signed status list',
      content: { 'application/statuslist+jwt': { schema: z.string() } },
    },
    404: errorResponse('No such tenant or party'),
  },
});
