import type { StoredOperation } from '../db/operations-repo';
import { checkDataLive } from './agent-calls';
import type { ManagerContext } from './context';
import { deleteArchive } from './snapshot-steps';

/**
 * After a clean stop the world is at rest: its fingerprint becomes the last healthy one (unless
 * it diverged). A courtesy of the stop: a failed check leaves the previous one.
 */
export async function cleanStopCheck(ctx: ManagerContext, op: StoredOperation): Promise<void> {
  const server = ctx.servers.findById(op.serverId);
  const agent = ctx.agents.findById(op.agentId);
  if (!server || !agent) return;
  try {
    await checkDataLive(ctx, agent, [server], { cleanStop: true });
  } catch (err) {
    ctx.logger.warn({ serverId: server.id, err }, 'data check after a clean stop failed');
  }
}

/**
 * A purge with removeSnapshots: every snapshot of the server goes, on the agent and here. The
 * purge has already happened, so one the agent cannot delete is kept (and counted), not fatal.
 */
export async function removeAllSnapshots(ctx: ManagerContext, serverId: string): Promise<number> {
  let kept = 0;
  for (const snapshot of ctx.snapshots.listByServer(serverId)) {
    try {
      await deleteArchive(ctx, snapshot);
    } catch (err) {
      kept += 1;
      ctx.logger.warn({ snapshotId: snapshot.id, err }, 'purge could not delete a snapshot');
    }
  }
  return kept;
}
