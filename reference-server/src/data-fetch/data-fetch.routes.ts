import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  CreateFetchRequest,
  FetchedData,
  FetchIdentified,
  FetchIdentifiedRequest,
  FetchRequested,
  FetchResultRequest,
  FetchStatus,
  FetchToIdentify,
  OpaqueId,
  RedeemFetchTokenRequest,
  TenantId,
} from '@regiekit/sdk/protocol';
import { errorResponse, json, jsonBody } from '../http/openapi-helpers.js';
import { partySecurity } from '../parties/party-guard.js';

const tenant = z.object({ tenant: TenantId });
const fetch = tenant.extend({ fetchId: OpaqueId });
const unauthorized = errorResponse('Missing or wrong party credential');
const form = { tags: ['Fetch into an application (forms)'], security: partySecurity };
const source = { tags: ['Fetch into an application (sources)'], security: partySecurity };

// --- The form's backend ---

export const createFetchRoute = createRoute({
  ...form,
  method: 'post',
  path: '/api/v1/{tenant}/consumer/fetches',
  summary: "Ask to fetch an applicant's own data from a source into one application",
  description:
    'Only when the applicant chose to fetch: the other choice (adding proof themselves) is never told to the server. Give <regie-data-fetch> the answer; keep applicationRef in your backend.',
  request: {
    params: tenant,
    query: z.object({ lang: z.enum(['nl', 'en']).optional() }),
    body: jsonBody(CreateFetchRequest),
  },
  responses: {
    201: json(FetchRequested, 'Open startUrl for the applicant; follow statusUrl with statusToken'),
    400: errorResponse('Bad body: fields outside the schema, more than three months back, not a source'),
    401: unauthorized,
  },
});

export const fetchResultRoute = createRoute({
  ...form,
  method: 'post',
  path: '/api/v1/{tenant}/consumer/fetches/{fetchId}/result',
  summary: 'Take what the applicant added, once, for the application you asked for, with your own nonce',
  request: { params: fetch, body: jsonBody(FetchResultRequest) },
  responses: {
    200: json(FetchedData, 'A presentation bound to you and your nonce; verify it before use'),
    400: errorResponse('Bad body'),
    401: unauthorized,
    403: errorResponse('Asked for another application, or the consent was revoked'),
    404: errorResponse('Unknown, or not yours'),
    409: errorResponse('Not added (yet), or taken already'),
  },
});

export const fetchStatusRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/fetches/{fetchId}',
  tags: ["Fetch into an application (the form's page)"],
  summary: "Follow a fetch from the form's page (Bearer: the statusToken): its state, never its data",
  security: [{ statusToken: [] }],
  request: { params: fetch },
  responses: { 200: json(FetchStatus, 'The state'), 404: errorResponse('Unknown, or wrong status token') },
});

// --- The source's backend ---

export const redeemFetchTokenRoute = createRoute({
  ...source,
  method: 'post',
  path: '/api/v1/{tenant}/provider/fetches/redeem',
  summary: 'What is asked of you for the applicant your identify page received `?fetch=<token>` for',
  request: { params: tenant, body: jsonBody(RedeemFetchTokenRequest) },
  responses: {
    200: json(FetchToIdentify, 'Who asks, for what, which fields of which days'),
    401: unauthorized,
    404: errorResponse('Unknown or expired token, or not yours'),
    409: errorResponse('The token was used already'),
  },
});

export const fetchIdentifiedRoute = createRoute({
  ...source,
  method: 'post',
  path: '/api/v1/{tenant}/provider/fetches/identified',
  summary: 'You identified the applicant: the server asks your operation endpoint for exactly what was asked',
  description:
    "Give your own customer reference (never a BSN). The server calls your operation endpoint (action 'issue') for the fields and period asked, checks your signed answer and sends the applicant's browser back to returnUrl, where they see it before it goes anywhere.",
  request: { params: tenant, body: jsonBody(FetchIdentifiedRequest) },
  responses: {
    200: json(FetchIdentified, "Redirect the applicant's browser to returnUrl"),
    400: errorResponse('Bad body'),
    401: unauthorized,
    404: errorResponse('Unknown or expired token, or not yours'),
    409: errorResponse('The token was used already'),
  },
});
