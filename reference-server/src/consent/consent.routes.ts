import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  ConsentRequested,
  ConsentStatus,
  ConsumerConsent,
  CreateConsentRequest,
  OpaqueId,
  PartyId,
  ReuseRequest,
  ReuseResult,
  TenantId,
  UserConsentList,
} from '@regiekit/sdk/protocol';
import { errorResponse, json, jsonBody } from '../http/openapi-helpers.js';
import { partySecurity } from '../parties/party-guard.js';

const TenantParams = z.object({ tenant: TenantId });
const ConsentParams = TenantParams.extend({ consentId: OpaqueId });
const party = partySecurity;
const unauthorized = errorResponse('Missing or wrong party credential');
const Jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).meta({ id: 'Jwks' });

export const createConsentRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/consumer/consents',
  tags: ['Consent (consumers)'],
  summary: 'Register a consent request; open startUrl with <regie-consent-dialog>',
  security: party,
  request: { params: TenantParams, body: jsonBody(CreateConsentRequest) },
  responses: {
    201: json(ConsentRequested, 'Registered'),
    400: errorResponse('Invalid request (fields outside the schema, unknown provider, term...)'),
    401: unauthorized,
    404: errorResponse('Unknown user'),
  },
});

export const consumerConsentRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/consumer/consents/{consentId}',
  tags: ['Consent (consumers)'],
  summary: 'Your consent: state, data references and the signed receipt',
  security: party,
  request: { params: ConsentParams },
  responses: {
    200: json(ConsumerConsent, 'The consent'),
    401: unauthorized,
    404: errorResponse('Unknown, or not yours'),
  },
});

export const consumerRevokeRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/consumer/consents/{consentId}/revoke',
  tags: ['Consent (consumers)'],
  summary: 'Revoke your own consent; its references stop working at once',
  security: party,
  request: { params: ConsentParams },
  responses: {
    204: { description: 'Revoked (or already ended)' },
    401: unauthorized,
    404: errorResponse('Unknown, or not yours'),
  },
});

export const reuseRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/consumer/references/{referenceId}',
  tags: ['Consent (consumers)'],
  summary: "Reuse: call a data reference; the provider's signed payload comes back unchanged",
  security: party,
  request: {
    params: TenantParams.extend({ referenceId: OpaqueId }),
    body: { required: false, content: { 'application/json': { schema: ReuseRequest } } },
  },
  responses: {
    200: json(ReuseResult, 'The payload, a compact JWS by the provider'),
    401: unauthorized,
    403: errorResponse('The consent is not active (consent_not_active: revoked, expired, used, ...)'),
    404: errorResponse('Unknown reference, or not yours'),
    502: errorResponse('The provider failed or answered garbage'),
    504: errorResponse('The provider did not answer in time'),
  },
});

export const consentStatusRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/consents/{consentId}',
  tags: ['Consent (consumer page)'],
  summary: "Follow a consent request from the consumer's page (Bearer: the statusToken)",
  security: [{ statusToken: [] }],
  request: { params: ConsentParams },
  responses: { 200: json(ConsentStatus, 'The state'), 404: errorResponse('Unknown, or wrong status token') },
});

export const userConsentsRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/account/consents',
  tags: ['Regie account (server origin only)'],
  summary: 'Your consents, with their use logs',
  security: [{ userSession: [] }],
  request: { params: TenantParams },
  responses: { 200: json(UserConsentList, 'Consents'), 401: errorResponse('Not signed in') },
});

export const userRevokeRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/account/consents/{consentId}/revoke',
  tags: ['Regie account (server origin only)'],
  summary: 'Revoke a consent (after a fresh passkey confirmation)',
  security: [{ userSession: [] }],
  request: { params: ConsentParams },
  responses: {
    204: { description: 'Revoked' },
    401: errorResponse('No fresh passkey confirmation (passkey_required)'),
    404: errorResponse('Unknown, or not yours'),
  },
});

export const receiptRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/account/consents/{consentId}/receipt',
  tags: ['Regie account (server origin only)'],
  summary: 'Download the signed consent receipt (compact JWS; verify with /.well-known/jwks.json)',
  security: [{ userSession: [] }],
  request: { params: ConsentParams },
  responses: {
    200: { description: 'The receipt', content: { 'application/jose': { schema: z.string() } } },
    401: errorResponse('Not signed in'),
    404: errorResponse('Unknown, or not yours'),
  },
});

export const serverJwksRoute = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  tags: ['Keys'],
  summary: "The server's public keys: consent receipts and its requests to providers are signed with them",
  responses: { 200: json(Jwks, 'JWKS') },
});

export const providerJwksRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/providers/{providerId}/jwks.json',
  tags: ['Keys'],
  summary: 'The keys a provider signs its payloads with, as registered',
  request: { params: TenantParams.extend({ providerId: PartyId }) },
  responses: { 200: json(Jwks, 'JWKS'), 404: errorResponse('Unknown provider, or no keys registered') },
});
