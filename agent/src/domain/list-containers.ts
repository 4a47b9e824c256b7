import type { AgentCommand } from '@contract/agent-protocol';
import type { ManagedList } from '../runtime/container-runtime';
import type { CommandContext } from './command-context';

/** Every managed container on this host (or one server's), stopped ones included, with what drift needs. */
export async function listContainers(
  ctx: CommandContext,
  command: Extract<AgentCommand, { name: 'container.list' }>,
): Promise<ManagedList> {
  return ctx.runtime.listManaged(command.serverId);
}
