import { createECDH, createHmac, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import type { KeyRing } from './key-ring.js';

/** P-256 group order: a derived scalar must be below it (it almost always is). */
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

/**
 * The server's own ES256 keys, one per master key, derived (HKDF) so that
 * every instance has the same keys without storing them. They sign consent
 * receipts and the server's requests to providers; the public halves are the
 * JWKS at `/.well-known/jwks.json` (tenants/server-signer.ts keeps a key
 * published after its master key is retired, so receipts stay verifiable).
 */
export class ServerSigningKeys {
  private readonly keys: SigningKey[];

  constructor(ring: KeyRing) {
    this.keys = ring.keyIds.map((keyId) => derive(ring, keyId));
  }

  get current(): SigningKey {
    return this.keys[0]!;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  /** A compact JWS of `payload` (a JWT with the given claims) under the current key. */
  sign(
    payload: Record<string, unknown>,
    claims: {
      issuer: string;
      audience?: string;
      subject?: string;
      expiresInSeconds?: number;
      type?: string;
      /** The signing time (ms); the server's clock, so `iat` and `exp` agree with the rest of the server. */
      now?: number;
    },
  ): Promise<string> {
    const iat = Math.floor((claims.now ?? Date.now()) / 1000);
    let jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: this.current.kid, ...(claims.type && { typ: claims.type }) })
      .setIssuer(claims.issuer)
      .setIssuedAt(iat);
    if (claims.audience) jwt = jwt.setAudience(claims.audience);
    if (claims.subject) jwt = jwt.setSubject(claims.subject);
    if (claims.expiresInSeconds) jwt = jwt.setExpirationTime(iat + claims.expiresInSeconds);
    return jwt.sign(this.current.privateKey);
  }
}

function derive(ring: KeyRing, keyId: string): SigningKey {
  // Counter-based retry keeps the scalar in range without biasing it noticeably.
  for (let counter = 0; ; counter++) {
    const seed = createHmac('sha256', ring.derive(keyId, '*', 'server-signing'))
      .update(`p256/${counter}`)
      .digest();
    const scalar = BigInt(`0x${seed.toString('hex')}`);
    if (scalar === 0n || scalar >= P256_ORDER) continue;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(seed);
    const point = ecdh.getPublicKey();
    const x = point.subarray(1, 33).toString('base64url');
    const y = point.subarray(33, 65).toString('base64url');
    const privateKey = createPrivateKey({
      key: { kty: 'EC', crv: 'P-256', x, y, d: seed.toString('base64url') },
      format: 'jwk',
    });
    const kid = `regiekit-${keyId}`;
    return { kid, privateKey, publicJwk: { ...exportPublic(privateKey), kid, alg: 'ES256', use: 'sig' } };
  }
}

function exportPublic(privateKey: KeyObject): JWK {
  return createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
}
