import type { AgentCommand, ContainerInfo, CreateResult } from '@contract/agent-protocol';
import { assertInsideAllowedRoots } from '../data/allowed-roots';
import { serverPaths } from '../data/server-paths';
import { ContainerNameConflictError, ContainerStartError } from '../errors';
import type { CommandContext } from './command-context';
import { containerDefinition } from './container-definition';
import { checkDataBeforeCreate, inspectOrFail, launchContainer } from './launch-container';
import { assertPortsFree } from './port-check';
import { pinnedLocalImage, pinOf, resolveImage } from './resolve-image';

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

  // Every read before the create travels together: a recreate costs one Docker round trip of
  // checks, not their sum. They are judged in a fixed order, so the answer never depends on which
  // read came back first, and nothing is pulled or written unless all of them pass.
  const [existing, sameName, ports, data, localPin] = await Promise.allSettled([
    ctx.runtime.findByServerId(spec.serverId),
    ctx.runtime.findByName(definition.name),
    assertPortsFree(ctx.runtime, definition.udpPorts, []),
    checkDataBeforeCreate(paths, spec, requireData, ctx),
    pinnedLocalImage(ctx, spec),
  ]);
  if (settled(existing).length > 0) return adopt(ctx, settled(existing));
  const holder = settled(sameName);
  if (holder) {
    throw new ContainerNameConflictError(
      `a container named ${definition.name} already exists and belongs to ${holder.serverId ? `server ${holder.serverId}` : 'no ZedOps server'}; it was left untouched`,
      { containerId: holder.id, containerName: holder.name, serverId: holder.serverId },
    );
  }
  settled(ports);
  const { freshData } = settled(data);

  const image = settled(localPin) ?? (await resolveImage(ctx, spec));
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

/** A settled read's value, or its error thrown. */
function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
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
