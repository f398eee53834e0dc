import type { ConnectTokenStatusName } from '../protocol/index.js';

/** A confirmation code as people read it: upper case, in groups of three ("K7R 4MX"). */
export function groupConfirmationCode(code: string): string {
  const plain = normalizeConfirmationCode(code);
  return plain.match(/.{1,3}/g)?.join(' ') ?? '';
}

/** What the server compares: upper case, without the spaces and dashes people type between groups. */
export function normalizeConfirmationCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** Whether a connect token can still change: after these, polling has nothing left to learn. */
export function isFinalConnectStatus(status: ConnectTokenStatusName): boolean {
  return status === 'connected' || status === 'expired' || status === 'failed';
}
