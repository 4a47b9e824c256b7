import type { ContainerInfo, ContainerSpec } from '@contract/agent-protocol';
import type { ServerPaths } from '../data/server-paths';
import { AgentError, ContainerStartError, DataMissingError, DockerError } from '../errors';
import type { ContainerDefinition } from '../runtime/container-runtime';
import type { CommandContext } from './command-context';

/** DATA_MISSING when data is required but `data/` is absent or empty; otherwise whether it is fresh. */
export async function checkDataBeforeCreate(
  paths: ServerPaths,
  spec: ContainerSpec,
  requireData: boolean,
  ctx: CommandContext,
): Promise<{ freshData: boolean }> {
  ctx.progress({ phase: 'checking-data', message: `Checking ${paths.data}` });
  const state = await ctx.data.inspect(paths, spec.serverId);
  if (requireData && !state.dataExists) {
    throw new DataMissingError(
      `no world data at ${paths.data} (absent or empty); nothing was created`,
      {
        path: paths.data,
      },
    );
  }
  if (state.marker === 'mismatch') {
    ctx.logger.warn(
      { path: paths.root, markerServerId: state.markerServerId },
      'data folder marker names another server',
    );
  }
  return { freshData: !state.dataExists };
}

/**
 * Creates the data dirs (keeping what is there), creates the container and starts it. When start
 * fails the new container is removed again — the data stays — and CONTAINER_START_FAILED is raised.
 */
export async function launchContainer(
  ctx: CommandContext,
  paths: ServerPaths,
  serverId: string,
  definition: ContainerDefinition,
): Promise<ContainerInfo> {
  ctx.progress({ phase: 'creating', message: `Creating ${definition.name}` });
  await ctx.data.prepare(paths, serverId);
  const containerId = await ctx.runtime.create(definition);
  ctx.progress({ phase: 'starting', message: `Starting ${definition.name}` });
  try {
    await ctx.runtime.start(containerId);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    ctx.logger.warn(
      { containerId, reason },
      'start failed; removing the new container (data kept)',
    );
    await ctx.runtime.remove(containerId).catch((removeErr: unknown) => {
      ctx.logger.error(
        { containerId, err: removeErr },
        'could not remove the container whose start failed',
      );
    });
    if (err instanceof AgentError && err.code === 'DOCKER_UNAVAILABLE') throw err;
    throw new ContainerStartError(`container ${definition.name} did not start: ${reason}`, {
      removedContainerId: containerId,
    });
  }
  return inspectOrFail(ctx, containerId);
}

/** The container's current state; it vanishing right after an action is a Docker-side failure. */
export async function inspectOrFail(
  ctx: CommandContext,
  containerId: string,
): Promise<ContainerInfo> {
  const info = await ctx.runtime.inspect(containerId);
  if (!info)
    throw new DockerError(
      `container ${containerId} disappeared right after it was created or changed`,
    );
  return info;
}
