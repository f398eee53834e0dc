import { z } from 'zod';

/**
 * Every error the API returns has this one shape, so clients can branch on
 * `error.code` without parsing messages. Codes are stable; messages are for people.
 */
export const ErrorCode = z.enum([
  'bad_request',
  'validation_failed',
  'unauthorized',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  'method_not_allowed',
  'payload_too_large',
  'headers_too_large',
  'unsupported_media_type',
  'rate_limited',
  'token_expired',
  'token_used',
  'wrong_confirmation_code',
  'passkey_required',
  'passkey_failed',
  'wrong_account',
  'wrong_session',
  'upstream_unavailable',
  'upstream_timeout',
  'consent_not_active',
  'policy_rejected',
  'outside_policy',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;
