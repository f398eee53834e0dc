import { RegieApiError } from '@regiekit/sdk/http';

/**
 * What went wrong, as the staff elements tell it. The server's error codes are
 * stable (sdk/src/protocol/errors.ts) but its messages are English and meant
 * for developers, so the elements pick their own sentence per code, in the
 * reader's language.
 */
export type StaffErrorKey =
  | 'network'
  | 'signInFailed'
  | 'wrongCurrentPassword'
  | 'tooManyAttempts'
  | 'sessionEnded'
  | 'passwordRejected'
  | 'usernameInvalid'
  | 'usernameTaken'
  | 'invalidInput'
  | 'conflict'
  | 'forbidden'
  | 'notFound'
  | 'unavailable'
  | 'unknown';

/** Where the error happened; the same code means something else in each form. */
export type StaffErrorContext = 'sign-in' | 'change-password' | 'create-account' | 'action';

export function staffErrorKey(error: unknown, context: StaffErrorContext): StaffErrorKey {
  if (!(error instanceof RegieApiError)) return 'unknown';
  if (error.status === 0) return 'network';
  if (error.status >= 500) return 'unavailable';
  switch (error.code) {
    case 'rate_limited':
      return 'tooManyAttempts';
    case 'invalid_credentials':
      return context === 'change-password' ? 'wrongCurrentPassword' : 'signInFailed';
    case 'unauthorized':
      return 'sessionEnded';
    case 'validation_failed':
      if (context === 'create-account' && error.details.some((detail) => detail.path === 'username'))
        return 'usernameInvalid';
      return context === 'create-account' || context === 'change-password' ? 'passwordRejected' : 'invalidInput';
    case 'conflict':
      return context === 'create-account' ? 'usernameTaken' : 'conflict';
    case 'forbidden':
      return 'forbidden';
    case 'not_found':
      return 'notFound';
    default:
      return error.status === 429 ? 'tooManyAttempts' : 'unknown';
  }
}
