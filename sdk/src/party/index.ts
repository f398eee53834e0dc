/**
 * The backend kit of providers and consumers: `PartyClient` for the party API (services,
 * connect tokens and requests, connections, the event feed) and `WebhookVerifier` for the
 * Standard Webhooks the server sends. Credentials stay in the backend, never in a browser.
 * @module @regiekit/sdk/party
 */
export { PartyClient } from './party-client.js';
export { WebhookVerifier, type WebhookEvent } from './webhook-verifier.js';
export type { PartyClientOptions, PartyCredential } from '../http/party-requester.js';
export { PayloadFieldError, signPayload, type PayloadKey } from './payload-signer.js';
