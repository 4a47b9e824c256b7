import type { AgentCommand, SnapshotResult } from '@contract/agent-protocol';
import { serverPaths } from '../data/server-paths';
import { takeSnapshot } from '../data/take-snapshot';
import { SnapshotFailedError } from '../errors';
import type { CommandContext } from './command-context';
import { snapshotStoreOf } from './snapshot-store-of';

/** data.snapshot: archive the server folder (bin/ excluded) and verify it; see takeSnapshot. */
export async function snapshotData(
  ctx: CommandContext,
  { serverId, serverName, dataPath, snapshotId }: Extract<AgentCommand, { name: 'data.snapshot' }>,
): Promise<SnapshotResult> {
  const store = snapshotStoreOf(
    ctx,
    (message) => new SnapshotFailedError(message, { reason: 'no-snapshot-root' }),
  );
  const paths = serverPaths(dataPath, serverName);
  const result = await takeSnapshot({
    store,
    paths,
    serverId,
    serverName,
    snapshotId,
    onProgress: (current, total, percent) =>
      ctx.progress({
        phase: 'snapshotting',
        message: 'Archiving the server folder and reading it back',
        current,
        total,
        percent,
      }),
  });
  ctx.logger.info(
    { snapshotId, path: result.path, sizeBytes: result.sizeBytes, fileCount: result.fileCount },
    'snapshot written and verified',
  );
  return result;
}
