import { randomUUID } from 'node:crypto';
import type { ContainerInfo } from '@contract/agent-protocol';
import { nowIso } from '../db/connection';
import type { StoredOperation } from '../db/operations-repo';
import type { ServerPatch } from '../db/servers-repo';
import type { ActionPlan } from './action-plans';
import type { ManagerContext } from './context';
import { toOperationError } from './errors';
import { finishOperation, reportProgress } from './operations';
import { endEscapedFailure } from './escaped-failures';
import { recordCreated, runRecreate } from './recreate';
import { publishServer } from './server-view';

/** Audit action name per operation kind. */
export const auditActionFor: Record<StoredOperation['kind'], string> = {
  create: 'server.created',
  start: 'server.started',
  stop: 'server.stopped',
  restart: 'server.restarted',
  rebuild: 'server.rebuilt',
  recreate: 'server.recreated',
  restore: 'server.restored',
  delete: 'server.deleted',
  purge: 'server.purged',
};

const stopTimeoutSeconds = 30;

/** Carry out an accepted plan as the operation's async work. Never throws: failures end the operation. */
export async function runPlan(
  ctx: ManagerContext,
  op: StoredOperation,
  plan: ActionPlan,
): Promise<void> {
  await carryOut(ctx, op, plan).catch((err: unknown) => endEscapedFailure(ctx, op, err));
}

async function carryOut(ctx: ManagerContext, op: StoredOperation, plan: ActionPlan): Promise<void> {
  if (plan.type === 'recreate') return runRecreate(ctx, op, plan.recreate);
  try {
    const patch = await performOnAgent(ctx, op, plan);
    if (!finishOperation(ctx, op.id, 'succeeded')) return;
    ctx.servers.update(op.serverId, patch);
    publishServer(ctx, op.serverId);
    audit(ctx, op, 'succeeded', plan.type === 'remove' ? { removeData: plan.removeData } : {});
  } catch (err) {
    const error = toOperationError(err);
    finishOperation(ctx, op.id, 'failed', error);
    audit(ctx, op, 'failed', { error });
    ctx.logger.warn({ operationId: op.id, kind: op.kind, error }, 'operation failed');
    ctx.hooks.scheduleReconcile(op.agentId);
  }
}

async function performOnAgent(
  ctx: ManagerContext,
  op: StoredOperation,
  plan: Exclude<ActionPlan, { type: 'recreate' }>,
): Promise<ServerPatch> {
  const opts = {
    operationId: op.id,
    timeoutMs: ctx.timeouts.shortMs,
    onProgress: (p: Parameters<typeof reportProgress>[2]) => reportProgress(ctx, op.id, p),
  };
  const running = (c: ContainerInfo): ServerPatch => ({
    status: c.running ? 'running' : 'stopped',
    containerId: c.id,
  });
  switch (plan.type) {
    case 'start':
      reportProgress(ctx, op.id, { phase: 'starting' });
      return running(
        (
          await ctx.hub.request(
            op.agentId,
            { name: 'container.start', serverId: op.serverId },
            opts,
          )
        ).container,
      );
    case 'stop':
      reportProgress(ctx, op.id, { phase: 'stopping' });
      return running(
        (
          await ctx.hub.request(
            op.agentId,
            { name: 'container.stop', serverId: op.serverId, timeoutSeconds: stopTimeoutSeconds },
            opts,
          )
        ).container,
      );
    case 'restart':
      reportProgress(ctx, op.id, { phase: 'stopping', message: 'Restarting' });
      return running(
        (
          await ctx.hub.request(
            op.agentId,
            {
              name: 'container.restart',
              serverId: op.serverId,
              timeoutSeconds: stopTimeoutSeconds,
            },
            opts,
          )
        ).container,
      );
    case 'replace': {
      reportProgress(ctx, op.id, {
        phase: 'creating',
        message: 'Replacing the container from stored config',
      });
      const result = await ctx.hub.request(
        op.agentId,
        {
          name: 'container.replace',
          spec: plan.spec,
          idempotencyKey: op.id,
          requireData: plan.requireData,
        },
        { ...opts, timeoutMs: ctx.timeouts.longMs },
      );
      recordCreated(ctx, op, result);
      return {};
    }
    case 'remove': {
      reportProgress(ctx, op.id, { phase: 'removing' });
      const server = ctx.servers.findById(op.serverId)!;
      await ctx.hub.request(
        op.agentId,
        {
          name: 'container.remove',
          serverId: server.id,
          serverName: server.name,
          dataPath: plan.dataPath,
          removeData: plan.removeData,
        },
        opts,
      );
      if (op.kind === 'purge') return { purgedAt: nowIso(), containerId: null };
      return { status: 'deleted', deletedAt: nowIso(), containerId: null };
    }
  }
}

/** One audit line for an operation's outcome. */
export function audit(
  ctx: ManagerContext,
  op: StoredOperation,
  outcome: 'requested' | 'succeeded' | 'failed' | 'cancelled',
  details: Record<string, unknown> = {},
): void {
  const entry = {
    actor: op.requestedBy,
    action: auditActionFor[op.kind],
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
