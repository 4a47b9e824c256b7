import { AgentError, DockerError, DockerUnavailableError } from '../../errors';

/** What dockerode/docker-modem attach to a failed request. */
interface ModemError {
  statusCode?: number;
  code?: string;
  json?: unknown;
  message?: string;
}

/** The engine's own message (`{"message": …}`), without docker-modem's "(HTTP code …)" prefix. */
export function engineMessage(err: unknown): string {
  const e = (err ?? {}) as ModemError;
  const json = e.json;
  if (json && typeof json === 'object' && 'message' in json && typeof json.message === 'string')
    return json.message;
  if (typeof json === 'string' && json.trim()) return json.trim();
  if (Buffer.isBuffer(json)) return json.toString('utf8').trim();
  return e.message ?? String(err);
}

export function statusCodeOf(err: unknown): number | undefined {
  return (err as ModemError | undefined)?.statusCode;
}

/** True when the engine could not be reached at all (socket missing, refused, reset). */
export function isEngineUnreachable(err: unknown): boolean {
  const code = (err as ModemError | undefined)?.code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ENOENT' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'EACCES'
  );
}

/** Wraps a Docker failure with the layer it came from, keeping named agent errors as they are. */
export function wrapDockerError(err: unknown, doing: string): AgentError {
  if (err instanceof AgentError) return err;
  if (isEngineUnreachable(err))
    return new DockerUnavailableError(
      `docker engine unreachable while ${doing}: ${engineMessage(err)}`,
    );
  const statusCode = statusCodeOf(err);
  return new DockerError(
    `docker: ${doing}: ${engineMessage(err)}`,
    statusCode ? { statusCode } : undefined,
  );
}
