import type { Snapshot } from '@contract/http/snapshots';
import { publicSnapshot, type StoredSnapshot } from '../db/snapshots-repo';
import { agentReady, type ManagerContext } from './context';
import { AgentOperationError, InvalidStateError, NotFoundError } from './errors';
import { deleteArchive } from './snapshot-steps';
import { loadServer } from './server-view';

/** GET /api/servers/:serverId/snapshots — newest first. */
export function listSnapshots(ctx: ManagerContext, serverId: string): Snapshot[] {
  const server = loadServer(ctx, serverId);
  return ctx.snapshots.listByServer(server.id).map(publicSnapshot);
}

/**
 * The snapshot a rollback of `serverId` restores: a ready one of THIS server. Another server's
 * snapshot is answered like an unknown id (404), so ids cannot be probed across servers.
 */
export function loadRollbackTarget(
  ctx: ManagerContext,
  serverId: string,
  snapshotId: string | undefined,
): StoredSnapshot {
  const snapshot = snapshotId ? ctx.snapshots.findById(snapshotId) : undefined;
  if (!snapshot || snapshot.serverId !== serverId) throw new NotFoundError('Snapshot');
  if (snapshot.status !== 'ready')
    throw new InvalidStateError(
      `Snapshot ${snapshot.id} is ${snapshot.status}; only a ready snapshot can be rolled back to`,
    );
  return snapshot;
}

/**
 * DELETE /api/snapshots/:snapshotId (admin): the archive is deleted on the agent, then the
 * record. While the agent is offline the request is refused and nothing changes (the record
 * must not outlive or undercount what is on the host); so is a snapshot an active operation
 * writes or restores.
 */
export async function deleteSnapshot(
  ctx: ManagerContext,
  snapshotId: string,
  actor: string,
): Promise<void> {
  const snapshot = ctx.snapshots.findById(snapshotId);
  if (!snapshot) throw new NotFoundError('Snapshot');
  if (snapshot.status === 'creating' || ctx.operations.usesSnapshot(snapshot.id))
    throw new InvalidStateError(
      'An active operation uses this snapshot; try again when it has ended',
    );
  if (!agentReady(ctx, snapshot.agentId))
    throw new InvalidStateError(
      'Agent offline: the snapshot is deleted from its host, so it needs the agent to be connected',
    );
  try {
    await deleteArchive(ctx, snapshot);
  } catch (err) {
    if (!(err instanceof AgentOperationError)) throw err;
    throw new InvalidStateError(`The agent could not delete the snapshot: ${err.message}`);
  }
  ctx.audit.record({
    actor,
    action: 'snapshot.deleted',
    outcome: 'succeeded',
    serverId: snapshot.serverId,
    agentId: snapshot.agentId,
    details: { snapshotId: snapshot.id, reason: snapshot.reason },
  });
}
