import type { AgentCommand, SnapshotOnDisk } from '@contract/agent-protocol';
import type { CommandContext } from './command-context';

/** data.snapshot.list: archives on disk (read only), for the manager to reconcile its records. */
export async function listSnapshots(
  ctx: CommandContext,
  { serverName }: Extract<AgentCommand, { name: 'data.snapshot.list' }>,
): Promise<{ snapshots: SnapshotOnDisk[] }> {
  return { snapshots: ctx.snapshots ? await ctx.snapshots.list(serverName) : [] };
}
