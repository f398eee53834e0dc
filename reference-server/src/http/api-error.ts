import type { ErrorBody, ErrorCode } from '@regiekit/sdk/protocol';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An expected failure with a stable code; the error handler turns it into the one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string, details?: { path: string; message: string }[]): ErrorBody {
  return { error: { code, message, ...(details && { details }) } };
}

/** The one 404 for "no such thing, or not yours": the same body whatever the reason, so it is no oracle. */
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
