/**
 * Consent and data reuse: `ConsentClient` for a consumer backend (ask consent, call data
 * references, verify the provider's signature), `ConsentStatusClient` for the consumer's page.
 * @module @regiekit/sdk/consent
 */
export { ConsentClient, type PayloadPolicy, type VerifiedReuse } from './consent-client.js';
export {
  ConsentStatusClient,
  type ConsentStatusClientOptions,
  type ConsentWatchOptions,
} from './consent-status-client.js';
export {
  PayloadVerificationError,
  UNBOUND_PAYLOADS_ACCEPTED_UNTIL,
  verifyPayload,
  type ExpectedPayload,
  type VerifiedPayload,
} from './verify-payload.js';
