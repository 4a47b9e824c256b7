import type { Fingerprint } from '@contract/http/snapshots';
import type { HttpErrorCode } from '@contract/errors';

/**
 * A request the mock manager refuses. Each subclass fixes its contract error code; the one
 * code → HTTP status mapping is the contract's `httpStatusForCode`, applied in handlers/respond.ts.
 */
export abstract class MockApiError extends Error {
  abstract readonly code: HttpErrorCode;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends MockApiError {
  readonly code = 'UNAUTHENTICATED';
  constructor() {
    super('Sign in to continue');
  }
}

export class InvalidCredentialsError extends MockApiError {
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    super('Wrong email or password');
  }
}

export class ForbiddenError extends MockApiError {
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends MockApiError {
  readonly code = 'NOT_FOUND';
}

export class ValidationFailedError extends MockApiError {
  readonly code = 'VALIDATION_FAILED';
}

export class OperationInProgressError extends MockApiError {
  readonly code = 'OPERATION_IN_PROGRESS';
  constructor(operationId: string, kind: string) {
    super(`Another operation (${kind}) is already running on this server`, { operationId });
  }
}

export class DataMissingError extends MockApiError {
  readonly code = 'DATA_MISSING';
  constructor(serverName: string, dataPath: string | null) {
    super(
      `No world data found for ${serverName}; recreating would start a fresh world. Repeat with allowFreshStart: true to confirm.`,
      { serverName, dataPath },
    );
  }
}

export class DataDivergedError extends MockApiError {
  readonly code = 'DATA_DIVERGED';
  constructor(serverName: string, healthy: Fingerprint, current: Fingerprint) {
    super(
      `The world of ${serverName} no longer looks like its last healthy state (Saves/ gone, or fewer than half the files or bytes); roll back a snapshot, or repeat with allowDataDivergence: true to use it as it is.`,
      { healthy, current },
    );
  }
}

export class NoContainerError extends MockApiError {
  readonly code = 'NO_CONTAINER';
  constructor(message: string) {
    super(message);
  }
}

export class InvalidStateError extends MockApiError {
  readonly code = 'INVALID_STATE';
}

export class NameTakenError extends MockApiError {
  readonly code = 'NAME_TAKEN';
}

export class PortConflictError extends MockApiError {
  readonly code = 'PORT_CONFLICT';
}

export class DataPathOverlapError extends MockApiError {
  readonly code = 'DATA_PATH_OVERLAP';
  constructor(folder: string, other: { serverId: string; serverName: string; path: string }) {
    super(
      `The folder ${folder} overlaps the folder of server ${other.serverName} (${other.path}); two servers never share files`,
      { serverId: other.serverId, serverName: other.serverName, path: other.path },
    );
  }
}

export class DataPathNotAllowedError extends MockApiError {
  readonly code = 'DATA_PATH_NOT_ALLOWED';
  constructor(folder: string, agentName: string, allowedRoots: string[]) {
    super(
      allowedRoots.length > 0
        ? `The folder ${folder} is outside the data roots ${agentName} allows: ${allowedRoots.join(', ')}`
        : `${agentName} has no allowed data roots yet; set a data path on the agent first`,
      { allowedRoots },
    );
  }
}

export class LastAdminError extends MockApiError {
  readonly code = 'LAST_ADMIN';
  constructor(email: string) {
    super(
      `${email} is the last active admin; make another user admin first, or nobody could manage ZedOps`,
      { email },
    );
  }
}

export class AgentHasServersError extends MockApiError {
  readonly code = 'AGENT_HAS_SERVERS';
  constructor(agentName: string, serverCount: number) {
    super(
      `${agentName} still has ${serverCount} server(s) (deleted ones included); purge them first`,
      {
        serverCount,
      },
    );
  }
}
