import { httpStatusForCode, type ApiErrorBody, type HttpErrorCode } from '@contract/errors';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type pino from 'pino';
import { ApiError, StorageUnavailableError } from '../domain/errors';

/** The one place errors become HTTP responses: domain error code → contract status and body. */
export function errorResponse(
  c: Context,
  code: HttpErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Response {
  const body: ApiErrorBody = { error: { code, message, ...(details ? { details } : {}) } };
  const text = JSON.stringify(body);
  // With its length: a small answer then goes out as it is, never read back (compress.ts).
  return c.body(text, httpStatusForCode[code] as ContentfulStatusCode, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
  });
}

/** Hono onError: named domain errors map to their code; anything else is a 500 without internals. */
export function makeErrorHandler(logger: pino.Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof StorageUnavailableError)
      logger.warn({ code: err.sqliteCode, path: c.req.path, method: c.req.method }, err.message);
    if (err instanceof ApiError) return errorResponse(c, err.code, err.message, err.details);
    logger.error({ err, path: c.req.path, method: c.req.method }, 'unexpected error');
    return errorResponse(c, 'INTERNAL', 'Internal error');
  };
}
