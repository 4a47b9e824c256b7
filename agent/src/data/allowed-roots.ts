import { helloDataPathProblem } from '@contract/agent-protocol';
import { isInsideAllowedRoots } from '@contract/server-folders';
import { DataPathNotAllowedError } from '../errors';
import type { ServerPaths } from './server-paths';

/** A bad path in the agent's own configuration (CLI or environment). */
export class AgentConfigError extends Error {}

/**
 * The roots this host serves: the default data path first, then each extra root the host owner
 * allowed. Throws (the agent does not start) when any is relative, unnormalised or a system
 * directory, or when there is none at all: such an agent could mount nothing.
 */
export function resolveAllowedRoots(
  defaultDataPath: string | undefined,
  extraRoots: readonly string[],
): string[] {
  const roots = [...new Set([...(defaultDataPath ? [defaultDataPath] : []), ...extraRoots])];
  const problem = helloDataPathProblem({
    defaultDataPath: defaultDataPath ?? null,
    allowedRoots: roots,
  });
  if (problem) throw new AgentConfigError(problem);
  if (roots.length === 0) {
    throw new AgentConfigError(
      'no data root: set --data-path (ZEDOPS_SERVER_DATA_PATH) or at least one --allowed-root (ZEDOPS_ALLOWED_DATA_ROOTS)',
    );
  }
  return roots;
}

/** DATA_PATH_NOT_ALLOWED unless the server's folder lies inside one of this host's roots. */
export function assertInsideAllowedRoots(paths: ServerPaths, roots: readonly string[]): void {
  if (!isInsideAllowedRoots(paths.root, roots))
    throw new DataPathNotAllowedError(paths.root, roots);
}
