import { randomUUID } from 'node:crypto';
import { auditActionForKind, type AuditAction } from '@contract/http/audit';
import type { OperationError } from '@contract/errors';
import { nowIso } from '../db/connection';
import type { StoredOperation } from '../db/operations-repo';
import type { ActionPlan } from './action-plans';
import type { ManagerContext } from './context';
import { endEscapedFailure } from './escaped-failures';
import { StorageUnavailableError, toOperationError } from './errors';
import { finishOperation } from './operations';
import { perform, recreateAction, type Outcome } from './perform-plan';

/**
 * THE operation runner: every operation kind is carried out, recorded, audited and ended here.
 * Live updates follow from the writes (the repositories feed the change feed), and a failure
 * asks for a reconcile so the stored status converges to what Docker shows.
 */
export {
  createdPatch,
  recreatedAudit,
  reportProgress,
  type AuditLine,
  type Outcome,
} from './perform-plan';

/**
 * Carry out an accepted plan as the operation's async work. Never rejects: failures end the
 * operation, and anything escaping that (storage refused the outcome, a bug) still ends it.
 */
export async function runOperation(
  ctx: ManagerContext,
  op: StoredOperation,
  plan: ActionPlan,
): Promise<void> {
  try {
    ctx.pendingWrites.run(`plan:${op.id}`, () => ctx.operations.setPlan(op.id, plan));
    let outcome: Outcome;
    try {
      outcome = await perform(ctx, op, plan);
    } catch (err) {
      const error = toOperationError(err);
      // The agent went away mid-way: the work waits for it and is sent again with the same key.
      if (error.code === 'AGENT_DISCONNECTED' && isResumable(plan))
        return ctx.resumer.park(ctx, op, error.code);
      outcome = failure(ctx, op, plan, error);
    }
    endOperation(ctx, op, outcome);
  } catch (err) {
    endEscapedFailure(ctx, op, err);
  }
}

/**
 * End an active operation with its outcome: the operation row, the server, the audit. False when
 * it had already ended (a disconnect sweep got there first): then only what Docker did (a
 * success's container) is still recorded, so nothing is lost and a retry adopts it.
 */
export function endOperation(ctx: ManagerContext, op: StoredOperation, outcome: Outcome): boolean {
  const error = outcome.state === 'failed' ? outcome.error : undefined;
  // During a storage outage the end is kept and retried (false now); reconcile converges the rest.
  const ended = finishOperation(ctx, op.id, outcome.state, error);
  // A snapshot the work was still writing did not survive it.
  if (error)
    ctx.pendingWrites.run(`snapshots:${op.id}`, () => ctx.snapshots.failCreatingOf(op.id, error));
  const applyServer = ended || outcome.state === 'succeeded';
  try {
    if (applyServer && outcome.server && ctx.servers.findById(op.serverId))
      ctx.servers.update(op.serverId, outcome.server);
  } catch (err) {
    // The reconcile after the outage records what Docker shows; the operation's end stands.
    if (!(err instanceof StorageUnavailableError)) throw err;
    ctx.pendingWrites.noteOutage(err);
  }
  if (!ended) return false;
  ctx.events.emit('operation.ended', { operationId: op.id });
  for (const line of outcome.audit)
    auditOperation(ctx, op, outcome.state, line.action, line.details);
  if (outcome.state === 'failed') {
    ctx.logger.warn({ operationId: op.id, kind: op.kind, error }, 'operation failed');
    ctx.events.emit('reconcile.requested', { agentId: op.agentId, serverId: op.serverId });
  }
  return true;
}

/** The failure outcome of an operation whose work threw (any step, any kind). */
export function failure(
  ctx: ManagerContext,
  op: StoredOperation,
  plan: ActionPlan | undefined,
  error: OperationError,
): Outcome {
  if (plan?.type !== 'recreate')
    return {
      state: 'failed',
      error,
      audit: [{ action: auditActionForKind[op.kind], details: { error } }],
    };
  // The recreate routine failed: no usable container. A restore not yet un-deleted stays deleted.
  const server = ctx.servers.findById(op.serverId);
  const keep = !server || server.status === 'deleted';
  const status = op.kind === 'create' || server?.status === 'failed' ? 'failed' : 'missing';
  return {
    state: 'failed',
    error,
    server: keep ? undefined : { status, containerId: null, drift: [] },
    audit: [{ action: recreateAction(op), details: { error, trigger: op.kind } }],
  };
}

/** Work that may be sent again with the same idempotency key after an interruption, harmlessly. */
export function isResumable(plan: unknown): plan is ActionPlan {
  const type = (plan as { type?: unknown } | undefined)?.type;
  // A snapshot is resent with its id (the agent answers from a complete one); a rollback's steps
  // are each safe to repeat with the same ids.
  return (
    type === 'recreate' ||
    type === 'start' ||
    type === 'stop' ||
    type === 'restart' ||
    type === 'snapshot' ||
    type === 'rollback'
  );
}

/** One audit line about an operation (requested, or how it ended). */
export function auditOperation(
  ctx: ManagerContext,
  op: StoredOperation,
  outcome: 'requested' | 'succeeded' | 'failed' | 'cancelled',
  action: AuditAction = auditActionForKind[op.kind],
  details: Record<string, unknown> = {},
): void {
  const entry = {
    actor: op.requestedBy,
    action,
    outcome,
    serverId: op.serverId,
    agentId: op.agentId,
    operationId: op.id,
    details,
    at: nowIso(),
  };
  // Kept through a storage outage rather than lost, or failing the work it describes.
  ctx.pendingWrites.run(`audit:${randomUUID()}`, () => ctx.audit.record(entry));
}
