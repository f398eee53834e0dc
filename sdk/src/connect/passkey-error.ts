/**
 * Why a passkey ceremony in the browser did not give a credential.
 * - `cancelled`: the person closed the browser's prompt, or it timed out (NotAllowedError): a normal outcome.
 * - `unsupported`: this browser cannot use passkeys.
 * - `already-registered`: this authenticator already holds a passkey for the account (InvalidStateError).
 * - `failed`: anything else the browser refused (e.g. a SecurityError on a wrong origin).
 */
export type PasskeyFailure = 'cancelled' | 'unsupported' | 'already-registered' | 'failed';

export class PasskeyError extends Error {
  override name = 'PasskeyError';
  constructor(
    readonly reason: PasskeyFailure,
    options?: { cause?: unknown },
  ) {
    super(`The passkey ceremony did not complete (${reason}).`, options);
  }

  /** Classifies what `navigator.credentials` (through @simplewebauthn/browser) threw. */
  static from(error: unknown): PasskeyError {
    if (error instanceof PasskeyError) return error;
    const name = error instanceof Error ? error.name : '';
    const reason: PasskeyFailure =
      name === 'NotAllowedError' || name === 'AbortError'
        ? 'cancelled'
        : name === 'InvalidStateError'
          ? 'already-registered'
          : 'failed';
    return new PasskeyError(reason, { cause: error });
  }
}
