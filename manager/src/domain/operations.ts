import { randomUUID } from 'node:crypto';
import type { OperationError } from '@contract/errors';
import type { OperationKind, OperationProgress } from '@contract/http/operations';
import type { StoredOperation } from '../db/operations-repo';
import { UniqueConstraintError } from '../db/storage-guard';
import type { ManagerContext } from './context';
import { InvalidStateError, NotFoundError, OperationInProgressError } from './errors';

export interface ClaimInput {
  serverId: string;
  agentId: string;
  kind: OperationKind;
  requestedBy: string;
  allowFreshStart: boolean;
  allowDataDivergence?: boolean;
  /** `snapshot`: the id it will take; `rollback`: the snapshot it restores. */
  snapshotId?: string;
  queued: boolean;
  /** Progress of a queued operation (default: waiting for the agent to reconnect). */
  progress?: OperationProgress;
}

/**
 * Take the server's single active-operation slot. The partial unique index decides, so two
 * concurrent requests can never both win; the loser gets OPERATION_IN_PROGRESS with the winner's id.
 * Nothing is published yet: a request refused during preflight leaves no trace.
 */
export function claimOperation(ctx: ManagerContext, input: ClaimInput): StoredOperation {
  try {
    return ctx.operations.insert({
      id: randomUUID(),
      serverId: input.serverId,
      agentId: input.agentId,
      kind: input.kind,
      state: input.queued ? 'queued' : 'running',
      requestedBy: input.requestedBy,
      allowFreshStart: input.allowFreshStart,
      allowDataDivergence: input.allowDataDivergence,
      snapshotId: input.snapshotId,
      progress: input.queued
        ? (input.progress ?? {
            phase: 'waiting-for-agent',
            message: 'Will run when the agent reconnects',
          })
        : input.progress,
    });
  } catch (err) {
    if (err instanceof UniqueConstraintError) {
      const active = ctx.operations.findActive(input.serverId);
      throw new OperationInProgressError(active?.id ?? 'unknown', active?.kind ?? 'unknown');
    }
    throw err;
  }
}

/** Forget an operation refused before any work was done (DATA_MISSING, NO_CONTAINER, INVALID_STATE). */
export function dropOperation(ctx: ManagerContext, op: StoredOperation): void {
  ctx.pendingWrites.run(`operation:${op.id}`, () => ctx.operations.delete(op.id));
}

/**
 * End an operation; false when it had already ended (a disconnect sweep or a cancel got there
 * first), or when storage refused the write now (it is kept and retried; callers skip side
 * effects and reconcile converges them).
 */
export function finishOperation(
  ctx: ManagerContext,
  operationId: string,
  state: 'succeeded' | 'failed' | 'cancelled',
  error?: OperationError,
): boolean {
  let changed = false;
  ctx.pendingWrites.run(`operation:${operationId}`, () => {
    changed = ctx.operations.finish(operationId, state, error);
  });
  return changed;
}

/** Cancel a queued operation (DELETE /api/operations/:id). Running ones cannot be cancelled. */
export function cancelOperation(
  ctx: ManagerContext,
  operationId: string,
  actor: string,
): StoredOperation {
  const op = ctx.operations.findById(operationId);
  if (!op) throw new NotFoundError('Operation');
  if (op.state !== 'queued')
    throw new InvalidStateError(
      `Only a queued operation can be cancelled (this one is ${op.state})`,
    );
  ctx.operations.finish(op.id, 'cancelled', {
    code: 'CANCELLED',
    message: `Cancelled by ${actor}`,
  });
  ctx.audit.record({
    actor,
    action: 'operation.cancelled',
    outcome: 'succeeded',
    serverId: op.serverId,
    agentId: op.agentId,
    operationId: op.id,
    details: { kind: op.kind },
  });
  return ctx.operations.findById(op.id)!;
}
