import { Validator, type Schema } from '@cfworker/json-schema';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';

/** A payload that must not be shown: its signature, signer or shape is wrong. */
export class PayloadVerificationError extends Error {
  override name = 'PayloadVerificationError';
  constructor(
    readonly reason: 'signature' | 'not-json' | 'schema',
    message: string,
  ) {
    super(message);
  }
}

export interface VerifiedPayload<T = unknown> {
  data: T;
  /** The key the provider signed with (`kid` in its JWKS). */
  keyId: string | undefined;
}

/**
 * Checks a provider's payload before anyone sees it: the compact JWS must be
 * signed (ES256) by a key of the provider's JWKS, and its content must match
 * the provider's JSON Schema of the service. Works in Node and in browsers
 * (no eval, so strict CSPs are fine).
 */
export async function verifyPayload<T = unknown>(
  jws: string,
  { jwks, schema }: { jwks: JSONWebKeySet; schema: Record<string, unknown> },
): Promise<VerifiedPayload<T>> {
  let verified;
  try {
    verified = await compactVerify(jws, createLocalJWKSet(jwks), { algorithms: ['ES256'] });
  } catch (error) {
    throw new PayloadVerificationError(
      'signature',
      `The payload is not signed by the provider: ${(error as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch {
    throw new PayloadVerificationError('not-json', 'The signed payload is not JSON.');
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
  return { data: data as T, keyId: verified.protectedHeader.kid };
}
