import type { ContainerInfo, RestoreResult } from '@contract/agent-protocol';
import type { OperationError } from '@contract/errors';
import type { OperationProgress } from '@contract/http/operations';
import type { SnapshotReason } from '@contract/http/snapshots';
import type { StoredOperation } from '../db/operations-repo';
import type { StoredSnapshot } from '../db/snapshots-repo';
import type { ManagerContext } from './context';
import { AgentOperationError, toOperationError } from './errors';

/**
 * The snapshot steps of operations (docs/design.md, snapshots): a snapshot taken on the agent and
 * recorded here, the retention that follows a ready one, and a rollback's data work.
 */

/** A snapshot an operation takes: its id is chosen when the work is planned (a resume reuses it). */
export interface SnapshotStep {
  id: string;
  reason: SnapshotReason;
  serverName: string;
  dataPath: string;
}

type Progress = (progress: OperationProgress) => void;

/**
 * Archive the server's folder as `step.id` and record it: `creating`, then `ready` (verified) or
 * `failed`. Throws SNAPSHOT_FAILED when it cannot be made or read back: the caller's guarded
 * step must not run. AGENT_DISCONNECTED is passed through (the operation waits for its agent).
 */
export async function takeSnapshot(
  ctx: ManagerContext,
  op: StoredOperation,
  step: SnapshotStep,
  onProgress: Progress,
): Promise<StoredSnapshot> {
  ctx.snapshots.insert({
    id: step.id,
    serverId: op.serverId,
    agentId: op.agentId,
    serverName: step.serverName,
    reason: step.reason,
    operationId: op.id,
    requestedBy: op.requestedBy,
  });
  onProgress({ phase: 'snapshotting', message: snapshotMessage(step.reason) });
  let failure: OperationError;
  try {
    const result = await ctx.hub.request(
      op.agentId,
      {
        name: 'data.snapshot',
        serverId: op.serverId,
        serverName: step.serverName,
        dataPath: step.dataPath,
        snapshotId: step.id,
      },
      { operationId: op.id, timeoutMs: ctx.timeouts.longMs, onProgress },
    );
    if (result.verified) {
      ctx.snapshots.markReady(step.id, result);
      await pruneSnapshots(ctx, op.serverId);
      return ctx.snapshots.findById(step.id)!;
    }
    failure = { code: 'SNAPSHOT_FAILED', message: 'The snapshot did not read back complete' };
  } catch (err) {
    const error = toOperationError(err);
    if (error.code === 'AGENT_DISCONNECTED') throw err;
    failure = error;
  }
  ctx.snapshots.markFailed(step.id, failure);
  throw new AgentOperationError(
    'SNAPSHOT_FAILED',
    `The ${step.reason} snapshot failed, so nothing was changed: ${failure.message}`,
    { snapshotId: step.id, cause: failure.code, ...(failure.details ?? {}) },
  );
}

const snapshotMessage = (reason: SnapshotReason) =>
  reason === 'manual' ? 'Archiving the world' : `Archiving the world first (${reason})`;

/**
 * Retention: keep the server's newest `snapshotRetention` ready automatic snapshots; older ones
 * are deleted on the agent, then forgotten. Manual ones are never dropped, nor one an active
 * operation restores. A deletion the agent refuses is kept for the next time.
 */
export async function pruneSnapshots(ctx: ManagerContext, serverId: string): Promise<void> {
  const server = ctx.servers.findById(serverId);
  if (!server) return;
  const automatic = ctx.snapshots
    .listByServer(serverId)
    .filter((s) => s.reason !== 'manual' && s.status === 'ready');
  for (const old of automatic.slice(server.snapshotRetention)) {
    if (ctx.operations.usesSnapshot(old.id)) continue;
    try {
      await deleteArchive(ctx, old);
      ctx.audit.record({
        actor: 'system',
        action: 'snapshot.pruned',
        outcome: 'succeeded',
        serverId,
        agentId: old.agentId,
        details: { snapshotId: old.id, reason: old.reason, retention: server.snapshotRetention },
      });
    } catch (err) {
      ctx.logger.warn({ snapshotId: old.id, err }, 'retention could not delete a snapshot');
    }
  }
}

/** Delete the archive on the agent (already gone is fine), then the record. */
export async function deleteArchive(ctx: ManagerContext, snapshot: StoredSnapshot): Promise<void> {
  if (snapshot.status !== 'failed')
    await ctx.hub.request(
      snapshot.agentId,
      {
        name: 'data.snapshot.delete',
        serverId: snapshot.serverId,
        serverName: snapshot.serverName,
        snapshotId: snapshot.id,
      },
      { timeoutMs: ctx.timeouts.shortMs },
    );
  ctx.snapshots.delete(snapshot.id);
}

/** A rollback's work (see performRollback): where it leaves the server. */
export interface RollbackDone {
  restored: RestoreResult;
  before: StoredSnapshot | undefined;
  container: ContainerInfo | undefined;
}

/**
 * Roll the server's folder back to `target`: stop the container if it runs, snapshot the current
 * world (before-rollback), restore the target, start the container again if it ran. Whatever
 * fails, the world the user had stays: the agent's restore puts the previous contents back
 * itself, and the container is started again when it was stopped for nothing.
 */
export async function performRollback(
  ctx: ManagerContext,
  op: StoredOperation,
  plan: {
    target: string;
    snapshot?: SnapshotStep;
    wasRunning: boolean;
    serverName: string;
    dataPath: string;
  },
  onProgress: Progress,
): Promise<RollbackDone> {
  const opts = { operationId: op.id, timeoutMs: ctx.timeouts.shortMs, onProgress };
  const { serverId } = op;
  if (plan.wasRunning) {
    onProgress({ phase: 'stopping', message: 'Stopping the server before the rollback' });
    await ctx.hub.request(
      op.agentId,
      { name: 'container.stop', serverId, timeoutSeconds: 30 },
      opts,
    );
  }
  try {
    const before = plan.snapshot
      ? await takeSnapshot(ctx, op, plan.snapshot, onProgress)
      : undefined;
    onProgress({ phase: 'restoring', message: 'Restoring the snapshot' });
    const restored = await ctx.hub.request(
      op.agentId,
      {
        name: 'data.restore',
        serverId,
        serverName: plan.serverName,
        dataPath: plan.dataPath,
        snapshotId: plan.target,
      },
      { ...opts, timeoutMs: ctx.timeouts.longMs },
    );
    const container = plan.wasRunning ? await start(ctx, op, onProgress) : undefined;
    return { restored, before, container };
  } catch (err) {
    // Bring back the state the user had (the data is the previous world: the agent put it back).
    if (plan.wasRunning && toOperationError(err).code !== 'AGENT_DISCONNECTED')
      await start(ctx, op, onProgress).catch((startErr: unknown) =>
        ctx.logger.warn(
          { serverId, err: startErr },
          'could not start the server after a failed rollback',
        ),
      );
    throw err;
  }
}

async function start(ctx: ManagerContext, op: StoredOperation, onProgress: Progress) {
  onProgress({ phase: 'starting' });
  const { container } = await ctx.hub.request(
    op.agentId,
    { name: 'container.start', serverId: op.serverId },
    { operationId: op.id, timeoutMs: ctx.timeouts.shortMs, onProgress },
  );
  return container;
}
