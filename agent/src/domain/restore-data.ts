import type { AgentCommand, RestoreResult } from '@contract/agent-protocol';
import { restoreSnapshot } from '../data/restore-snapshot';
import { serverPaths } from '../data/server-paths';
import { RestoreFailedError } from '../errors';
import type { CommandContext } from './command-context';
import { snapshotStoreOf } from './snapshot-store-of';

/**
 * data.restore: put a snapshot back (see restoreSnapshot). Refused while a container of the
 * server runs — a game server writing into a folder being swapped would corrupt both worlds.
 */
export async function restoreData(
  ctx: CommandContext,
  { serverId, serverName, dataPath, snapshotId }: Extract<AgentCommand, { name: 'data.restore' }>,
): Promise<RestoreResult> {
  const store = snapshotStoreOf(
    ctx,
    (message) => new RestoreFailedError(message, { reason: 'no-snapshot-root' }),
  );
  const paths = serverPaths(dataPath, serverName);
  const running = (await ctx.runtime.findByServerId(serverId)).filter((c) => c.running);
  if (running.length > 0) {
    throw new RestoreFailedError(
      `stop the server first: container ${running[0]?.name} is running`,
      {
        reason: 'container-running',
        containerId: running[0]?.id,
      },
    );
  }
  ctx.progress({ phase: 'restoring', message: 'Extracting the snapshot' });
  const result = await restoreSnapshot({
    store,
    paths,
    serverId,
    serverName,
    snapshotId,
    onProgress: (current, total, percent) =>
      ctx.progress({
        phase: 'restoring',
        message: 'Extracting the snapshot',
        current,
        total,
        percent,
      }),
  });
  ctx.logger.warn(
    { snapshotId, path: paths.root, fileCount: result.fileCount },
    'server folder replaced by a snapshot on request',
  );
  return result;
}
