import { Validator, type Schema } from '@cfworker/json-schema';
import { compactVerify, type JSONWebKeySet } from 'jose';
import { PAYLOAD_JWT_TYPE } from '../protocol/payload-type.js';
import { localKeySet } from '../signed-data/key-sets.js';

/** A payload that must not be shown: its signature, signer, binding or shape is wrong. */
export class PayloadVerificationError extends Error {
  override name = 'PayloadVerificationError';
  constructor(
    readonly reason: 'signature' | 'not-json' | 'schema' | 'binding' | 'fields' | 'stale' | 'unbound',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Until this day, a payload signed before providers bound it to its call
 * (bare data, no `iss`/`aud`/`ref`) is still accepted when `allowUnbound`
 * is left on. After it, only bound payloads verify. See docs/consent-and-reuse.md.
 */
export const UNBOUND_PAYLOADS_ACCEPTED_UNTIL = '2027-06-30T23:59:59Z';

export interface ExpectedPayload {
  /** The provider that must have signed (`iss`). */
  provider: string;
  /** You, the consumer (`aud`). */
  consumer: string;
  /** The data reference you called (`ref`). */
  referenceId: string;
  /** The fields the user consented to: the payload may hold these and no others. */
  fields: readonly string[];
  /** How old a payload may be (default 300 s). */
  maxAgeSeconds?: number;
  /** Accept an unbound payload of a provider that has not moved on yet (until {@link UNBOUND_PAYLOADS_ACCEPTED_UNTIL}). */
  allowUnbound?: boolean;
  /** The time to check against (default now). */
  now?: Date;
}

export interface VerifiedPayload<T = unknown> {
  data: T;
  /** The key the provider signed with (`kid` in its JWKS). */
  keyId: string | undefined;
  /** When the provider signed it; undefined for an unbound payload. */
  signedAt: Date | undefined;
}

/** Clock difference between provider and consumer that is forgiven. */
const CLOCK_SKEW_S = 60;

/**
 * Checks a provider's payload before anyone sees it: the compact JWS must be
 * signed (ES256) by a key of the provider's JWKS; when `expected` is given it
 * must be bound to this call (issuer, audience, reference, recent enough) and
 * hold no field outside the consent; and its data must match the provider's
 * JSON Schema of the service. Works in Node and in browsers (no eval, so
 * strict CSPs are fine).
 */
export async function verifyPayload<T = unknown>(
  jws: string,
  { jwks, schema, expected }: { jwks: JSONWebKeySet; schema: Record<string, unknown>; expected?: ExpectedPayload },
): Promise<VerifiedPayload<T>> {
  let verified;
  try {
    verified = await compactVerify(jws, localKeySet(jwks), { algorithms: ['ES256'] });
  } catch (error) {
    throw new PayloadVerificationError(
      'signature',
      `The payload is not signed by the provider: ${(error as Error).message}`,
    );
  }
  let content: unknown;
  try {
    content = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch {
    throw new PayloadVerificationError('not-json', 'The signed payload is not JSON.');
  }
  const bound = verified.protectedHeader.typ === PAYLOAD_JWT_TYPE;
  const data = bound ? (content as { data?: unknown }).data : content;
  if (expected) {
    if (bound) checkBinding(content as Record<string, unknown>, expected);
    else checkUnbound(data, expected);
  }
  const result = new Validator(schema as Schema, '2020-12', false).validate(data);
  if (!result.valid) {
    throw new PayloadVerificationError(
      'schema',
      `The payload does not match the service schema: ${result.errors
        .map((e) => `${e.instanceLocation} ${e.error}`)
        .slice(0, 3)
        .join('; ')}`,
    );
  }
  const iat = bound ? (content as { iat?: number }).iat : undefined;
  return {
    data: data as T,
    keyId: verified.protectedHeader.kid,
    signedAt: typeof iat === 'number' ? new Date(iat * 1000) : undefined,
  };
}

function checkBinding(claims: Record<string, unknown>, expected: ExpectedPayload): void {
  const wrong = (what: string) =>
    new PayloadVerificationError('binding', `The payload was signed for another ${what}.`);
  if (claims.iss !== expected.provider) throw wrong('provider');
  if (claims.aud !== expected.consumer) throw wrong('consumer');
  if (claims.ref !== expected.referenceId) throw wrong('data reference');
  const now = (expected.now ?? new Date()).getTime() / 1000;
  const iat = typeof claims.iat === 'number' ? claims.iat : NaN;
  if (!(iat <= now + CLOCK_SKEW_S)) throw new PayloadVerificationError('stale', 'The payload is dated in the future.');
  if (now - iat > (expected.maxAgeSeconds ?? 300))
    throw new PayloadVerificationError('stale', 'The payload is older than this consumer accepts.');
  const data = claims.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new PayloadVerificationError('schema', 'The payload holds no data object.');
  const signedFields = Array.isArray(claims.fields) ? (claims.fields as unknown[]) : [];
  const outside = [...new Set([...signedFields.map(String), ...Object.keys(data)])].filter(
    (field) => !expected.fields.includes(field),
  );
  if (outside.length > 0)
    throw new PayloadVerificationError(
      'fields',
      `The payload holds fields outside the consent: ${outside.join(', ')}.`,
    );
  const unsigned = Object.keys(data).filter((field) => !signedFields.includes(field));
  if (unsigned.length > 0)
    throw new PayloadVerificationError('fields', `The payload holds fields it does not name: ${unsigned.join(', ')}.`);
}

function checkUnbound(data: unknown, expected: ExpectedPayload): void {
  const now = expected.now ?? new Date();
  if (!expected.allowUnbound || now.getTime() > Date.parse(UNBOUND_PAYLOADS_ACCEPTED_UNTIL))
    throw new PayloadVerificationError(
      'unbound',
      'The payload is not bound to this call (no issuer, audience or reference): the provider must sign them.',
    );
  const outside =
    typeof data === 'object' && data !== null
      ? Object.keys(data).filter((field) => !expected.fields.includes(field))
      : [];
  if (outside.length > 0)
    throw new PayloadVerificationError(
      'fields',
      `The payload holds fields outside the consent: ${outside.join(', ')}.`,
    );
}
