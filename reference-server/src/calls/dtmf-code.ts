import { DTMF_CODE_LENGTH } from '@regiekit/sdk/protocol';
import { randomDigits } from '../crypto/random.js';

/**
 * A fresh DTMF code: 10 digits from the CSPRNG (about 33 bits). With 1,000 live
 * codes and a million guesses an attacker hits one with p ≈ 0.1, which is why
 * codes are also single use, short lived and rate limited (see resolve-code.ts).
 */
export function newDtmfCode(): string {
  return randomDigits(DTMF_CODE_LENGTH);
}

/** `tel:` URL that dials the number and then sends the code as DTMF tones after a pause. */
export function telUrl(phoneNumber: string, code: string): string {
  return `tel:${phoneNumber},${code}`;
}
