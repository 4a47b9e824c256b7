import type { HttpErrorCode, OperationError, OperationErrorCode } from '@contract/errors';
import type { Fingerprint } from '@contract/http/snapshots';
import type { RefusalCode } from '@contract/lifecycle';

/**
 * Request errors: each named class carries its contract code; the HTTP layer maps code → status
 * with the contract's `httpStatusForCode` (the one mapping table).
 */
export class ApiError extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends ApiError {
  constructor(message = 'Sign in first') {
    super('UNAUTHENTICATED', message);
  }
}
export class InvalidCredentialsError extends ApiError {
  constructor() {
    super('INVALID_CREDENTIALS', 'Wrong email or password');
  }
}
export class ForbiddenError extends ApiError {
  constructor(message = 'Your role does not allow this') {
    super('FORBIDDEN', message);
  }
}
export class NotFoundError extends ApiError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}
export class ValidationError extends ApiError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('VALIDATION_FAILED', message, details);
  }
}
export class OperationInProgressError extends ApiError {
  constructor(operationId: string, kind: string) {
    super('OPERATION_IN_PROGRESS', `Another operation (${kind}) is already active on this server`, {
      operationId,
    });
  }
}
export class DataMissingError extends ApiError {
  constructor(path: string) {
    super(
      'DATA_MISSING',
      `No server data at ${path}; confirm a fresh start (allowFreshStart) to create an empty world`,
      {
        path,
      },
    );
  }
}
export class DataDivergedError extends ApiError {
  constructor(serverName: string, healthy: Fingerprint, current: Fingerprint) {
    super(
      'DATA_DIVERGED',
      `The world of ${serverName} no longer looks like its last healthy state (Saves/ emptied, or under half the files or bytes); roll back a snapshot, or repeat with allowDataDivergence: true to use the data as it is`,
      { healthy, current },
    );
  }
}
export class NoContainerError extends ApiError {
  constructor(message = 'The server has no container; recreate or start it first') {
    super('NO_CONTAINER', message);
  }
}
export class InvalidStateError extends ApiError {
  constructor(message: string) {
    super('INVALID_STATE', message);
  }
}
export class NameTakenError extends ApiError {
  constructor(message: string, field = 'name') {
    super('NAME_TAKEN', message, { field });
  }
}
export class PortConflictError extends ApiError {
  constructor(port: number, field: string) {
    super('PORT_CONFLICT', `Port ${port} is already used by another server on this agent`, {
      port,
      field,
    });
  }
}
export class DataPathOverlapError extends ApiError {
  constructor(folder: string, other: { serverId: string; serverName: string; path: string }) {
    super(
      'DATA_PATH_OVERLAP',
      `The folder ${folder} overlaps the folder of server ${other.serverName} (${other.path}); two servers never share files`,
      { serverId: other.serverId, serverName: other.serverName, path: other.path },
    );
  }
}
export class DataPathNotAllowedError extends ApiError {
  constructor(folder: string, agentName: string, allowedRoots: string[]) {
    super(
      'DATA_PATH_NOT_ALLOWED',
      allowedRoots.length > 0
        ? `The folder ${folder} is outside the data roots ${agentName} allows: ${allowedRoots.join(', ')}`
        : `${agentName} has no allowed data roots yet; set a data path on the agent first`,
      { allowedRoots },
    );
  }
}
export class LastAdminError extends ApiError {
  constructor(email: string) {
    super(
      'LAST_ADMIN',
      `${email} is the last active admin; make another user admin first, or nobody could manage ZedOps`,
      { email },
    );
  }
}
export class AgentHasServersError extends ApiError {
  constructor(agentName: string, serverCount: number) {
    super(
      'AGENT_HAS_SERVERS',
      `${agentName} still has ${serverCount} server(s) (deleted ones included); purge them first`,
      { serverCount },
    );
  }
}
export class PayloadTooLargeError extends ApiError {
  constructor(limit: number) {
    super('PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`);
  }
}
export class RateLimitedError extends ApiError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', 'Too many attempts; try again later', { retryAfterSeconds });
  }
}
export class CsrfRejectedError extends ApiError {
  constructor() {
    super('CSRF_REJECTED', 'Cross-site request refused');
  }
}

/** The error for a refusal read from the lifecycle table. */
export function refusalError(refusal: { code: RefusalCode; reason: string }): ApiError {
  return refusal.code === 'NO_CONTAINER'
    ? new NoContainerError(refusal.reason)
    : new InvalidStateError(refusal.reason);
}

/** Failure of work on the agent, recorded on the operation (never thrown out of an HTTP handler). */
export class AgentOperationError extends Error {
  constructor(
    readonly code: OperationErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AgentOperationError';
  }

  /** The `{code, message, details?}` stored on the operation. */
  toOperationError(): OperationError {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export class AgentOfflineError extends AgentOperationError {
  constructor() {
    super('AGENT_DISCONNECTED', 'The agent is not connected');
  }
}
export class AgentTimeoutError extends AgentOperationError {
  constructor(command: string, ms: number) {
    super('AGENT_TIMEOUT', `The agent did not answer ${command} within ${Math.round(ms / 1000)} s`);
  }
}

/** Any thrown value → an operation error (unexpected ones become INTERNAL without a stack). */
export function toOperationError(err: unknown): OperationError {
  if (err instanceof AgentOperationError) return err.toOperationError();
  if (err instanceof StorageUnavailableError) return { code: 'INTERNAL', message: err.message };
  if (
    err instanceof ApiError &&
    (err.code === 'DATA_MISSING' || err.code === 'NO_CONTAINER' || err.code === 'PORT_CONFLICT')
  )
    return { code: err.code, message: err.message };
  // A queued action refused when its agent came back: the refusal's details travel with it.
  if (err instanceof ApiError && err.code === 'DATA_DIVERGED')
    return {
      code: err.code,
      message: err.message,
      ...(err.details ? { details: err.details } : {}),
    };
  if (err instanceof ApiError) return { code: 'INVALID_REQUEST', message: err.message };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : 'Unexpected error' };
}

export class NoFreePortError extends ApiError {
  constructor(field: string, what: string, from: number, to: number) {
    super(
      'PORT_CONFLICT',
      `No free ${what} left on this agent (${from}–${to} are all used); give ${field} explicitly`,
      { field },
    );
  }
}

/**
 * The database refused a read or write for a reason outside the request: locked by another
 * process, disk full, I/O error, read-only file system. Raised by the db layer only
 * (db/storage-guard.ts); transient, so HTTP answers 503 and background writes are retried.
 */
export class StorageUnavailableError extends ApiError {
  constructor(
    readonly sqliteCode: string,
    reason: string,
  ) {
    super(
      'STORAGE_UNAVAILABLE',
      `The manager's database is unavailable (${reason}); try again shortly`,
    );
  }
}
