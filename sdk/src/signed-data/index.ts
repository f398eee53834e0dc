/**
 * regiekit's one format for signed data a person carries from one party to
 * another (my data, fetch into an application): SD-JWT VCs issued by the
 * party with its own key, every field selectively disclosable, revocable
 * through the server's Token Status List, presented with key binding.
 * Issuers sign with {@link issueSignedData}, recipients check with
 * {@link verifySignedData}; both build on the `@sd-jwt/*` packages.
 * @module @regiekit/sdk/signed-data
 */
export {
  issueSignedData,
  SignedDataFieldError,
  SignedDataPeriodError,
  REGISTERED_CLAIMS,
  type IssuerKey,
} from './issue.js';
export { presentSignedData, type PresentationOptions } from './present.js';
export {
  decodeSignedData,
  disclosedFields,
  signedContentDigest,
  splitSdJwt,
  type DecodedSignedData,
} from './decode.js';
export {
  verifySignedData,
  verifySignedCredential,
  SignedDataVerificationError,
  type VerificationFailure,
  type VerifySignedDataOptions,
  type VerifySignedCredentialOptions,
  type VerifiedSignedData,
} from './verify.js';
export { IssuerKeys } from './issuer-keys.js';
export { localKeySet } from './key-sets.js';
export { datesOutside, type DateSchema } from './period.js';
export { SignedDataIssuer, IssueRequestError, type IssueRequest, type SignedDataIssuerOptions } from './issuer-kit.js';
export { newHolderKey, presentationNonce, type PrivateKeyInput } from './web-crypto.js';
export { issuerIdentifier, issuerMetadataUrl, SIGNED_DATA_TYPE } from '../protocol/signed-data.js';
