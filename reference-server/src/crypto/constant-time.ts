import { timingSafeEqual } from 'node:crypto';

/** Compares two secrets without leaking, through timing, how much of them matched. */
export function secretsEqual(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}
