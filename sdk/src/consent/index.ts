export { ConsentClient, type VerifiedReuse } from './consent-client.js';
export {
  ConsentStatusClient,
  type ConsentStatusClientOptions,
  type ConsentWatchOptions,
} from './consent-status-client.js';
export { PayloadVerificationError, verifyPayload, type VerifiedPayload } from './verify-payload.js';
