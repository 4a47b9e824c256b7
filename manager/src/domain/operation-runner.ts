import { randomUUID } from 'node:crypto';
import type { ContainerInfo, CreateResult } from '@contract/agent-protocol';
import { auditActionForKind, type AuditAction } from '@contract/http/audit';
import type { OperationError } from '@contract/errors';
import type { OperationProgress } from '@contract/http/operations';
import type { Fingerprint } from '@contract/http/snapshots';
import { nowIso } from '../db/connection';
import type { StoredOperation } from '../db/operations-repo';
import type { ServerPatch } from '../db/servers-repo';
import type { ActionPlan } from './action-plans';
import type { ManagerContext } from './context';
import { endEscapedFailure } from './escaped-failures';
import { StorageUnavailableError, toOperationError } from './errors';
import { finishOperation } from './operations';
import { cleanStopCheck, removeAllSnapshots } from './snapshot-cleanup';
import { performRollback, takeSnapshot } from './snapshot-steps';

/**
 * THE operation runner: every operation kind is carried out, recorded, audited and ended here.
 * Live updates follow from the writes (the repositories feed the change feed), and a failure
 * asks for a reconcile so the stored status converges to what Docker shows.
 */

/** How an operation ended, and what that means for its server. */
export type Outcome =
  | { state: 'succeeded'; server?: ServerPatch; audit: AuditLine[] }
  | { state: 'failed'; error: OperationError; server?: ServerPatch; audit: AuditLine[] };

interface AuditLine {
  action: AuditAction;
  details: Record<string, unknown>;
}

const stopTimeoutSeconds = 30;

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
  for (const line of outcome.audit)
    auditOperation(ctx, op, outcome.state, line.action, line.details);
  if (outcome.state === 'failed') {
    ctx.logger.warn({ operationId: op.id, kind: op.kind, error }, 'operation failed');
    ctx.events.emit('reconcile.requested', { agentId: op.agentId });
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
    server: keep ? undefined : { status, containerId: null },
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

/** Record progress (pushed live by the change feed). A courtesy: a storage outage must not fail the work. */
export function reportProgress(
  ctx: ManagerContext,
  operationId: string,
  progress: OperationProgress,
): void {
  try {
    ctx.operations.setProgress(operationId, progress);
  } catch (err) {
    if (!(err instanceof StorageUnavailableError)) throw err;
  }
}

/** What a finished create/replace means for the server: container id, status, data present. */
export function createdPatch(op: StoredOperation, result: CreateResult): ServerPatch {
  return {
    status: result.container.running ? 'running' : 'stopped',
    containerId: result.container.id,
    dataExists: true,
    dataCheckedAt: nowIso(),
    ...(result.image
      ? { imageId: result.image.imageId, imageDigest: result.image.imageDigest }
      : {}),
    // A restore un-deletes only once the container is there: no half states.
    ...(op.kind === 'restore' ? { deletedAt: null } : {}),
    // The image or tag set by a PATCH now runs.
    imageChangePending: false,
  };
}

/** The audit lines of a recreate routine that produced a container. */
export function recreatedAudit(op: StoredOperation, result: CreateResult, extra = {}): AuditLine[] {
  const details = {
    fresh: result.freshData,
    adopted: result.adopted,
    imageSource: result.imageSource,
    trigger: op.kind,
    ...extra,
  };
  const lines: AuditLine[] = [{ action: recreateAction(op), details }];
  if (op.kind === 'restore') lines.push({ action: 'server.restored', details });
  return lines;
}

const recreateAction = (op: StoredOperation): AuditAction =>
  op.kind === 'create' ? 'server.created' : 'server.recreated';

/** Send the plan's command(s) to the agent and describe the successful outcome. */
async function perform(
  ctx: ManagerContext,
  op: StoredOperation,
  plan: ActionPlan,
): Promise<Outcome> {
  const opts = {
    operationId: op.id,
    timeoutMs: ctx.timeouts.shortMs,
    onProgress: (p: OperationProgress) => reportProgress(ctx, op.id, p),
  };
  const longOpts = { ...opts, timeoutMs: ctx.timeouts.longMs };
  const done = (server: ServerPatch, details: Record<string, unknown> = {}): Outcome => ({
    state: 'succeeded',
    server,
    audit: [{ action: auditActionForKind[op.kind], details }],
  });
  const observed = (c: ContainerInfo): ServerPatch => ({
    status: c.running ? 'running' : 'stopped',
    containerId: c.id,
  });
  const { serverId } = op;
  const progress = (p: OperationProgress) => reportProgress(ctx, op.id, p);
  // The automatic snapshot first: if it cannot be made, the step it guards does not run.
  const snapshot =
    plan.type !== 'snapshot' && plan.type !== 'rollback' && 'snapshot' in plan && plan.snapshot
      ? await takeSnapshot(ctx, op, plan.snapshot, progress)
      : undefined;
  const snapshotDetails = snapshot
    ? { snapshotId: snapshot.id, snapshotReason: snapshot.reason }
    : {};
  const healthy = (p: { healthyAfter?: Fingerprint | null }): ServerPatch =>
    p.healthyAfter !== undefined ? { healthyFingerprint: p.healthyAfter } : {};
  switch (plan.type) {
    case 'snapshot': {
      const taken = await takeSnapshot(ctx, op, plan.snapshot, progress);
      return done(
        {},
        { snapshotId: taken.id, sizeBytes: taken.sizeBytes, fileCount: taken.fileCount },
      );
    }
    case 'rollback': {
      const result = await performRollback(ctx, op, plan, progress);
      const fingerprint = result.restored.fingerprint;
      return done(
        {
          ...(result.container ? observed(result.container) : {}),
          dataExists: fingerprint !== null && fingerprint.fileCount > 0,
          dataCheckedAt: nowIso(),
          // The world just restored is the healthy one from now on.
          healthyFingerprint: fingerprint,
        },
        { snapshotId: plan.target, beforeSnapshotId: result.before?.id ?? null },
      );
    }
    case 'recreate': {
      reportProgress(ctx, op.id, { phase: 'creating', message: 'Creating the container' });
      const command = {
        name: 'container.create' as const,
        spec: plan.recreate.spec,
        idempotencyKey: op.id,
        requireData: plan.recreate.requireData,
      };
      const result = await ctx.hub.request(op.agentId, command, longOpts);
      return {
        state: 'succeeded',
        server: { ...createdPatch(op, result), ...healthy(plan) },
        audit: recreatedAudit(op, result, snapshotDetails),
      };
    }
    case 'replace': {
      reportProgress(ctx, op.id, {
        phase: 'creating',
        message: 'Replacing the container from stored config',
      });
      const command = {
        name: 'container.replace' as const,
        spec: plan.spec,
        idempotencyKey: op.id,
        requireData: plan.requireData,
      };
      const result = await ctx.hub.request(op.agentId, command, longOpts);
      return done({ ...createdPatch(op, result), ...healthy(plan) }, snapshotDetails);
    }
    case 'start':
      reportProgress(ctx, op.id, { phase: 'starting' });
      return done(
        observed(
          (await ctx.hub.request(op.agentId, { name: 'container.start', serverId }, opts))
            .container,
        ),
      );
    case 'stop': {
      reportProgress(ctx, op.id, { phase: 'stopping' });
      const command = {
        name: 'container.stop' as const,
        serverId,
        timeoutSeconds: stopTimeoutSeconds,
      };
      const stopped = (await ctx.hub.request(op.agentId, command, opts)).container;
      // A clean stop: the world as it is now is the last healthy one (unless it diverged).
      await cleanStopCheck(ctx, op);
      return done(observed(stopped));
    }
    case 'restart': {
      reportProgress(ctx, op.id, { phase: 'stopping', message: 'Restarting' });
      const command = {
        name: 'container.restart' as const,
        serverId,
        timeoutSeconds: stopTimeoutSeconds,
      };
      return done(observed((await ctx.hub.request(op.agentId, command, opts)).container));
    }
    case 'remove': {
      reportProgress(ctx, op.id, { phase: 'removing' });
      const server = ctx.servers.findById(serverId)!;
      await ctx.hub.request(
        op.agentId,
        {
          name: 'container.remove',
          serverId,
          serverName: server.name,
          dataPath: plan.dataPath,
          removeData: plan.removeData,
        },
        opts,
      );
      const details = { removeData: plan.removeData, ...snapshotDetails };
      if (op.kind === 'purge') {
        // The snapshots stay (on the host, and their records) unless the purge asked otherwise.
        const snapshotsKept = plan.removeSnapshots ? await removeAllSnapshots(ctx, serverId) : 0;
        const removeSnapshots = plan.removeSnapshots === true;
        return done(
          { purgedAt: nowIso(), containerId: null },
          { ...details, removeSnapshots, ...(snapshotsKept ? { snapshotsKept } : {}) },
        );
      }
      return done({ status: 'deleted', deletedAt: nowIso(), containerId: null }, details);
    }
  }
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
