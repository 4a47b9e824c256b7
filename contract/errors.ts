import { z } from './zod';

/** Codes an HTTP request can be refused with (docs/design.md §4). */
export const httpErrorCodes = [
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'OPERATION_IN_PROGRESS',
  'DATA_MISSING',
  'NO_CONTAINER',
  'INVALID_STATE',
  'NAME_TAKEN',
  'PORT_CONFLICT',
  'DATA_PATH_OVERLAP',
  'DATA_PATH_NOT_ALLOWED',
  /** The world diverged from its last healthy fingerprint; details `{healthy, current}`. */
  'DATA_DIVERGED',
  'LAST_ADMIN',
  'AGENT_HAS_SERVERS',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'CSRF_REJECTED',
  'STORAGE_UNAVAILABLE',
  'INTERNAL',
] as const;

/** Codes a failed operation (or an agent reply) carries. */
export const operationErrorCodes = [
  'IMAGE_PULL_FAILED',
  'IMAGE_UNAVAILABLE',
  'CONTAINER_NAME_CONFLICT',
  'CONTAINER_START_FAILED',
  'PORT_CONFLICT',
  'DATA_MISSING',
  /** A queued action found the world diverged when its agent came back (details as the HTTP one). */
  'DATA_DIVERGED',
  'NO_CONTAINER',
  'DATA_PATH_NOT_ALLOWED',
  'PURGE_REFUSED',
  'AGENT_DISCONNECTED',
  'AGENT_TIMEOUT',
  'INTERRUPTED',
  'CANCELLED',
  'DOCKER_UNAVAILABLE',
  'DOCKER_ERROR',
  'INVALID_REQUEST',
  /** A snapshot could not be written or verified; the step it guards did not run. */
  'SNAPSHOT_FAILED',
  /** Rolling back to a snapshot failed; the previous data was put back as it was. */
  'RESTORE_FAILED',
  /** The pinned image is neither on the host nor pullable by its digest. */
  'IMAGE_UNAVAILABLE',
  /** Purge refused: the folder's marker is absent or names another server. */
  'PURGE_REFUSED',
  'INTERNAL',
] as const;

export const HttpErrorCode = z.enum(httpErrorCodes);
export type HttpErrorCode = z.infer<typeof HttpErrorCode>;

export const OperationErrorCode = z.enum(operationErrorCodes);
export type OperationErrorCode = z.infer<typeof OperationErrorCode>;

/** HTTP status for each request error code: the one mapping, used by manager and mocks. */
export const httpStatusForCode: Record<HttpErrorCode, number> = {
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  OPERATION_IN_PROGRESS: 409,
  DATA_MISSING: 409,
  NO_CONTAINER: 409,
  INVALID_STATE: 409,
  NAME_TAKEN: 409,
  PORT_CONFLICT: 409,
  DATA_PATH_OVERLAP: 409,
  DATA_PATH_NOT_ALLOWED: 400,
  DATA_DIVERGED: 409,
  LAST_ADMIN: 409,
  AGENT_HAS_SERVERS: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  CSRF_REJECTED: 403,
  STORAGE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** `{ error: { code, message, details? } }` — the one error shape, end to end. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: HttpErrorCode,
    message: z.string(),
    details: z.optional(z.record(z.string(), z.unknown())),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Error recorded on a failed operation. */
export const OperationError = z.object({
  code: OperationErrorCode,
  message: z.string(),
  details: z.optional(z.record(z.string(), z.unknown())),
});
export type OperationError = z.infer<typeof OperationError>;
