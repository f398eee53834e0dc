import type { Hasher, SaltGenerator, Signer } from '@sd-jwt/types';

/**
 * The primitives SD-JWT needs, on Web Crypto so the same code runs in Node
 * and in browsers: SHA-256 for disclosure digests, random salts, and ES256
 * signatures (Web Crypto's ECDSA output is the raw r||s that JWS uses).
 */
const subtle = () => globalThis.crypto.subtle;
const encoder = new TextEncoder();

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const sha256: Hasher = async (data, alg) => {
  if (alg.toLowerCase() !== 'sha-256') throw new Error(`unsupported digest ${alg}: regiekit uses sha-256`);
  const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
  return new Uint8Array(await subtle().digest('SHA-256', bytes));
};

/** A fresh nonce a recipient asks a presentation to be bound to: 192 random bits, base64url. */
export function presentationNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return base64url(bytes);
}

/** 128 bits of salt per disclosure, as the SD-JWT draft recommends. */
export const salt: SaltGenerator = (length) => {
  const bytes = new Uint8Array(Math.max(16, length));
  globalThis.crypto.getRandomValues(bytes);
  return base64url(bytes);
};

/** A private EC P-256 key: a CryptoKey, or its JWK (with `d`). */
export type PrivateKeyInput = CryptoKey | JsonWebKey;

async function signingKey(key: PrivateKeyInput): Promise<CryptoKey> {
  if (!('kty' in key)) return key as CryptoKey;
  return subtle().importKey('jwk', key, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
}

/** Signs the JWS signing input with ES256. */
export function es256Signer(key: PrivateKeyInput): Signer {
  const imported = signingKey(key);
  return async (data) => {
    const signature = await subtle().sign({ name: 'ECDSA', hash: 'SHA-256' }, await imported, encoder.encode(data));
    return base64url(new Uint8Array(signature));
  };
}

/** A fresh P-256 key pair for key binding: the public half goes in `cnf.jwk`. */
export async function newHolderKey(): Promise<{ publicJwk: JsonWebKey; privateJwk: JsonWebKey }> {
  const pair = (await subtle().generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const privateJwk = await subtle().exportKey('jwk', pair.privateKey);
  const { kty, crv, x, y } = privateJwk;
  return { publicJwk: { kty, crv, x, y }, privateJwk };
}
