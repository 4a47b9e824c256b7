import type { SnapshotArchive } from '../data/host-data';
import type { AgentError } from '../errors';
import type { CommandContext } from './command-context';

/** The host's snapshot archive, or `refusal` when the agent has no snapshot root configured. */
export function snapshotArchiveOf(
  ctx: CommandContext,
  refusal: (message: string) => AgentError,
): SnapshotArchive {
  if (!ctx.data.snapshots) {
    throw refusal(
      'this agent has no snapshot root: start it with --data-path, --snapshot-root or ZEDOPS_SNAPSHOT_ROOT',
    );
  }
  return ctx.data.snapshots;
}
