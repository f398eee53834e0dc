import { describe, expect, it } from 'vitest';
import { open, seal } from './envelope.js';
import { KeyRing, parseMasterKey, tokenMatches, hashToken } from './key-ring.js';
import { randomDigits, randomToken } from './random.js';
import { TenantCrypto } from './tenant-crypto.js';

const key = (byte: number, id = 'k1') => ({ id, key: Buffer.alloc(32, byte) });

describe('envelope encryption (AES-256-GCM)', () => {
  const aesKey = Buffer.alloc(32, 1);

  it('round-trips and carries the key id, with a fresh IV every time', () => {
    const a = seal(aesKey, 'k1', 'Willeke', 'nijmegen/call-1');
    const b = seal(aesKey, 'k1', 'Willeke', 'nijmegen/call-1');
    expect(a).toMatch(/^v1\.k1\./);
    expect(a).not.toBe(b);
    expect(open(aesKey, a, 'nijmegen/call-1').toString()).toBe('Willeke');
  });

  it('refuses a ciphertext moved to another row or tampered with', () => {
    const sealed = seal(aesKey, 'k1', '999993653', 'nijmegen/call-1');
    expect(() => open(aesKey, sealed, 'nijmegen/call-2')).toThrow();
    const body = sealed.split('.');
    body[3] = `${body[3]!.slice(0, -2)}AA`;
    expect(() => open(aesKey, body.join('.'), 'nijmegen/call-1')).toThrow();
  });
});

describe('TenantCrypto', () => {
  it('derives separate keys per tenant: one tenant cannot open another’s data', () => {
    const ring = new KeyRing(key(9));
    const nijmegen = new TenantCrypto(ring, 'nijmegen');
    const arnhem = new TenantCrypto(ring, 'arnhem');
    const sealed = nijmegen.sealPersonalData('999993653', 'call-1');
    expect(nijmegen.openPersonalData(sealed, 'call-1')).toBe('999993653');
    expect(() => arnhem.openPersonalData(sealed, 'call-1')).toThrow();
    expect(nijmegen.dtmfCodeHash('0123456789')).not.toBe(arnhem.dtmfCodeHash('0123456789'));
  });

  it('keeps old data readable and old codes resolvable after a key rotation', () => {
    const before = new TenantCrypto(new KeyRing(key(1, 'old')), 'nijmegen');
    const sealed = before.sealPersonalData('De Bruijn', 'call-1');
    const oldHash = before.dtmfCodeHash('0123456789');
    const after = new TenantCrypto(new KeyRing(key(2, 'new'), [key(1, 'old')]), 'nijmegen');
    expect(after.openPersonalData(sealed, 'call-1')).toBe('De Bruijn');
    expect(after.sealPersonalData('x', 'call-2')).toMatch(/^v1\.new\./);
    expect(after.dtmfCodeHashes('0123456789')).toContain(oldHash);
    expect(after.dtmfCodeHashes('0123456789')[0]).toMatch(/^new\./);
  });

  it('seals the code so that only the bearer of the call token can open it', () => {
    const crypto = new TenantCrypto(new KeyRing(key(3)), 'nijmegen');
    const token = randomToken();
    const sealed = crypto.sealForBearer('0012345678', token, 'call-1');
    expect(crypto.openForBearer(sealed, token, 'call-1')).toBe('0012345678');
    expect(() => crypto.openForBearer(sealed, randomToken(), 'call-1')).toThrow();
  });
});

describe('key material and tokens', () => {
  it('parses master keys with and without an id, and rejects short keys', () => {
    const b64 = Buffer.alloc(32, 5).toString('base64');
    expect(parseMasterKey(b64).id).toBe('k1');
    expect(parseMasterKey(`2026a:${b64}`).id).toBe('2026a');
    expect(() => parseMasterKey(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it('checks bearer tokens against their hash', () => {
    const token = randomToken();
    expect(tokenMatches(token, hashToken(token))).toBe(true);
    expect(tokenMatches(`${token}x`, hashToken(token))).toBe(false);
  });
});

describe('randomDigits', () => {
  it('gives fixed-length digit strings in which every digit, also a leading 0, occurs', () => {
    const codes = Array.from({ length: 2000 }, () => randomDigits(10));
    expect(codes.every((code) => /^[0-9]{10}$/.test(code))).toBe(true);
    const leading = new Set(codes.map((code) => code[0]));
    expect(leading.size).toBe(10);
    // 2000 codes: about 200 start with 0; fewer than 100 would mean a biased generator.
    expect(codes.filter((code) => code.startsWith('0')).length).toBeGreaterThan(100);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
