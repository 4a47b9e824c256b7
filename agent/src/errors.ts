import type { OperationError, OperationErrorCode } from '@contract/errors';

/**
 * A failure the manager should see with a specific code. Every code the agent answers with is
 * chosen here, by the named subclasses below; `toOperationError` is the one mapping to the wire.
 */
export class AgentError extends Error {
  constructor(
    readonly code: OperationErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidRequestError extends AgentError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('INVALID_REQUEST', message, details);
  }
}

export class DataMissingError extends AgentError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('DATA_MISSING', message, details);
  }
}

/** The folder is outside every root this host's owner allowed: nothing is mounted or removed. */
export class DataPathNotAllowedError extends AgentError {
  constructor(folder: string, allowedRoots: readonly string[]) {
    super(
      'DATA_PATH_NOT_ALLOWED',
      `refusing ${folder}: it is not inside a data root this host allows (${allowedRoots.join(', ') || 'none'}); the host owner can add one with --allowed-root`,
      { path: folder, allowedRoots: [...allowedRoots] },
    );
  }
}

/** A purge may delete only a folder whose marker names that very server. */
export class PurgeRefusedError extends AgentError {
  constructor(message: string, details: { path: string; markerServerId: string | null }) {
    super('PURGE_REFUSED', message, details);
  }
}

export class ContainerNameConflictError extends AgentError {
  constructor(
    message: string,
    details: { containerId: string; containerName: string; serverId: string | null },
  ) {
    super('CONTAINER_NAME_CONFLICT', message, details);
  }
}

export class PortConflictError extends AgentError {
  constructor(
    message: string,
    details: {
      port: number;
      containerId?: string;
      containerName?: string;
      serverId?: string | null;
    },
  ) {
    super('PORT_CONFLICT', message, details);
  }
}

export class ImagePullError extends AgentError {
  constructor(message: string, details: { image: string; registryMessage: string }) {
    super('IMAGE_PULL_FAILED', message, details);
  }
}

export class ImageUnavailableError extends AgentError {
  constructor(
    message: string,
    details: { imageId: string; imageDigest: string | null; image: string },
  ) {
    super('IMAGE_UNAVAILABLE', message, details);
  }
}

export class ContainerStartError extends AgentError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CONTAINER_START_FAILED', message, details);
  }
}

export class NoContainerError extends AgentError {
  constructor(serverId: string) {
    super('NO_CONTAINER', `no container for server ${serverId} on this host`, { serverId });
  }
}

export class DockerUnavailableError extends AgentError {
  constructor(message: string) {
    super('DOCKER_UNAVAILABLE', message);
  }
}

export class DockerError extends AgentError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('DOCKER_ERROR', message, details);
  }
}

/** A snapshot could not be written or read back; no partial archive is left behind. */
export class SnapshotFailedError extends AgentError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('SNAPSHOT_FAILED', message, details);
  }
}

/** A restore could not complete; the server folder holds what it held before. */
export class RestoreFailedError extends AgentError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('RESTORE_FAILED', message, details);
  }
}

/** The wire shape of any thrown value: named errors keep their code, anything else is INTERNAL. */
export function toOperationError(err: unknown): OperationError {
  if (err instanceof AgentError) {
    return {
      code: err.code,
      message: err.message,
      ...(err.details ? { details: err.details } : {}),
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `agent internal error: ${message}` };
}
