import type { AgentCommand } from '@contract/agent-protocol';
import { assertDataRemovable, removeServerData } from '../data/remove-data';
import { serverPaths } from '../data/server-paths';
import type { CommandContext } from './command-context';

/**
 * Removes every container of the server. Data goes only with removeData (purge), and only when
 * the marker is this server's or absent — checked before any container is touched.
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
  if (removeData) await assertDataRemovable(paths, serverId);

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
    dataRemoved = await removeServerData(paths, serverId);
    ctx.logger.warn(
      { path: paths.root, dataRemoved },
      'server data purged on request (removeData=true)',
    );
  }
  return { removedContainerIds, dataRemoved };
}
