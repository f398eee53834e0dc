import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  ExtendCorrectionRequest,
  FetchForwardRequest,
  ForwardedData,
  ForwardRecipientList,
  ForwardRequest,
  MintViewTokenRequest,
  MyDataFlowStarted,
  MyDataFlowState,
  MyDataView,
  MyDataViewOpened,
  OpaqueId,
  OpenViewRequest,
  ProposeCorrectionRequest,
  ProviderCorrection,
  ProviderCorrectionList,
  RefuseCorrectionRequest,
  ServiceTypeUrl,
  TenantId,
  ViewTokenMinted,
  WalletOffer,
  WalletOfferRequest,
} from '@regiekit/sdk/protocol';
import { errorResponse, json, jsonBody } from '../http/openapi-helpers.js';
import { partySecurity } from '../parties/party-guard.js';

const tenant = z.object({ tenant: TenantId });
const view = tenant.extend({ viewId: OpaqueId });
const correction = tenant.extend({ correctionId: OpaqueId });
const lang = z.object({ lang: z.enum(['nl', 'en']).optional() });
const unauthorized = errorResponse('Missing or wrong party credential');
const viewSecurity = [{ myDataView: [] }];
const company = { tags: ['My data (companies)'], security: partySecurity };
const element = { tags: ['My data (the customer, in the company portal)'], security: viewSecurity };

// --- The company's backend ---

export const mintViewTokenRoute = createRoute({
  ...company,
  method: 'post',
  path: '/api/v1/{tenant}/provider/my-data/view-tokens',
  summary: 'Mint a single-use view token for your logged-in customer, for <regie-my-data> on your page',
  description:
    "The token works once, for five minutes, and only from your portal's registered origins. Mint it in your backend with your party credential; give the page the token, never the credential.",
  request: { params: tenant, body: jsonBody(MintViewTokenRequest) },
  responses: {
    201: json(ViewTokenMinted, 'Hand viewToken to <regie-my-data view-token="…">'),
    400: errorResponse('Bad body'),
    401: unauthorized,
  },
});

export const listCorrectionsRoute = createRoute({
  ...company,
  method: 'get',
  path: '/api/v1/{tenant}/provider/my-data/corrections',
  summary: 'Corrections your customers asked for (AVG art. 16), oldest first',
  request: { params: tenant },
  responses: { 200: json(ProviderCorrectionList, 'Every correction sent to you'), 401: unauthorized },
});

export const getCorrectionRoute = createRoute({
  ...company,
  method: 'get',
  path: '/api/v1/{tenant}/provider/my-data/corrections/{correctionId}',
  summary: 'One correction: your customer reference, the field, the proposed value, the reason, the deadline',
  request: { params: correction },
  responses: { 200: json(ProviderCorrection, 'The correction'), 401: unauthorized, 404: errorResponse('Not yours') },
});

export const acceptCorrectionRoute = createRoute({
  ...company,
  method: 'post',
  path: '/api/v1/{tenant}/provider/my-data/corrections/{correctionId}/accept',
  summary: 'Accept: you changed the data; every credential of the old data is revoked in your status list',
  request: { params: correction },
  responses: {
    200: json(ProviderCorrection, 'Accepted'),
    401: unauthorized,
    404: errorResponse('Not yours'),
    409: errorResponse('Already answered'),
  },
});

export const refuseCorrectionRoute = createRoute({
  ...company,
  method: 'post',
  path: '/api/v1/{tenant}/provider/my-data/corrections/{correctionId}/refuse',
  summary: 'Refuse, with reasons your customer reads (and may take to the Autoriteit Persoonsgegevens)',
  request: { params: correction, body: jsonBody(RefuseCorrectionRequest) },
  responses: {
    200: json(ProviderCorrection, 'Refused'),
    400: errorResponse('No reason given'),
    401: unauthorized,
    404: errorResponse('Not yours'),
    409: errorResponse('Already answered'),
  },
});

export const extendCorrectionRoute = createRoute({
  ...company,
  method: 'post',
  path: '/api/v1/{tenant}/provider/my-data/corrections/{correctionId}/extend',
  summary: 'Take up to two more months (art. 12(3)), with reasons, within the first month',
  request: { params: correction, body: jsonBody(ExtendCorrectionRequest) },
  responses: {
    200: json(ProviderCorrection, 'Extended'),
    400: errorResponse('Too late to ask, or a date outside the two months'),
    401: unauthorized,
    404: errorResponse('Not yours'),
    409: errorResponse('Answered or extended already'),
  },
});

// --- The element in the company's portal ---

export const openViewRoute = createRoute({
  tags: element.tags,
  method: 'post',
  path: '/api/v1/{tenant}/my-data/views',
  summary: "Open the customer's view with the view token: their data per category, with its art. 15 notice",
  request: { params: tenant, body: jsonBody(OpenViewRequest) },
  responses: {
    200: json(MyDataViewOpened, 'The data, and the secret for this view'),
    400: errorResponse('Bad body'),
    401: errorResponse('The token was used, expired or is unknown'),
    403: errorResponse("From another company's portal"),
    502: errorResponse("The company's answer was not what was asked"),
    504: errorResponse('The company did not answer in time'),
  },
});

export const getViewRoute = createRoute({
  ...element,
  method: 'get',
  path: '/api/v1/{tenant}/my-data/views/{viewId}',
  summary: 'The view again, fresh from the company (after a correction)',
  request: { params: view },
  responses: {
    200: json(MyDataView, 'The data'),
    401: errorResponse('The view has ended'),
    404: errorResponse('No such view, or another secret'),
    502: errorResponse("The company's answer was not what was asked"),
  },
});

export const downloadRoute = createRoute({
  ...element,
  method: 'get',
  path: '/api/v1/{tenant}/my-data/views/{viewId}/download',
  summary: 'One ZIP file to keep: the data as JSON with its schemas, the signed SD-JWT VCs, a summary, how to check',
  request: { params: view, query: lang },
  responses: {
    200: {
      description: 'The ZIP file',
      content: { 'application/zip': { schema: z.string().meta({ format: 'binary' }) } },
    },
    401: errorResponse('The view has ended'),
    404: errorResponse('No such view, or another secret'),
  },
});

export const recipientsRoute = createRoute({
  ...element,
  method: 'get',
  path: '/api/v1/{tenant}/my-data/views/{viewId}/recipients',
  summary: 'Who takes this category forwarded (AVG art. 20), and what for',
  request: { params: view, query: z.object({ serviceType: ServiceTypeUrl }) },
  responses: { 200: json(ForwardRecipientList, 'The recipients'), 404: errorResponse('No such view') },
});

export const proposeCorrectionRoute = createRoute({
  ...element,
  method: 'post',
  path: '/api/v1/{tenant}/my-data/views/{viewId}/corrections',
  summary: 'Propose a correction of one field; the customer confirms it with their passkey at startUrl',
  request: { params: view, query: lang, body: jsonBody(ProposeCorrectionRequest) },
  responses: {
    201: json(MyDataFlowStarted, 'Open startUrl in a window of its own'),
    400: errorResponse('Unknown category or field, or a value too long'),
    404: errorResponse('No such view'),
  },
});

export const startForwardRoute = createRoute({
  ...element,
  method: 'post',
  path: '/api/v1/{tenant}/my-data/views/{viewId}/forwards',
  summary: 'Forward chosen fields to a recipient; the customer confirms it with their passkey at startUrl',
  request: { params: view, query: lang, body: jsonBody(ForwardRequest) },
  responses: {
    201: json(MyDataFlowStarted, 'Open startUrl in a window of its own'),
    400: errorResponse('Not portable, a recipient that does not take it, or unknown fields'),
    404: errorResponse('No such view'),
  },
});

export const walletOfferRoute = createRoute({
  ...element,
  method: 'post',
  path: '/api/v1/{tenant}/my-data/views/{viewId}/wallet-offers',
  summary: "Offer chosen fields to the customer's own wallet (OpenID4VCI, pre-authorized code with a PIN)",
  description:
    'Show the QR code (or the link) and the PIN to the customer only. The wallet trades the code and PIN at the issuer’s token endpoint, then asks for the credential with a proof of its key; the company signs the fields bound to that key. Valid ten minutes, once.',
  request: { params: view, body: jsonBody(WalletOfferRequest) },
  responses: {
    201: json(WalletOffer, 'The credential offer, its QR code and PIN'),
    400: errorResponse('Not portable, or unknown fields'),
    404: errorResponse('No such view'),
  },
});

export const flowStateRoute = createRoute({
  ...element,
  method: 'get',
  path: '/api/v1/{tenant}/my-data/views/{viewId}/flows/{flowId}',
  summary: 'Whether a correction or forward started here was confirmed',
  request: { params: view.extend({ flowId: OpaqueId }) },
  responses: { 200: json(MyDataFlowState, 'Its state'), 404: errorResponse('No such view or flow') },
});

// --- The recipient ---

export const fetchForwardRoute = createRoute({
  tags: ['My data (recipients)'],
  security: partySecurity,
  method: 'post',
  path: '/api/v1/{tenant}/consumer/forwards/{referenceId}',
  summary: 'Fetch a forward once (data.forwarded event): an SD-JWT VC presentation for you, with your nonce',
  description:
    "Verify it with @regiekit/sdk (ForwardedDataClient does both steps): the company's signature through its issuer metadata, the disclosures, the key-binding JWT (aud = your party id, your nonce), and the status list. The server holds the data until this call, and deletes it after.",
  request: { params: tenant.extend({ referenceId: OpaqueId }), body: jsonBody(FetchForwardRequest) },
  responses: {
    200: json(ForwardedData, 'The presentation'),
    400: errorResponse('Bad nonce'),
    401: unauthorized,
    403: errorResponse('Revoked, or already fetched'),
    404: errorResponse('No such reference for you'),
    409: errorResponse('Not a forward'),
    410: errorResponse('No longer held: fetched, or its time ran out'),
  },
});
