import { decodeJwt, decodeProtectedHeader } from 'jose';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { StatusReference } from '../protocol/index.js';
import { REGISTERED_CLAIMS } from './issue.js';
import { base64url, sha256 } from './web-crypto.js';

/** What a signed-data credential or presentation says, read without checking anything. */
export interface DecodedSignedData {
  header: Record<string, unknown>;
  issuer: string;
  vct: string;
  issuedAt: Date;
  status?: StatusReference;
  holderKey?: JsonWebKey;
  /** The disclosed fields and their values. */
  data: Record<string, unknown>;
  /** The key-binding JWT, when it is a presentation. */
  keyBinding?: string;
}

/** The parts of `<jwt>~<disclosure>~…~<kb-jwt?>`. */
export function splitSdJwt(sdJwt: string): { jwt: string; disclosures: string[]; keyBinding?: string } {
  const parts = sdJwt.split('~');
  const last = parts.pop() ?? '';
  const [jwt = '', ...disclosures] = parts;
  return { jwt, disclosures, ...(last && { keyBinding: last }) };
}

/**
 * Every disclosure must be one the issuer signed: its digest (SHA-256 over
 * the disclosure as it travels, base64url) must be in the payload's `_sd`,
 * and none may come twice. Returns the names of the disclosed fields.
 */
export async function disclosedFields(sdJwt: string): Promise<string[]> {
  const { jwt, disclosures } = splitSdJwt(sdJwt);
  const payload = decodeJwt(jwt);
  if (payload._sd_alg !== undefined && payload._sd_alg !== 'sha-256') throw new Error('a digest other than sha-256');
  const signed = new Set(Array.isArray(payload._sd) ? (payload._sd as string[]) : []);
  const seen = new Set<string>();
  const names: string[] = [];
  for (const disclosure of disclosures) {
    const digest = base64url(await sha256(disclosure, 'sha-256'));
    if (!signed.has(digest)) throw new Error('a disclosure the issuer did not sign');
    if (seen.has(digest)) throw new Error('a disclosure given twice');
    seen.add(digest);
    const decoded = JSON.parse(new TextDecoder().decode(fromBase64url(disclosure))) as unknown[];
    if (!Array.isArray(decoded) || decoded.length !== 3 || typeof decoded[1] !== 'string')
      throw new Error('a disclosure that is not [salt, name, value]');
    names.push(decoded[1]);
  }
  return names;
}

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Reads a credential or presentation (disclosures resolved); checks no signature. */
export async function decodeSignedData(sdJwt: string): Promise<DecodedSignedData> {
  const { jwt, keyBinding } = splitSdJwt(sdJwt);
  const header = decodeProtectedHeader(jwt) as Record<string, unknown>;
  const claims = (await new SDJwtVcInstance({ hasher: sha256 }).getClaims(sdJwt)) as Record<string, unknown>;
  if (typeof claims.iss !== 'string' || typeof claims.vct !== 'string' || typeof claims.iat !== 'number')
    throw new Error('not an SD-JWT VC: iss, vct and iat are required');
  const data = Object.fromEntries(Object.entries(claims).filter(([name]) => !REGISTERED_CLAIMS.includes(name)));
  const cnf = claims.cnf as { jwk?: JsonWebKey } | undefined;
  return {
    header,
    issuer: claims.iss,
    vct: claims.vct,
    issuedAt: new Date(claims.iat * 1000),
    ...(claims.status !== undefined && { status: claims.status as StatusReference }),
    ...(cnf?.jwk && { holderKey: cnf.jwk }),
    data,
    ...(keyBinding && { keyBinding }),
  };
}

/**
 * SHA-256 (base64url) of exactly the signed data in a credential or
 * presentation: the issuer's JWT and the disclosures, in a fixed order, the
 * key-binding JWT left out. A credential and any presentation of all its
 * disclosures give the same digest, so a receipt signed before delivery
 * names what the recipient then holds.
 */
export async function signedContentDigest(sdJwt: string): Promise<string> {
  const { jwt, disclosures } = splitSdJwt(sdJwt);
  const canonical = `${jwt}~${[...disclosures].sort().join('~')}${disclosures.length > 0 ? '~' : ''}`;
  return base64url(await sha256(canonical, 'sha-256'));
}
