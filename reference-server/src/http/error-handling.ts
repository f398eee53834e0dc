import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { ErrorCode } from '@regiekit/sdk/protocol';
import type { Logger } from 'pino';
import { isStorageUnavailable } from '../storage/storage-errors.js';
import { ApiError, errorBody } from './api-error.js';

const codeForStatus: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/**
 * Validation failures name the field and the rule, never the value sent:
 * the value may be a BSN or a code.
 */
export function validationError(error: ZodError): ApiError {
  const details = error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
  return new ApiError(400, 'validation_failed', 'The request does not match the API contract.', details);
}

/** `defaultHook` for every OpenAPI route: one error shape for every validation failure. */
export function validationHook(result: { success: boolean; error?: ZodError }, c: Context): Response | undefined {
  if (result.success || !result.error) return undefined;
  const error = validationError(result.error);
  return c.json(errorBody(error.code, error.message, error.details), 400);
}

export function errorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof ApiError) return c.json(errorBody(error.code, error.message, error.details), error.status);
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      const code = codeForStatus[status] ?? (status >= 500 ? 'internal' : 'bad_request');
      const message =
        status === 400 ? 'The request body could not be read (malformed JSON?).' : error.message || 'Request rejected.';
      return c.json(errorBody(code, message), status);
    }
    if (isStorageUnavailable(error)) {
      logger.warn(
        { err: { type: error.name, message: error.message }, requestId: c.get('requestId') },
        'storage unavailable',
      );
      c.header('Retry-After', '2');
      return c.json(errorBody('upstream_unavailable', 'Storage is unavailable for a moment. Try again shortly.'), 503);
    }
    // Only the error's type and message: request bodies never reach the log.
    logger.error(
      { err: { type: error.name, message: error.message, stack: error.stack }, requestId: c.get('requestId') },
      'unhandled error',
    );
    return c.json(errorBody('internal', 'Something went wrong on our side.'), 500);
  };
}

export const notFoundHandler: NotFoundHandler = (c) => c.json(errorBody('not_found', 'No such endpoint.'), 404);
