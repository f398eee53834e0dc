import type { IrmaSessionResult } from './irma-types.js';

export type DisclosureOutcome =
  | { kind: 'disclosed'; attributes: Record<string, string> }
  | { kind: 'waiting' }
  | { kind: 'cancelled' }
  | { kind: 'expired' }
  | { kind: 'invalid'; reason: string };

/**
 * Decides what an IRMA session result means for a call. Only a finished
 * session with a valid proof that holds exactly the requested attributes
 * counts; the browser's word is never taken for it.
 */
export function verifyDisclosure(result: IrmaSessionResult, requested: readonly string[]): DisclosureOutcome {
  switch (result.status) {
    case 'INITIALIZED':
    case 'PAIRING':
    case 'CONNECTED':
      return { kind: 'waiting' };
    case 'CANCELLED':
      return { kind: 'cancelled' };
    case 'TIMEOUT':
      return { kind: 'expired' };
    case 'DONE':
      break;
  }
  if (result.proofStatus !== 'VALID')
    return { kind: 'invalid', reason: `proof status ${result.proofStatus ?? 'missing'}` };
  const disclosed = (result.disclosed ?? []).flat();
  const attributes: Record<string, string> = {};
  for (const attribute of disclosed) {
    if (!requested.includes(attribute.id)) return { kind: 'invalid', reason: 'an attribute that was not asked for' };
    if (attribute.status !== 'PRESENT' || attribute.rawvalue == null)
      return { kind: 'invalid', reason: 'an attribute is not present' };
    attributes[attribute.id] = attribute.rawvalue;
  }
  const missing = requested.filter((id) => !(id in attributes));
  if (missing.length > 0) return { kind: 'invalid', reason: 'a requested attribute is missing' };
  return { kind: 'disclosed', attributes };
}
