import type { SnapshotStore } from '../data/snapshot-store';
import type { AgentError } from '../errors';
import type { CommandContext } from './command-context';

/** The agent's snapshot store, or `refusal` when it has no snapshot root configured. */
export function snapshotStoreOf(
  ctx: CommandContext,
  refusal: (message: string) => AgentError,
): SnapshotStore {
  if (!ctx.snapshots) {
    throw refusal(
      'this agent has no snapshot root: start it with --data-path, --snapshot-root or ZEDOPS_SNAPSHOT_ROOT',
    );
  }
  return ctx.snapshots;
}
