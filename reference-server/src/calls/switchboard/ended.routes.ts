import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CallEndedRequest, TenantId } from '@regiekit/sdk/protocol';
import { errorResponse, jsonBody } from '../../http/openapi-helpers.js';

export const callEndedRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/switchboard/ended',
  tags: ['Switchboard'],
  summary: "A phone call ended: the caller's data is deleted and leaves every console",
  security: [{ switchboardSecret: [] }],
  request: { params: z.object({ tenant: TenantId }), body: jsonBody(CallEndedRequest) },
  responses: {
    204: { description: 'Done (also when the call was unknown or already ended: platforms retry)' },
    400: errorResponse('The body does not match the contract'),
    401: errorResponse('Missing or wrong switchboard secret'),
  },
});
