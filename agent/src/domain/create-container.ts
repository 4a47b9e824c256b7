import type { AgentCommand, ContainerInfo, CreateResult } from '@contract/agent-protocol';
import { assertInsideAllowedRoots } from '../data/allowed-roots';
import { serverPaths } from '../data/server-paths';
import { ContainerNameConflictError, ContainerStartError } from '../errors';
import type { CommandContext } from './command-context';
import { containerDefinition } from './container-definition';
import { checkDataBeforeCreate, inspectOrFail, launchContainer } from './launch-container';
import { assertPortsFree } from './port-check';
import { pinOf, resolveImage } from './resolve-image';

type CreateCommand = Extract<AgentCommand, { name: 'container.create' }>;

/**
 * Idempotent create. A container already labelled with this server id is adopted (and started),
 * never duplicated. Otherwise: name free? ports free? data present when required? — all checked
 * before anything is pulled or written — then pull, data dirs, create, start.
 */
export async function createContainer(
  ctx: CommandContext,
  { spec, requireData }: CreateCommand,
): Promise<CreateResult> {
  const paths = serverPaths(spec.dataPath, spec.serverName);
  assertInsideAllowedRoots(paths, ctx.allowedRoots);
  const definition = containerDefinition(spec, paths);

  // Independent reads travel together: a recreate costs Docker round trips, not their sum.
  const [existing, sameName] = await Promise.all([
    ctx.runtime.findByServerId(spec.serverId),
    ctx.runtime.findByName(definition.name),
  ]);
  if (existing.length > 0) return adopt(ctx, existing);
  if (sameName) {
    throw new ContainerNameConflictError(
      `a container named ${definition.name} already exists and belongs to ${sameName.serverId ? `server ${sameName.serverId}` : 'no ZedOps server'}; it was left untouched`,
      { containerId: sameName.id, containerName: sameName.name, serverId: sameName.serverId },
    );
  }
  const [, { freshData }] = await Promise.all([
    assertPortsFree(ctx.runtime, definition.udpPorts, []),
    checkDataBeforeCreate(paths, spec, requireData, ctx),
  ]);

  const image = await resolveImage(ctx, spec);
  const container = await launchContainer(ctx, paths, spec.serverId, {
    ...definition,
    imageRef: image.ref,
  });
  ctx.logger.info(
    { containerId: container.id, imageSource: image.source, freshData },
    'container created and started',
  );
  const pin = image.pin ?? (await pinOf(ctx, image.ref, spec.image));
  return { container, adopted: false, imageSource: image.source, freshData, image: pin };
}

async function adopt(ctx: CommandContext, existing: ContainerInfo[]): Promise<CreateResult> {
  const chosen = existing.find((c) => c.running) ?? existing[0]!;
  if (existing.length > 1) {
    ctx.logger.warn(
      { containerIds: existing.map((c) => c.id) },
      'more than one container carries this server id',
    );
  }
  if (!chosen.running) {
    ctx.progress({ phase: 'starting', message: `Starting existing container ${chosen.name}` });
    try {
      await ctx.runtime.start(chosen.id);
    } catch (err) {
      throw new ContainerStartError(
        `existing container ${chosen.name} did not start: ${(err as Error).message}`,
        {
          containerId: chosen.id,
        },
      );
    }
  }
  ctx.logger.info({ containerId: chosen.id }, 'adopted the existing container of this server');
  return {
    container: await inspectOrFail(ctx, chosen.id),
    adopted: true,
    imageSource: 'existing',
    freshData: false,
  };
}
