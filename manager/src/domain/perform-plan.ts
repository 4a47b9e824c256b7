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
import { StorageUnavailableError } from './errors';
import { cleanStopCheck, removeAllSnapshots } from './snapshot-cleanup';
import { performRollback, takeSnapshot } from './snapshot-steps';

/**
 * The work of each plan type on the agent, and what it means for the server when it succeeds;
 * operation-runner.ts runs it, records it and ends the operation.
 */

/** How an operation ended, and what that means for its server. */
export type Outcome =
  | { state: 'succeeded'; server?: ServerPatch; audit: AuditLine[] }
  | { state: 'failed'; error: OperationError; server?: ServerPatch; audit: AuditLine[] };

export interface AuditLine {
  action: AuditAction;
  details: Record<string, unknown>;
}

const stopTimeoutSeconds = 30;

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

/**
 * What a finished create/replace means for the server: container id, status, data present. A
 * container made from the stored config matches it (no drift); an adopted one keeps what
 * reconcile saw of it.
 */
export function createdPatch(op: StoredOperation, result: CreateResult): ServerPatch {
  return {
    status: result.container.running ? 'running' : 'stopped',
    containerId: result.container.id,
    ...(result.adopted ? {} : { drift: [] }),
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

export const recreateAction = (op: StoredOperation): AuditAction =>
  op.kind === 'create' ? 'server.created' : 'server.recreated';

/** Send the plan's command(s) to the agent and describe the successful outcome. */
export async function perform(
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
      const fixed = plan.drift ? { replacedDrift: plan.drift } : {};
      return done(
        { ...createdPatch(op, result), ...healthy(plan) },
        { ...fixed, ...snapshotDetails },
      );
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
          { purgedAt: nowIso(), containerId: null, drift: [] },
          { ...details, removeSnapshots, ...(snapshotsKept ? { snapshotsKept } : {}) },
        );
      }
      return done(
        { status: 'deleted', deletedAt: nowIso(), containerId: null, drift: [] },
        details,
      );
    }
  }
}
