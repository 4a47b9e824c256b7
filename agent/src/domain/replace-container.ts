import type { AgentCommand, CreateResult } from '@contract/agent-protocol';
import { assertInsideAllowedRoots } from '../data/allowed-roots';
import { serverPaths } from '../data/server-paths';
import { ContainerNameConflictError } from '../errors';
import type { CommandContext } from './command-context';
import { containerDefinition } from './container-definition';
import { checkDataBeforeCreate, launchContainer } from './launch-container';
import { assertPortsFree } from './port-check';
import { pinOf, resolveImage } from './resolve-image';

type ReplaceCommand = Extract<AgentCommand, { name: 'container.replace' }>;

/**
 * Rebuild: every container of the server id goes, a new one comes from the spec; data is kept.
 * All checks and the image pull happen while the old container still exists, so a refused or
 * failed pull leaves the server as it was instead of without a container.
 */
export async function replaceContainer(
  ctx: CommandContext,
  { spec, requireData }: ReplaceCommand,
): Promise<CreateResult> {
  const paths = serverPaths(spec.dataPath, spec.serverName);
  assertInsideAllowedRoots(paths, ctx.allowedRoots);
  const definition = containerDefinition(spec, paths);
  const own = await ctx.runtime.findByServerId(spec.serverId);
  const ownIds = own.map((c) => c.id);

  const sameName = await ctx.runtime.findByName(definition.name);
  if (sameName && !ownIds.includes(sameName.id)) {
    throw new ContainerNameConflictError(
      `a container named ${definition.name} already exists and is not this server's; it was left untouched`,
      { containerId: sameName.id, containerName: sameName.name, serverId: sameName.serverId },
    );
  }
  await assertPortsFree(ctx.runtime, definition.udpPorts, ownIds);
  const { freshData } = await checkDataBeforeCreate(paths, spec, requireData, ctx);

  const image = await resolveImage(ctx, spec);

  for (const old of own) {
    ctx.progress({ phase: 'removing', message: `Removing old container ${old.name}` });
    await ctx.runtime.remove(old.id);
  }
  const container = await launchContainer(ctx, paths, spec.serverId, {
    ...definition,
    imageRef: image.ref,
  });
  ctx.logger.info(
    { containerId: container.id, replaced: ownIds, imageSource: image.source },
    'container replaced',
  );
  const pin = image.pin ?? (await pinOf(ctx, image.ref, spec.image));
  return { container, adopted: false, imageSource: image.source, freshData, image: pin };
}
