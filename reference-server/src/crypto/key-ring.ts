import { createHash, hkdfSync } from 'node:crypto';
import { secretsEqual } from './constant-time.js';

export interface MasterKey {
  /** Stored next to every ciphertext so that old data stays readable after rotation. */
  id: string;
  key: Buffer;
}

/** What a derived key is for; one master key never encrypts and hashes with the same bytes. */
export type KeyPurpose =
  | 'personal-data'
  | 'dtmf-code-hmac'
  | 'secrets'
  | 'pairwise-pseudonym'
  | 'short-secret-hmac'
  | 'customer-key'
  | 'server-signing'
  | 'attempt-counter';

/**
 * Derives per-tenant, per-purpose keys from the master keys (HKDF-SHA256), so a
 * ciphertext of one tenant can never be opened with another tenant's key.
 */
export class KeyRing {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly current: MasterKey,
    private readonly previous: readonly MasterKey[] = [],
  ) {
    if (current.key.length !== 32) throw new Error('the master key must be 32 bytes');
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  /** Every key id that can still be read, current first. */
  get keyIds(): string[] {
    return [this.current.id, ...this.previous.map((k) => k.id)];
  }

  derive(keyId: string, tenantId: string, purpose: KeyPurpose): Buffer {
    const cacheKey = `${keyId}\u0000${tenantId}\u0000${purpose}`;
    let derived = this.cache.get(cacheKey);
    if (!derived) {
      const master = [this.current, ...this.previous].find((k) => k.id === keyId);
      if (!master) throw new Error(`unknown key id ${keyId}`);
      derived = Buffer.from(hkdfSync('sha256', master.key, 'regiekit/v1', `${tenantId}/${purpose}`, 32));
      this.cache.set(cacheKey, derived);
    }
    return derived;
  }
}

/** Parses `id:base64` (or bare base64, which gets id `k1`) into a master key. */
export function parseMasterKey(text: string): MasterKey {
  const colon = text.indexOf(':');
  const [id, encoded] = colon > 0 ? [text.slice(0, colon), text.slice(colon + 1)] : ['k1', text];
  const key = Buffer.from(encoded.trim(), 'base64');
  if (key.length !== 32) throw new Error('a master key must be 32 bytes, base64-encoded');
  if (!/^[A-Za-z0-9_-]{1,16}$/.test(id)) throw new Error('a master key id must be 1-16 letters, digits, _ or -');
  return { id, key };
}

/** SHA-256 of a high-entropy bearer token; enough because the token itself is random. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function tokenMatches(token: string, expectedHash: string): boolean {
  return secretsEqual(hashToken(token), expectedHash);
}
