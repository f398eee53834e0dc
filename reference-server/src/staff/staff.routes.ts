import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AgentList,
  AgentSummary,
  AuditPage,
  ChangePasswordRequest,
  CreateAgentRequest,
  LoginRequest,
  OpaqueId,
  RevealedBsn,
  SessionInfo,
  TemporaryPassword,
  TenantId,
  TenantList,
  VoiceToken,
} from '@regiekit/sdk/protocol';
import { errorResponse, json, jsonBody } from '../http/openapi-helpers.js';

const TenantParams = z.object({ tenant: TenantId });
const CallParams = TenantParams.extend({ callId: OpaqueId });
const AgentParams = TenantParams.extend({ agentId: OpaqueId });
const session = [{ staffSession: [] }];
const noContent = (description: string) => ({ description });
const unauthorized = errorResponse('Not signed in, or the session ended');
const forbidden = errorResponse('Missing CSRF token, wrong role, or a temporary password still to change');

export const listTenantsRoute = createRoute({
  method: 'get',
  path: '/api/tenants',
  tags: ['Staff'],
  summary: 'Organisations staff can sign in to',
  responses: { 200: json(TenantList, 'Tenant ids and names') },
});

export const loginRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/auth/login',
  tags: ['Staff'],
  summary: 'Sign in; sets the session cookie',
  request: { params: TenantParams, body: jsonBody(LoginRequest) },
  responses: {
    200: json(SessionInfo, 'Signed in'),
    400: errorResponse('Malformed request'),
    401: errorResponse('Wrong username or password (also for locked accounts)'),
    429: errorResponse('Too many failed attempts from this address'),
  },
});

export const sessionRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/auth/session',
  tags: ['Staff'],
  summary: 'Who is signed in, with the CSRF token',
  security: session,
  request: { params: TenantParams },
  responses: { 200: json(SessionInfo, 'The current session'), 401: unauthorized },
});

export const logoutRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/auth/logout',
  tags: ['Staff'],
  summary: 'Sign out',
  security: session,
  request: { params: TenantParams },
  responses: { 204: noContent('Signed out'), 401: unauthorized, 403: forbidden },
});

export const changePasswordRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/auth/password',
  tags: ['Staff'],
  summary: 'Change your own password (required after a reset)',
  security: session,
  request: { params: TenantParams, body: jsonBody(ChangePasswordRequest) },
  responses: {
    204: noContent('Changed'),
    400: errorResponse('Password refused by the policy'),
    401: unauthorized,
    403: forbidden,
  },
});

export const consoleEventsRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/console/events',
  tags: ['Agent console'],
  summary: 'Live feed of identified callers (Server-Sent Events: snapshot, call-added, call-taken, call-ended)',
  security: session,
  request: { params: TenantParams },
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    401: unauthorized,
    403: forbidden,
  },
});

export const voiceTokenRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/console/voice-token',
  tags: ['Agent console'],
  summary: "A token for the agent's softphone in the browser (Twilio Voice SDK)",
  security: session,
  request: { params: TenantParams },
  responses: {
    200: json(VoiceToken, 'The token, the identity calls are put through to, and when the token expires'),
    204: noContent("The tenant's calls do not ring in the browser"),
    401: unauthorized,
    403: forbidden,
  },
});

const callAction = (action: string, summary: string) =>
  createRoute({
    method: 'post',
    path: `/api/v1/{tenant}/console/calls/{callId}/${action}`,
    tags: ['Agent console'],
    summary,
    security: session,
    request: { params: CallParams },
    responses: {
      204: noContent('Done'),
      401: unauthorized,
      403: forbidden,
      404: errorResponse('No such call in this tenant'),
      409: errorResponse('Another agent took the call first'),
    },
  });

export const takeCallRoute = callAction('take', 'Take the call: it is put through to you; exactly one agent wins');
export const endCallRoute = callAction('end', "End the call: the caller's data is deleted at once");

export const revealBsnRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/console/calls/{callId}/bsn',
  tags: ['Agent console'],
  summary: 'Reveal the full BSN (recorded in the audit log)',
  security: session,
  request: { params: CallParams },
  responses: {
    200: json(RevealedBsn, 'The BSN'),
    401: unauthorized,
    403: forbidden,
    404: errorResponse('No such call'),
  },
});

export const externalLinkRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/console/calls/{callId}/link',
  tags: ['Agent console'],
  summary: "Go to the tenant's external system for this caller (recorded in the audit log)",
  security: session,
  request: { params: CallParams },
  responses: {
    302: noContent('Redirect to the external link'),
    401: unauthorized,
    404: errorResponse('No such call, or no link configured'),
  },
});

export const listAgentsRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/admin/agents',
  tags: ['Admin'],
  summary: 'Staff accounts of this tenant',
  security: session,
  request: { params: TenantParams },
  responses: { 200: json(AgentList, 'Accounts'), 401: unauthorized, 403: forbidden },
});

export const createAgentRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/admin/agents',
  tags: ['Admin'],
  summary: 'Create a staff account',
  security: session,
  request: { params: TenantParams, body: jsonBody(CreateAgentRequest) },
  responses: {
    201: json(AgentSummary, 'Created'),
    400: errorResponse('Invalid, or the password is refused'),
    401: unauthorized,
    403: forbidden,
    409: errorResponse('Username taken'),
  },
});

export const deleteAgentRoute = createRoute({
  method: 'delete',
  path: '/api/v1/{tenant}/admin/agents/{agentId}',
  tags: ['Admin'],
  summary: 'Delete a staff account; its sessions end at once',
  security: session,
  request: { params: AgentParams },
  responses: {
    204: noContent('Deleted'),
    400: errorResponse('You cannot delete yourself'),
    401: unauthorized,
    403: forbidden,
    404: errorResponse('No such account'),
  },
});

export const resetPasswordRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/admin/agents/{agentId}/password-reset',
  tags: ['Admin'],
  summary: 'Issue a temporary password (valid 24 hours, to be changed at first sign-in)',
  security: session,
  request: { params: AgentParams },
  responses: {
    200: json(TemporaryPassword, 'Show this once to the person'),
    401: unauthorized,
    403: forbidden,
    404: errorResponse('No such account'),
  },
});

export const auditRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/admin/audit',
  tags: ['Admin'],
  summary: 'The audit log, newest first (no personal data of callers)',
  security: session,
  request: {
    params: TenantParams,
    query: z.object({
      before: z.coerce.number().int().positive().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: { 200: json(AuditPage, 'Entries'), 401: unauthorized, 403: forbidden },
});
