export { PartyClient } from './party-client.js';
export { WebhookVerifier, type WebhookEvent } from './webhook-verifier.js';
export type { PartyClientOptions, PartyCredential } from '../http/party-requester.js';
