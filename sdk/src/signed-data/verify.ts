import { compactVerify, decodeJwt, importJWK, type JSONWebKeySet } from 'jose';
import { localKeySet } from './key-sets.js';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { decodeSignedData, disclosedFields, splitSdJwt, type DecodedSignedData } from './decode.js';
import { IssuerKeys } from './issuer-keys.js';
import { datesOutside, type DateSchema } from './period.js';
import type { FetchPeriod } from '../protocol/signed-data.js';
import { sha256 } from './web-crypto.js';

/** Why signed data was not accepted; stable, for code to branch on. */
export type VerificationFailure =
  | 'malformed'
  | 'type'
  | 'untrusted-issuer'
  | 'issuer-keys'
  | 'signature'
  | 'digests'
  | 'fields'
  | 'key-binding'
  | 'audience'
  | 'nonce'
  | 'stale'
  | 'not-valid-now'
  | 'period'
  | 'revoked'
  | 'status-unavailable';

const MESSAGES: Record<VerificationFailure, string> = {
  malformed: 'It is not an SD-JWT VC presentation.',
  type: 'It is not the type of signed data expected.',
  'untrusted-issuer': 'It is signed by an issuer you do not trust.',
  'issuer-keys': "The issuer's keys could not be found.",
  signature: "The issuer's signature does not verify: it was changed or not signed by the issuer.",
  digests: 'It discloses data the issuer did not sign.',
  fields: 'It discloses other fields than the ones expected.',
  'key-binding': 'Its key-binding JWT is missing or does not verify.',
  audience: 'It was presented to another recipient.',
  nonce: 'It was made for another nonce: a replay.',
  stale: 'Its key-binding JWT is too old (or from the future).',
  'not-valid-now': 'It is not valid at this time: signed in the future, or expired.',
  period: 'It holds data of other days than asked for.',
  revoked: 'The issuer has revoked it (for example after a correction).',
  'status-unavailable': 'Its revocation status could not be checked.',
};

export class SignedDataVerificationError extends Error {
  override name = 'SignedDataVerificationError';
  constructor(
    readonly reason: VerificationFailure,
    detail?: string,
  ) {
    super(detail ? `${MESSAGES[reason]} (${detail})` : MESSAGES[reason]);
  }
}

export interface VerifySignedCredentialOptions {
  /** The issuer identifiers you accept (or a test for them): see `issuerIdentifier()`. */
  trustedIssuers: readonly string[] | ((issuer: string) => boolean);
  /** The credential type you expect (`vct`). */
  vct?: string;
  /** The fields you expect disclosed: no more and no fewer. */
  fields?: readonly string[];
  /** The days you asked data of: every date the schema marks (`format: date`) must lie within. */
  period?: { period: FetchPeriod; schema: DateSchema };
  now?: Date;
  /** Key lookups and their cache; share one between verifications. */
  keys?: IssuerKeys;
}

export interface VerifySignedDataOptions extends VerifySignedCredentialOptions {
  /** Who you are: the key-binding JWT's `aud` must be this. */
  audience: string;
  /** The nonce you gave for this presentation. */
  nonce: string;
  /** How old the key-binding JWT may be (default five minutes). */
  maxAgeSeconds?: number;
}

export interface VerifiedSignedData extends DecodedSignedData {
  /** The disclosed fields, in the order they came. */
  fields: string[];
}

const defaultKeys = new IssuerKeys();
const SKEW_SECONDS = 60;

/**
 * Checks a presentation of regiekit's signed-data format the way a careful
 * recipient must: a trusted issuer whose key (from its issuer metadata)
 * verifies the signature; every disclosure among the signed digests; exactly
 * the expected fields; a key-binding JWT signed with the credential's holder
 * key, for you (`aud`), for your nonce, recent, over exactly what was
 * presented (`sd_hash`); and not revoked in the issuer's status list. Throws
 * a {@link SignedDataVerificationError} that says which check failed.
 */
export function verifySignedData(presentation: string, options: VerifySignedDataOptions): Promise<VerifiedSignedData> {
  return verify(presentation, options, options);
}

/**
 * Checks a credential someone keeps, such as one from a my-data download:
 * the same checks as {@link verifySignedData} except key binding, which only
 * a presentation to a recipient has. Do not use it for what a recipient is
 * sent: without key binding a copy can be replayed.
 */
export function verifySignedCredential(
  credential: string,
  options: VerifySignedCredentialOptions,
): Promise<VerifiedSignedData> {
  return verify(credential, options, undefined);
}

async function verify(
  presentation: string,
  options: VerifySignedCredentialOptions,
  binding: Pick<VerifySignedDataOptions, 'audience' | 'nonce' | 'maxAgeSeconds'> | undefined,
): Promise<VerifiedSignedData> {
  const keys = options.keys ?? defaultKeys;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  let decoded: DecodedSignedData;
  try {
    decoded = await decodeSignedData(presentation);
  } catch (error) {
    throw new SignedDataVerificationError('malformed', (error as Error).message);
  }
  if (decoded.header.typ !== 'dc+sd-jwt' && decoded.header.typ !== 'vc+sd-jwt')
    throw new SignedDataVerificationError('type', `typ ${String(decoded.header.typ)}`);
  const trusted =
    typeof options.trustedIssuers === 'function'
      ? options.trustedIssuers(decoded.issuer)
      : options.trustedIssuers.includes(decoded.issuer);
  if (!trusted) throw new SignedDataVerificationError('untrusted-issuer', decoded.issuer);
  if (options.vct && decoded.vct !== options.vct) throw new SignedDataVerificationError('type', `vct ${decoded.vct}`);

  let fields: string[];
  try {
    fields = await disclosedFields(presentation);
  } catch (error) {
    throw new SignedDataVerificationError('digests', (error as Error).message);
  }
  if (options.fields) {
    const expected = new Set(options.fields);
    const extra = fields.filter((field) => !expected.has(field));
    const missing = options.fields.filter((field) => !fields.includes(field));
    if (extra.length > 0 || missing.length > 0)
      throw new SignedDataVerificationError(
        'fields',
        [
          extra.length > 0 && `not expected: ${extra.join(', ')}`,
          missing.length > 0 && `missing: ${missing.join(', ')}`,
        ]
          .filter(Boolean)
          .join('; '),
      );
  }
  // Days not asked for are refused like fields not asked for: before anything else is trusted.
  if (options.period) {
    const outside = datesOutside(decoded.data, options.period.schema, options.period.period);
    if (outside.length > 0) throw new SignedDataVerificationError('period', outside.slice(0, 3).join(', '));
  }
  if (binding && (!decoded.keyBinding || !decoded.holderKey))
    throw new SignedDataVerificationError('key-binding', 'none given');
  if (!decoded.status) throw new SignedDataVerificationError('status-unavailable', 'it has no status entry');
  const statusUri = decoded.status.status_list.uri;
  // The status list must come from where the issuer's metadata lives: the server that vouches for both.
  if (new URL(statusUri).origin !== new URL(decoded.issuer).origin)
    throw new SignedDataVerificationError('status-unavailable', 'its status list is on another origin');

  let issuerKeys: JSONWebKeySet;
  try {
    issuerKeys = await keys.ofIssuer(decoded.issuer);
  } catch (error) {
    throw new SignedDataVerificationError('issuer-keys', (error as Error).message);
  }
  let failedAt: VerificationFailure | undefined;
  const verifier = new SDJwtVcInstance({
    hasher: sha256,
    verifier: async (data, signature) => {
      const ok = await verifiesWith(`${data}.${signature}`, issuerKeys);
      if (!ok) failedAt = 'signature';
      return ok;
    },
    kbVerifier: async (data, signature, payload) => {
      const jwk = (payload.cnf as { jwk?: JsonWebKey } | undefined)?.jwk;
      const ok = jwk !== undefined && (await verifiesWithKey(`${data}.${signature}`, jwk));
      if (!ok) failedAt = 'key-binding';
      return ok;
    },
    statusListFetcher: async (uri) => {
      try {
        return await keys.statusList(uri);
      } catch (error) {
        failedAt = 'status-unavailable';
        throw error;
      }
    },
    statusVerifier: async (data, signature) => {
      const ok = await verifiesWith(`${data}.${signature}`, await keys.ofStatusIssuer(new URL(statusUri).origin)).catch(
        () => false,
      );
      if (!ok) failedAt = 'status-unavailable';
      return ok;
    },
    statusValidator: (status) => {
      if (status === 0) return Promise.resolve();
      failedAt = 'revoked';
      return Promise.reject(new Error(`status ${status}`));
    },
  });
  try {
    await verifier.verify(presentation, {
      ...(binding && { keyBindingNonce: binding.nonce }),
      currentDate: nowSeconds,
      skewSeconds: SKEW_SECONDS,
    });
  } catch (error) {
    const message = (error as Error).message;
    throw new SignedDataVerificationError(
      failedAt ??
        (/nonce/i.test(message) ? 'nonce' : /sd_hash|key binding/i.test(message) ? 'key-binding' : 'signature'),
      message,
    );
  }

  if (!binding) return { ...decoded, fields };
  const kb = decodeJwt(splitSdJwt(presentation).keyBinding!);
  if (kb.aud !== binding.audience) throw new SignedDataVerificationError('audience', `aud ${String(kb.aud)}`);
  const age = nowSeconds - (typeof kb.iat === 'number' ? kb.iat : -Infinity);
  if (age > (binding.maxAgeSeconds ?? 300) || age < -SKEW_SECONDS)
    throw new SignedDataVerificationError('stale', `made ${age} s ago`);
  return { ...decoded, fields };
}

async function verifiesWith(jws: string, jwks: JSONWebKeySet): Promise<boolean> {
  try {
    await compactVerify(jws, localKeySet(jwks), { algorithms: ['ES256'] });
    return true;
  } catch {
    return false;
  }
}

async function verifiesWithKey(jws: string, jwk: JsonWebKey): Promise<boolean> {
  try {
    await compactVerify(jws, await importJWK({ ...jwk, alg: 'ES256' }, 'ES256'), { algorithms: ['ES256'] });
    return true;
  } catch {
    return false;
  }
}
