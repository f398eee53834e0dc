import { randomBytes, randomInt } from 'node:crypto';

/** `length` decimal digits from the CSPRNG; each digit is uniform, leading zeros included. */
export function randomDigits(length: number): string {
  let digits = '';
  for (let i = 0; i < length; i++) digits += String(randomInt(0, 10));
  return digits;
}

/** A URL-safe random string carrying `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
