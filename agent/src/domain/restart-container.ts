import type { AgentCommand, ContainerInfo } from '@contract/agent-protocol';
import type { CommandContext } from './command-context';
import { findServerContainer } from './find-server-container';
import { inspectOrFail } from './launch-container';

/** Graceful restart of the server's existing container. */
export async function restartContainer(
  ctx: CommandContext,
  { serverId, timeoutSeconds }: Extract<AgentCommand, { name: 'container.restart' }>,
): Promise<{ container: ContainerInfo }> {
  const container = await findServerContainer(ctx, serverId);
  ctx.progress({ phase: 'stopping', message: `Restarting ${container.name}` });
  await ctx.runtime.restart(container.id, timeoutSeconds);
  return { container: await inspectOrFail(ctx, container.id) };
}
