import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  ArrangementFlowStarted,
  ArrangementPolicyList,
  ArrangementList,
  ArrangementView,
  CounterProposalRequest,
  OpaqueId,
  Pseudonym,
  RefuseArrangementRequest,
  ReportInstalmentRequest,
  RequestArrangementRequest,
  TenantId,
} from '@regiekit/sdk/protocol';
import { errorResponse, json, jsonBody } from '../http/openapi-helpers.js';
import { partySecurity } from '../parties/party-guard.js';

const tenant = z.object({ tenant: TenantId });
const one = tenant.extend({ arrangementId: OpaqueId });
const instalment = one.extend({ number: z.coerce.number().int().min(1).max(1000) });
const unauthorized = errorResponse('Missing or wrong party credential');
const app = { tags: ['Payment arrangements (debt-help apps)'], security: partySecurity };
const creditor = { tags: ['Payment arrangements (creditors)'], security: partySecurity };

// --- The debt-help app ---

export const listPoliciesRoute = createRoute({
  ...app,
  method: 'get',
  path: '/api/v1/{tenant}/consumer/arrangements/policies',
  summary: "Every creditor's current acceptance policy, signed: evaluate proposals with @regiekit/sdk/arrangements",
  request: { params: tenant },
  responses: { 200: json(ArrangementPolicyList, 'The current policies'), 401: unauthorized },
});

export const requestArrangementRoute = createRoute({
  ...app,
  method: 'post',
  path: '/api/v1/{tenant}/consumer/arrangements',
  summary: 'Ask a creditor for a payment arrangement on the debtor’s connection; the debtor confirms with the passkey',
  description:
    'The server verifies the policy (signature, current version) and evaluates the proposal itself. Open startUrl in a window of its own; after the passkey the request goes to the creditor, who may accept it at once.',
  request: { params: tenant, body: jsonBody(RequestArrangementRequest) },
  responses: {
    201: json(ArrangementFlowStarted, 'Waiting for the debtor’s passkey'),
    400: errorResponse(
      'Bad body: terms of 0 or over 120 months, amounts of zero or below, instalments that do not add up',
    ),
    401: unauthorized,
    404: errorResponse('No such debtor or connection'),
    409: errorResponse('A request on this connection is already waiting for an answer'),
    422: errorResponse(
      'The policy does not verify or is not current (policy_rejected), or the proposal is presented as accepted but is not (outside_policy)',
    ),
  },
});

export const listArrangementsForAppRoute = createRoute({
  ...app,
  method: 'get',
  path: '/api/v1/{tenant}/consumer/users/{sub}/arrangements',
  summary: 'The arrangements you asked for this debtor, oldest first',
  request: { params: tenant.extend({ sub: Pseudonym }) },
  responses: { 200: json(ArrangementList, 'The arrangements'), 401: unauthorized, 404: errorResponse('Unknown user') },
});

export const getArrangementForAppRoute = createRoute({
  ...app,
  method: 'get',
  path: '/api/v1/{tenant}/consumer/arrangements/{arrangementId}',
  summary: 'One arrangement: state, schedule with each instalment, the receipt, a counter-proposal to accept',
  request: { params: one },
  responses: { 200: json(ArrangementView, 'The arrangement'), 401: unauthorized, 404: errorResponse('Not yours') },
});

// --- The creditor ---

export const listArrangementsRoute = createRoute({
  ...creditor,
  method: 'get',
  path: '/api/v1/{tenant}/provider/arrangements',
  summary: 'Arrangements your debtors asked for, oldest first',
  request: { params: tenant },
  responses: { 200: json(ArrangementList, 'Every arrangement sent to you'), 401: unauthorized },
});

export const getArrangementRoute = createRoute({
  ...creditor,
  method: 'get',
  path: '/api/v1/{tenant}/provider/arrangements/{arrangementId}',
  summary: 'One arrangement, under your pseudonym of the connection',
  request: { params: one },
  responses: { 200: json(ArrangementView, 'The arrangement'), 401: unauthorized, 404: errorResponse('Not yours') },
});

const answered = {
  401: unauthorized,
  404: errorResponse('Not yours'),
  409: errorResponse('Not waiting for this answer (already answered, or changed meanwhile)'),
};

export const acceptArrangementRoute = createRoute({
  ...creditor,
  method: 'post',
  path: '/api/v1/{tenant}/provider/arrangements/{arrangementId}/accept',
  summary: 'Accept a request your policy left for review: the arrangement becomes active',
  request: { params: one },
  responses: { 200: json(ArrangementView, 'Active'), ...answered },
});

export const counterArrangementRoute = createRoute({
  ...creditor,
  method: 'post',
  path: '/api/v1/{tenant}/provider/arrangements/{arrangementId}/counter',
  summary: 'Propose other terms, with your reasons; the debtor accepts them with the passkey',
  request: { params: one, body: jsonBody(CounterProposalRequest) },
  responses: { 200: json(ArrangementView, 'Countered'), 400: errorResponse('Bad counter-proposal'), ...answered },
});

export const refuseArrangementRoute = createRoute({
  ...creditor,
  method: 'post',
  path: '/api/v1/{tenant}/provider/arrangements/{arrangementId}/refuse',
  summary: 'Refuse, with reasons the debtor reads',
  request: { params: one, body: jsonBody(RefuseArrangementRequest) },
  responses: { 200: json(ArrangementView, 'Refused'), 400: errorResponse('No reason given'), ...answered },
});

export const reportInstalmentRoute = createRoute({
  ...creditor,
  method: 'post',
  path: '/api/v1/{tenant}/provider/arrangements/{arrangementId}/instalments/{number}',
  summary: 'Report one instalment paid or missed, once; misses up to the policy’s count lapse the arrangement',
  request: { params: instalment, body: jsonBody(ReportInstalmentRequest) },
  responses: {
    200: json(ArrangementView, 'Reported'),
    400: errorResponse('Bad outcome'),
    401: unauthorized,
    404: errorResponse('No such arrangement or instalment'),
    409: errorResponse('Already reported, or the arrangement is not running'),
  },
});
