import type { ErrorBody, ErrorCode } from '@regiekit/sdk/protocol';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An expected failure with a stable code; the error handler turns it into the
 * one error shape. It carries no stack trace: it is an answer, not a fault,
 * and capturing a stack on every wrong code would cost more than the lookup.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

export function errorBody(code: ErrorCode, message: string, details?: { path: string; message: string }[]): ErrorBody {
  return { error: { code, message, ...(details && { details }) } };
}

/** The one 404 for "no such thing, or not yours": the same body whatever the reason, so it is no oracle. */
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
