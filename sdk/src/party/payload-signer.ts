import { SignJWT, type CryptoKey, type KeyObject } from 'jose';
import type { PayloadBinding } from '../protocol/index.js';
import { PAYLOAD_JWT_TYPE } from '../protocol/payload-type.js';

/** The provider's payload key: the private half of a key in the JWKS it registered for payloads. */
export interface PayloadKey {
  providerId: string;
  privateKey: CryptoKey | KeyObject;
  keyId: string;
  /** ES256 unless your key is of another kind. */
  algorithm?: string;
}

/** Data with fields the user did not consent to: the provider must not hand it out. */
export class PayloadFieldError extends Error {
  override name = 'PayloadFieldError';
  constructor(readonly fields: string[]) {
    super(`Not consented, so not signed: ${fields.join(', ')}.`);
  }
}

/**
 * A provider's answer to a data call, signed for exactly that call: the
 * consumer it is for (`aud`), the reference (`ref`), the consented fields,
 * and when (`iat`). `binding` is the `payloadFor` of the server's execute
 * request. Refuses data holding a field outside the consent, so nothing
 * more than was agreed can leave the provider.
 */
export async function signPayload(
  binding: PayloadBinding,
  data: Record<string, unknown>,
  key: PayloadKey,
  now: Date = new Date(),
): Promise<string> {
  const extra = Object.keys(data).filter((field) => !binding.fields.includes(field));
  if (extra.length > 0) throw new PayloadFieldError(extra);
  return new SignJWT({ ref: binding.referenceId, service: binding.serviceType, fields: binding.fields, data })
    .setProtectedHeader({ alg: key.algorithm ?? 'ES256', kid: key.keyId, typ: PAYLOAD_JWT_TYPE })
    .setIssuer(key.providerId)
    .setAudience(binding.consumerId)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .sign(key.privateKey);
}
