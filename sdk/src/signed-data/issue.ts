import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc';
import type { DisclosureFrame } from '@sd-jwt/types';
import type { CredentialTemplate } from '../protocol/index.js';
import { SIGNED_DATA_TYPE } from '../protocol/signed-data.js';
import { es256Signer, salt, sha256, type PrivateKeyInput } from './web-crypto.js';

/** The issuing party's key: the private half of a key in the JWKS it registered with the server. */
export interface IssuerKey {
  privateKey: PrivateKeyInput;
  keyId: string;
}

/** Data holding fields the request did not ask for: the issuer must not sign it (data minimisation). */
export class SignedDataFieldError extends Error {
  override name = 'SignedDataFieldError';
  constructor(readonly fields: string[]) {
    super(`Not asked for, so not signed: ${fields.join(', ')}.`);
  }
}

/** Data of days outside the period asked: the issuer must not sign it (data minimisation). */
export class SignedDataPeriodError extends Error {
  override name = 'SignedDataPeriodError';
  constructor(readonly dates: string[]) {
    super(`Outside the period asked, so not signed: ${dates.length} date(s), first ${dates[0]}.`);
  }
}

/** Claim names SD-JWT VC reserves; a data field may not use them. */
export const REGISTERED_CLAIMS = ['iss', 'vct', 'iat', 'nbf', 'exp', 'cnf', 'status', 'sub', '_sd', '_sd_alg'];

/**
 * Signs `data` as an SD-JWT VC for the template the server sent: the
 * template's issuer, type, status entry and holder key, every top-level field
 * of `data` selectively disclosable (so the person can later show only some).
 * Refuses data holding a field the template does not allow.
 */
export async function issueSignedData(
  template: CredentialTemplate,
  data: Record<string, unknown>,
  key: IssuerKey,
  now: Date = new Date(),
): Promise<string> {
  const fields = Object.keys(data);
  const reserved = fields.filter((field) => REGISTERED_CLAIMS.includes(field));
  if (reserved.length > 0) throw new SignedDataFieldError(reserved);
  if (template.fields) {
    const extra = fields.filter((field) => !template.fields!.includes(field));
    if (extra.length > 0) throw new SignedDataFieldError(extra);
  }
  const issuer = new SDJwtVcInstance({
    hasher: sha256,
    hashAlg: 'sha-256',
    saltGenerator: salt,
    signer: es256Signer(key.privateKey),
    signAlg: 'ES256',
  });
  const payload: SdJwtVcPayload & Record<string, unknown> = {
    iss: template.issuer,
    vct: template.vct,
    iat: Math.floor(now.getTime() / 1000),
    status: template.status,
    ...(template.holderKey && { cnf: { jwk: template.holderKey } }),
    ...data,
  };
  // Every data field selectively disclosable; the registered claims stay in the clear.
  const frame = { _sd: fields } as DisclosureFrame<typeof payload>;
  return issuer.issue(payload, frame, { header: { typ: SIGNED_DATA_TYPE, kid: key.keyId } });
}
