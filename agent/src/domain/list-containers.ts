import type { ContainerInfo } from '@contract/agent-protocol';
import type { CommandContext } from './command-context';

/** Every managed container on this host, stopped ones included. */
export async function listContainers(
  ctx: CommandContext,
): Promise<{ containers: ContainerInfo[] }> {
  return { containers: await ctx.runtime.listManaged() };
}
