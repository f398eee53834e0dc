import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CallCreated, CallStatus, CreateCallRequest, OpaqueId, TenantId } from '@regiekit/sdk/protocol';
import { errorResponse, json, jsonBody } from '../http/openapi-helpers.js';

const TenantParams = z.object({ tenant: TenantId });

export const createCallRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/calls',
  tags: ['Calls'],
  summary: 'Start an identified call: a Yivi disclosure session and a DTMF code',
  request: { params: TenantParams, body: jsonBody(CreateCallRequest) },
  responses: {
    200: json(
      CallCreated,
      'The session pointer for the QR code and a token to follow the call (200, like the IRMA server, so the official Yivi client can start it)',
    ),
    400: errorResponse('The body does not match the contract'),
    404: errorResponse('Unknown tenant or purpose'),
    502: errorResponse('The Yivi server is unavailable'),
  },
});

export const cancelCallRoute = createRoute({
  method: 'delete',
  path: '/api/v1/{tenant}/calls/{callId}',
  tags: ['Calls'],
  summary:
    'Stop a call session before disclosure (dialog closed, page left): the Yivi session is cancelled and no wallet can answer it',
  security: [{ callToken: [] }],
  request: { params: TenantParams.extend({ callId: OpaqueId }) },
  responses: {
    204: { description: 'Cancelled, or already over (a disclosed call is left alone: the citizen may be calling)' },
    404: errorResponse('Unknown call, or the token does not match'),
  },
});

export const getCallRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/calls/{callId}',
  tags: ['Calls'],
  summary: 'Follow a call session; after disclosure it holds the number and the code',
  security: [{ callToken: [] }],
  request: { params: TenantParams.extend({ callId: OpaqueId }) },
  responses: {
    200: json(CallStatus, 'Where the call session stands'),
    404: errorResponse('Unknown call, or the token does not match'),
    502: errorResponse('The Yivi server is unavailable'),
  },
});
