import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  Catalogue,
  ConfirmConnectTokenRequest,
  ConnectRequestCreated,
  ConnectTokenMinted,
  ConnectTokenRedeemed,
  ConnectTokenStatus,
  ConsumerConnectionList,
  CreateConnectRequest,
  MintConnectTokenRequest,
  OpaqueId,
  PartyEventPage,
  ProviderConnectionList,
  Pseudonym,
  RedeemConnectTokenRequest,
  ServiceDescription,
  ServiceDescriptionInput,
  ServiceDescriptionList,
  TenantId,
} from '@regiekit/sdk/protocol';
import { errorResponse, json, jsonBody } from '../http/openapi-helpers.js';
import { partySecurity } from '../parties/party-guard.js';

const TenantParams = z.object({ tenant: TenantId });
const party = partySecurity;
const unauthorized = errorResponse('Missing or wrong party credential');

export const mintConnectTokenRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/provider/connect-tokens',
  tags: ['Connect (providers)'],
  summary: 'Mint a one-time connect token for your own customer (QR in your portal)',
  security: party,
  request: { params: TenantParams, body: jsonBody(MintConnectTokenRequest) },
  responses: {
    201: json(ConnectTokenMinted, 'Give connectUrl and statusToken to <regie-connect-token>'),
    400: errorResponse('Bad body'),
    401: unauthorized,
  },
});

export const redeemConnectTokenRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/provider/connect-tokens/redeem',
  tags: ['Connect (providers)'],
  summary: 'Redeem a link token after your own login; then send the user to returnUrl',
  security: party,
  request: { params: TenantParams, body: jsonBody(RedeemConnectTokenRequest) },
  responses: {
    200: json(ConnectTokenRedeemed, 'Redeemed'),
    401: unauthorized,
    404: errorResponse('Unknown token, or a token of another provider'),
    409: errorResponse('Already used (token_used)'),
    410: errorResponse('Expired (token_expired)'),
    429: errorResponse('Too many bad tokens'),
  },
});

export const providerConnectionsRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/provider/connections',
  tags: ['Connect (providers)'],
  summary: 'Your connections, by your pseudonym, with the customer reference you supplied',
  security: party,
  request: { params: TenantParams },
  responses: { 200: json(ProviderConnectionList, 'Connections'), 401: unauthorized },
});

export const providerEndConnectionRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/provider/connections/{connectionId}/end',
  tags: ['Connect (providers)'],
  summary: 'End a connection (the user and consumers receive an event)',
  security: party,
  request: { params: TenantParams.extend({ connectionId: Pseudonym }) },
  responses: { 204: { description: 'Ended' }, 401: unauthorized, 404: errorResponse('No such connection of yours') },
});

export const registerServiceRoute = createRoute({
  method: 'put',
  path: '/api/v1/{tenant}/provider/services',
  tags: ['Service catalogue'],
  summary: 'Register or change a service description (a change is a new version)',
  security: party,
  request: { params: TenantParams, body: jsonBody(ServiceDescriptionInput) },
  responses: {
    200: json(ServiceDescription, 'The version in force'),
    400: errorResponse('Invalid schema, labels or endpoint'),
    401: unauthorized,
  },
});

export const listOwnServicesRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/provider/services',
  tags: ['Service catalogue'],
  summary: 'Your service descriptions (latest versions)',
  security: party,
  request: { params: TenantParams },
  responses: { 200: json(ServiceDescriptionList, 'Services'), 401: unauthorized },
});

export const catalogueRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/catalogue',
  tags: ['Service catalogue'],
  summary: 'The providers of this tenant and the services each offers',
  security: party,
  request: { params: TenantParams },
  responses: { 200: json(Catalogue, 'The catalogue'), 401: unauthorized },
});

export const createConnectRequestRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/consumer/connect-requests',
  tags: ['Connect (consumers)'],
  summary: 'Ask to connect your user to a provider (link flow); send the browser to startUrl',
  security: party,
  request: { params: TenantParams, body: jsonBody(CreateConnectRequest) },
  responses: {
    201: json(ConnectRequestCreated, 'Created'),
    400: errorResponse('Bad body, or returnUrl not registered'),
    401: unauthorized,
    404: errorResponse('Unknown provider or user'),
  },
});

export const consumerConnectionsRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/consumer/users/{sub}/connections',
  tags: ['Connect (consumers)'],
  summary: "Your user's connections: provider and your own pseudonym of each, nothing else",
  security: party,
  request: { params: TenantParams.extend({ sub: Pseudonym }) },
  responses: {
    200: json(ConsumerConnectionList, 'Connections'),
    401: unauthorized,
    404: errorResponse('Unknown user'),
  },
});

export const consumerEndConnectionRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/consumer/users/{sub}/connections/{connectionId}/end',
  tags: ['Connect (consumers)'],
  summary: "End one of your user's connections",
  security: party,
  request: { params: TenantParams.extend({ sub: Pseudonym, connectionId: Pseudonym }) },
  responses: { 204: { description: 'Ended' }, 401: unauthorized, 404: errorResponse('Unknown user or connection') },
});

export const partyEventsRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/events',
  tags: ['Connect (providers)', 'Connect (consumers)'],
  summary: 'Your events, oldest first, after a cursor',
  security: party,
  request: {
    params: TenantParams,
    query: z.object({
      after: z
        .string()
        .regex(/^[0-9]{1,15}$/)
        .optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: { 200: json(PartyEventPage, 'Events'), 401: unauthorized },
});

const PortalParams = TenantParams.extend({ tokenId: OpaqueId });

export const connectTokenStatusRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/connect-tokens/{tokenId}',
  tags: ['Connect (portal browser)'],
  summary: 'Follow a QR token (Bearer: the statusToken)',
  security: [{ statusToken: [] }],
  request: { params: PortalParams },
  responses: { 200: json(ConnectTokenStatus, 'Status'), 404: errorResponse('Unknown token or wrong status token') },
});

export const confirmConnectTokenRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/connect-tokens/{tokenId}/confirm',
  tags: ['Connect (portal browser)'],
  summary: "Type the code the user's phone shows; a match makes the connection",
  security: [{ statusToken: [] }],
  request: { params: PortalParams, body: jsonBody(ConfirmConnectTokenRequest) },
  responses: {
    200: json(ConnectTokenStatus, 'Connected'),
    400: errorResponse('Wrong code (wrong_confirmation_code), attempts left in details'),
    404: errorResponse('Unknown token or wrong status token'),
    409: errorResponse('Not scanned yet, or finished'),
    410: errorResponse('Expired'),
  },
});
