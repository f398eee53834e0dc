import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with the key id in the output (`v1.<kid>.<iv>.<ciphertext+tag>`).
 * The additional data binds a ciphertext to its row (tenant, record id): a
 * value copied into another row fails to open.
 */
export function seal(key: Buffer, keyId: string, plaintext: string | Buffer, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, keyId, iv.toString('base64url'), body.toString('base64url')].join('.');
}

export function keyIdOf(sealed: string): string {
  const [version, keyId] = sealed.split('.');
  if (version !== VERSION || !keyId) throw new Error('not a sealed value');
  return keyId;
}

export function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [version, , ivText, bodyText] = sealed.split('.');
  if (version !== VERSION || !ivText || !bodyText) throw new Error('not a sealed value');
  const body = Buffer.from(bodyText, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
}
