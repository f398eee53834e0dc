import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ResolveCodeRequest, ResolveCodeResponse, TenantId } from '@regiekit/sdk/protocol';
import { errorResponse, json, jsonBody } from '../../http/openapi-helpers.js';

export const resolveCodeRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/switchboard/resolve',
  tags: ['Switchboard'],
  summary: 'Resolve the DTMF code a caller typed to the call session it belongs to (once)',
  security: [{ switchboardSecret: [] }],
  request: { params: z.object({ tenant: TenantId }), body: jsonBody(ResolveCodeRequest) },
  responses: {
    200: json(ResolveCodeResponse, 'The code was live and is now bound to this phone call'),
    400: errorResponse('The body does not match the contract'),
    401: errorResponse('Missing or wrong switchboard secret'),
    404: errorResponse('Unknown, spent, expired or undisclosed code (indistinguishable on purpose)'),
    429: errorResponse('Too many attempts for this phone call, caller or tenant'),
  },
});
