import {
  base64url,
  CompactSign,
  compactVerify,
  createLocalJWKSet,
  type CryptoKey,
  type JSONWebKeySet,
  type KeyObject,
} from 'jose';
import { AcceptancePolicy, type SignedAcceptancePolicy } from '../protocol/arrangement-policy.js';
import { ArrangementAnswer } from '../protocol/arrangements.js';

/** The `typ` of a signed acceptance policy, so it cannot pass for a payload or a decision. */
export const POLICY_JWS_TYPE = 'regie-acceptance-policy+json';

/** A creditor's signing key: the private half of a key in the JWKS it registered for payloads. */
export interface PolicyKey {
  privateKey: CryptoKey | KeyObject;
  keyId: string;
  /** ES256 unless your key is of another kind. */
  algorithm?: string;
}

/** JSON with the keys of every object sorted: one text per value, so a hash names a policy version. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of the policy in canonical JSON, base64url: what requests and acceptances cite. */
export async function policyHash(policy: AcceptancePolicy): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(policy)));
  return base64url.encode(new Uint8Array(digest));
}

/** Signs a policy version for the creditor's service description. */
export async function signAcceptancePolicy(policy: AcceptancePolicy, key: PolicyKey): Promise<SignedAcceptancePolicy> {
  const checked = AcceptancePolicy.parse(policy);
  const jws = await new CompactSign(new TextEncoder().encode(canonicalJson(checked)))
    .setProtectedHeader({ alg: key.algorithm ?? 'ES256', kid: key.keyId, typ: POLICY_JWS_TYPE })
    .sign(key.privateKey);
  return { policy: checked, jws, policyHash: await policyHash(checked) };
}

export type PolicyProblem = 'signature' | 'content' | 'hash' | 'provider' | 'old-version';

/** A signed policy that cannot be relied on, and why. */
export class PolicyVerificationError extends Error {
  override name = 'PolicyVerificationError';
  constructor(
    readonly problem: PolicyProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifyPolicyOptions {
  /** The creditor the policy must be from. */
  providerId?: string;
  /** The creditor's current version: an older one is refused. */
  currentVersion?: number;
}

/**
 * Checks a signed policy against the creditor's keys: the signature, that the
 * signed text is the policy shown, that the hash names it, who it is from and
 * that it is the current version. Returns the policy and its hash.
 */
export async function verifyAcceptancePolicy(
  signed: SignedAcceptancePolicy,
  keys: JSONWebKeySet | CryptoKey | KeyObject,
  options: VerifyPolicyOptions = {},
): Promise<{ policy: AcceptancePolicy; policyHash: string }> {
  let payload: Uint8Array;
  try {
    const verified =
      'keys' in keys ? await compactVerify(signed.jws, createLocalJWKSet(keys)) : await compactVerify(signed.jws, keys);
    if (verified.protectedHeader.typ !== POLICY_JWS_TYPE) throw new Error('not a policy');
    payload = verified.payload;
  } catch {
    throw new PolicyVerificationError('signature', 'The policy signature does not verify with the creditor’s keys.');
  }
  const policy = AcceptancePolicy.safeParse(signed.policy);
  if (!policy.success || new TextDecoder().decode(payload) !== canonicalJson(policy.data))
    throw new PolicyVerificationError('content', 'The policy differs from the text the creditor signed.');
  const hash = await policyHash(policy.data);
  if (hash !== signed.policyHash)
    throw new PolicyVerificationError('hash', 'The policy hash does not name this policy version.');
  if (options.providerId !== undefined && policy.data.providerId !== options.providerId)
    throw new PolicyVerificationError('provider', 'The policy is not from this creditor.');
  if (options.currentVersion !== undefined && policy.data.version !== options.currentVersion)
    throw new PolicyVerificationError(
      'old-version',
      `Policy version ${policy.data.version} is not the creditor’s current version ${options.currentVersion}.`,
    );
  return { policy: policy.data, policyHash: hash };
}

/** The `typ` of a creditor's signed answer to an arrangement request. */
export const ANSWER_JWS_TYPE = 'regie-arrangement-answer+json';

/** The creditor's answer from its arrangement endpoint: sign it and send the compact JWS as the body. */
export async function signArrangementAnswer(answer: ArrangementAnswer, key: PolicyKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(canonicalJson(ArrangementAnswer.parse(answer))))
    .setProtectedHeader({ alg: key.algorithm ?? 'ES256', kid: key.keyId, typ: ANSWER_JWS_TYPE })
    .sign(key.privateKey);
}

/** Checks a creditor's signed answer against its keys; undefined when it does not verify or is not an answer. */
export async function verifyArrangementAnswer(
  jws: string,
  keys: JSONWebKeySet | CryptoKey | KeyObject,
): Promise<ArrangementAnswer | undefined> {
  try {
    const verified =
      'keys' in keys ? await compactVerify(jws, createLocalJWKSet(keys)) : await compactVerify(jws, keys);
    if (verified.protectedHeader.typ !== ANSWER_JWS_TYPE) return undefined;
    const parsed = ArrangementAnswer.safeParse(JSON.parse(new TextDecoder().decode(verified.payload)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
