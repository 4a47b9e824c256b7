import type { ContainerInfo } from '@contract/agent-protocol';
import { NoContainerError } from '../errors';
import type { CommandContext } from './command-context';

/** The server's container (the running one if, against the rules, there are several); NO_CONTAINER when none. */
export async function findServerContainer(
  ctx: CommandContext,
  serverId: string,
): Promise<ContainerInfo> {
  const found = await ctx.runtime.findByServerId(serverId);
  const container = found.find((c) => c.running) ?? found[0];
  if (!container) throw new NoContainerError(serverId);
  return container;
}
