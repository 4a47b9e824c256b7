import type { AgentCommand, ContainerInfo } from '@contract/agent-protocol';
import type { CommandContext } from './command-context';
import { findServerContainer } from './find-server-container';
import { inspectOrFail } from './launch-container';

/** Starts the server's existing container; NO_CONTAINER when it has none (the manager then recreates). */
export async function startContainer(
  ctx: CommandContext,
  { serverId }: Extract<AgentCommand, { name: 'container.start' }>,
): Promise<{ container: ContainerInfo }> {
  const container = await findServerContainer(ctx, serverId);
  ctx.progress({ phase: 'starting', message: `Starting ${container.name}` });
  await ctx.runtime.start(container.id);
  return { container: await inspectOrFail(ctx, container.id) };
}
