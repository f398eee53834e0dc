import { hash, verify } from '@node-rs/argon2';
import { ApiError } from '../http/api-error.js';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { randomToken } from '../crypto/random.js';

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). */
const ARGON2_OPTIONS = {
  // 2 is Argon2id; the package exports it as a const enum, which isolated modules cannot read.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MIN_PASSWORD_LENGTH = 12;

/** Refuses short, common and username-like passwords, with a message a person can act on. */
export function checkPasswordPolicy(password: string, username: string): void {
  const lower = password.toLowerCase();
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new ApiError(400, 'validation_failed', `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password))
    throw new ApiError(400, 'validation_failed', 'This password is too common; choose another.');
  if (lower.includes(username.toLowerCase()))
    throw new ApiError(400, 'validation_failed', 'The password must not contain the username.');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the username does not exist, so an unknown
 * account takes as long to refuse as a wrong password.
 */
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = (): Promise<string> => (decoyHash ??= hashPassword(randomToken(16)));

/** Readable temporary password: 4 groups of 5 characters, about 100 bits. */
export function temporaryPassword(): string {
  return randomToken(16).replace(/[-_]/g, 'x').slice(0, 20).match(/.{5}/g)!.join('-');
}
