import type { AgentCommand, ContainerInfo } from '@contract/agent-protocol';
import type { CommandContext } from './command-context';
import { findServerContainer } from './find-server-container';
import { inspectOrFail } from './launch-container';

/** Graceful stop: SIGTERM, SIGKILL after timeoutSeconds. The container (and data) stay. */
export async function stopContainer(
  ctx: CommandContext,
  { serverId, timeoutSeconds }: Extract<AgentCommand, { name: 'container.stop' }>,
): Promise<{ container: ContainerInfo }> {
  const container = await findServerContainer(ctx, serverId);
  ctx.progress({
    phase: 'stopping',
    message: `Stopping ${container.name} (up to ${timeoutSeconds}s)`,
  });
  await ctx.runtime.stop(container.id, timeoutSeconds);
  return { container: await inspectOrFail(ctx, container.id) };
}
