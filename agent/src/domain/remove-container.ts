import type { AgentCommand } from '@contract/agent-protocol';
import { assertInsideAllowedRoots } from '../data/allowed-roots';
import { serverPaths } from '../data/server-paths';
import type { CommandContext } from './command-context';

/**
 * Removes every container of the server. Data goes only with removeData (purge), only inside this
 * host's roots and only when the marker names this server — checked before any container is
 * touched, so a refused purge leaves everything as it was.
 */
export async function removeContainer(
  ctx: CommandContext,
  {
    serverId,
    serverName,
    dataPath,
    removeData,
  }: Extract<AgentCommand, { name: 'container.remove' }>,
): Promise<{ removedContainerIds: string[]; dataRemoved: boolean }> {
  const paths = serverPaths(dataPath, serverName);
  if (removeData) {
    assertInsideAllowedRoots(paths, ctx.allowedRoots);
    await ctx.data.assertRemovable(paths, serverId);
  }

  const containers = await ctx.runtime.findByServerId(serverId);
  const removedContainerIds: string[] = [];
  for (const container of containers) {
    ctx.progress({ phase: 'removing', message: `Removing ${container.name}` });
    await ctx.runtime.remove(container.id);
    removedContainerIds.push(container.id);
  }
  let dataRemoved = false;
  if (removeData) {
    ctx.progress({ phase: 'removing', message: `Removing data ${paths.root}` });
    dataRemoved = await ctx.data.remove(paths, serverId);
    ctx.logger.warn(
      { path: paths.root, dataRemoved },
      'server data purged on request (removeData=true)',
    );
  }
  return { removedContainerIds, dataRemoved };
}
