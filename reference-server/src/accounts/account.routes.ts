import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AccountView,
  ApproveFlowRequest,
  FlowOutcome,
  FlowView,
  OpaqueId,
  PasskeyRegistrationRequest,
  PasskeySignInRequest,
  ScanApproved,
  ScanRequest,
  ScanStatus,
  ScanView,
  TenantId,
  WebAuthnOptions,
} from '@regiekit/sdk/protocol';
import { errorResponse, json, jsonBody } from '../http/openapi-helpers.js';

const TenantParams = z.object({ tenant: TenantId });
const FlowParams = TenantParams.extend({ flowId: OpaqueId });
const TokenParams = TenantParams.extend({ tokenId: OpaqueId });
const security = [{ userSession: [] }];
const tags = ['Regie account (server origin only)'];
const needsPasskey = errorResponse('No fresh passkey confirmation in this session (passkey_required)');

export const accountRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/account',
  tags,
  security,
  summary: 'The signed-in account: passkeys and connections',
  request: { params: TenantParams },
  responses: { 200: json(AccountView, 'The account, or signedIn false') },
});
export const registrationOptionsRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/account/passkeys/options',
  tags,
  security,
  summary:
    'Options to make a passkey: a new account, or another passkey for the signed-in one (after a fresh passkey confirmation)',
  request: { params: TenantParams },
  responses: { 200: json(WebAuthnOptions, 'For navigator.credentials.create'), 401: needsPasskey },
});
export const registerPasskeyRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/account/passkeys',
  tags,
  security,
  summary: 'Verify a new passkey (user verification required) and sign in',
  request: { params: TenantParams, body: jsonBody(PasskeyRegistrationRequest) },
  responses: {
    201: json(z.object({ signedIn: z.literal(true) }), 'Signed in'),
    400: errorResponse('Not verified (passkey_failed)'),
  },
});
export const signInOptionsRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/account/sign-in/options',
  tags,
  security,
  summary: 'Options to sign in with a passkey',
  request: { params: TenantParams },
  responses: { 200: json(WebAuthnOptions, 'For navigator.credentials.get') },
});
export const signInRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/account/sign-in',
  tags,
  security,
  summary: 'Verify a passkey assertion and sign in',
  request: { params: TenantParams, body: jsonBody(PasskeySignInRequest) },
  responses: {
    200: json(z.object({ signedIn: z.literal(true) }), 'Signed in'),
    400: errorResponse('Not verified (passkey_failed)'),
  },
});
export const signOutRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/account/sign-out',
  tags,
  security,
  summary: 'End this browser session',
  request: { params: TenantParams },
  responses: { 204: { description: 'Signed out' } },
});
export const endConnectionRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/account/connections/{connectionId}/end',
  tags,
  security,
  summary: 'End one of your connections (after a fresh passkey confirmation)',
  request: { params: TenantParams.extend({ connectionId: OpaqueId }) },
  responses: { 204: { description: 'Ended' }, 401: needsPasskey, 404: errorResponse('No such connection of yours') },
});
export const flowRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/account/flows/{flowId}',
  tags,
  security,
  summary: 'What a waiting decision is about: who asks, for what',
  request: { params: FlowParams },
  responses: { 200: json(FlowView, 'The decision'), 404: errorResponse('Unknown or expired') },
});
export const approveFlowRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/account/flows/{flowId}/approve',
  tags,
  security,
  summary: 'Approve, right after a passkey confirmation (for a consent: the sources left ticked)',
  request: {
    params: FlowParams,
    body: { required: false, content: { 'application/json': { schema: ApproveFlowRequest } } },
  },
  responses: {
    200: json(FlowOutcome, 'Where to go next'),
    401: needsPasskey,
    403: errorResponse('Another account (wrong_account) or another browser session (wrong_session)'),
    404: errorResponse('Unknown or expired'),
    409: errorResponse('Not ready, or finished'),
  },
});
export const refuseFlowRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/account/flows/{flowId}/refuse',
  tags,
  security,
  summary: 'Refuse',
  request: { params: FlowParams },
  responses: { 200: json(FlowOutcome, 'Where to go next'), 404: errorResponse('Unknown or expired') },
});
export const scanRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/account/scans',
  tags,
  security,
  summary: 'A phone opened a QR connect link: who asks?',
  request: { params: TenantParams, body: jsonBody(ScanRequest) },
  responses: {
    200: json(ScanView, 'Who asks'),
    404: errorResponse('Unknown'),
    409: errorResponse('Used (token_used)'),
    410: errorResponse('Expired'),
    429: errorResponse('Too many bad codes'),
  },
});
export const approveScanRoute = createRoute({
  method: 'post',
  path: '/api/v1/{tenant}/account/scans/{tokenId}/approve',
  tags,
  security,
  summary: 'Take the token for your account; shows the confirmation code',
  request: { params: TokenParams, body: jsonBody(ScanRequest) },
  responses: {
    200: json(ScanApproved, 'Type this code in the portal'),
    401: needsPasskey,
    404: errorResponse('Unknown'),
    409: errorResponse('Used, or scanned by another account'),
    410: errorResponse('Expired'),
  },
});
export const scanStatusRoute = createRoute({
  method: 'get',
  path: '/api/v1/{tenant}/account/scans/{tokenId}',
  tags,
  security,
  summary: 'Follow a scanned token (same browser session only)',
  request: { params: TokenParams },
  responses: { 200: json(ScanStatus, 'Status'), 404: errorResponse('Unknown') },
});
