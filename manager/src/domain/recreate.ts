import type { ContainerSpec, CreateResult } from '@contract/agent-protocol';
import { dataGuardRefuses, type DataGuard } from '@contract/lifecycle';
import { nowIso } from '../db/connection';
import type { StoredOperation } from '../db/operations-repo';
import type { AgentRow } from '../db/agents-repo';
import type { ServerRow } from '../db/servers-repo';
import { checkDataLive } from './agent-calls';
import type { ManagerContext } from './context';
import { buildContainerSpec } from './effective-config';
import { DataMissingError, toOperationError } from './errors';
import { finishOperation, reportProgress } from './operations';
import { publishServer } from './server-view';

/**
 * THE recreate routine (DESIGN.md §3) behind create, recreate, start-on-missing,
 * rebuild-without-container, restore and queued-on-reconnect. Split in two so that the refusal
 * (DATA_MISSING) is answered synchronously and the slow part runs as the operation.
 */
export interface RecreatePlan {
  spec: ContainerSpec;
  /** The agent must refuse if the data is absent (it double-checks our guard). */
  requireData: boolean;
  /** Data was absent at the check (a fresh world will be created; allowed by the caller). */
  freshAtCheck: boolean;
}

/** The first create of a new server IS a fresh start; if the folder already holds data the agent keeps it. */
export function firstCreatePlan(server: ServerRow, agent: AgentRow): RecreatePlan {
  return { spec: buildContainerSpec(server, agent), requireData: false, freshAtCheck: true };
}

/** Steps 1–3: stored config → LIVE data check → data guard. Changes nothing on refusal. */
export async function prepareRecreate(
  ctx: ManagerContext,
  server: ServerRow,
  agent: AgentRow,
  options: { allowFreshStart: boolean; dataGuard: DataGuard },
): Promise<RecreatePlan> {
  const spec = buildContainerSpec(server, agent);
  const check = (await checkDataLive(ctx, agent, [server])).get(server.id);
  const dataExists = check?.dataExists === true;
  if (
    dataGuardRefuses({
      dataGuard: options.dataGuard,
      dataExists,
      allowFreshStart: options.allowFreshStart,
      live: true,
    })
  )
    throw new DataMissingError(`${spec.dataPath}/${server.name}/data`);
  if (check?.marker === 'mismatch')
    ctx.logger.warn(
      { serverId: server.id },
      'data folder carries another server id marker; using it as is',
    );
  return { spec, requireData: !options.allowFreshStart, freshAtCheck: !dataExists };
}

/** Steps 4–6: create on the agent (idempotency key = operation id), then record the outcome. */
export async function runRecreate(
  ctx: ManagerContext,
  op: StoredOperation,
  plan: RecreatePlan,
): Promise<void> {
  reportProgress(ctx, op.id, { phase: 'creating', message: 'Creating the container' });
  try {
    const result = await ctx.hub.request(
      op.agentId,
      {
        name: 'container.create',
        spec: plan.spec,
        idempotencyKey: op.id,
        requireData: plan.requireData,
      },
      {
        operationId: op.id,
        timeoutMs: ctx.timeouts.longMs,
        onProgress: (p) => reportProgress(ctx, op.id, p),
      },
    );
    recordCreated(ctx, op, result);
    if (finishOperation(ctx, op.id, 'succeeded')) auditRecreated(ctx, op, result);
  } catch (err) {
    failRecreate(ctx, op, err);
  }
}

/** Step 5: container id + running + data present. Also used for a late create reply. */
export function recordCreated(
  ctx: ManagerContext,
  op: StoredOperation,
  result: CreateResult,
): void {
  ctx.servers.update(op.serverId, {
    status: result.container.running ? 'running' : 'stopped',
    containerId: result.container.id,
    dataExists: true,
    dataCheckedAt: nowIso(),
    // A restore un-deletes only once the container is there: no half states.
    ...(op.kind === 'restore' ? { deletedAt: null } : {}),
  });
  publishServer(ctx, op.serverId);
}

function auditRecreated(ctx: ManagerContext, op: StoredOperation, result: CreateResult): void {
  const base = {
    actor: op.requestedBy,
    outcome: 'succeeded' as const,
    serverId: op.serverId,
    agentId: op.agentId,
    operationId: op.id,
  };
  const details = {
    fresh: result.freshData,
    adopted: result.adopted,
    imageSource: result.imageSource,
    trigger: op.kind,
  };
  ctx.audit.record({
    ...base,
    action: op.kind === 'create' ? 'server.created' : 'server.recreated',
    details,
  });
  if (op.kind === 'restore') ctx.audit.record({ ...base, action: 'server.restored', details });
}

/** Step 6: operation failed with the agent's code; server → missing (failed for a first create, deleted for a restore not yet un-deleted). */
export function failRecreate(ctx: ManagerContext, op: StoredOperation, err: unknown): void {
  const error = toOperationError(err);
  finishOperation(ctx, op.id, 'failed', error);
  const server = ctx.servers.findById(op.serverId);
  if (server && server.status !== 'deleted') {
    ctx.servers.update(op.serverId, {
      status: op.kind === 'create' ? 'failed' : 'missing',
      containerId: null,
    });
    publishServer(ctx, op.serverId);
  }
  ctx.audit.record({
    actor: op.requestedBy,
    action: op.kind === 'create' ? 'server.created' : 'server.recreated',
    outcome: 'failed',
    serverId: op.serverId,
    agentId: op.agentId,
    operationId: op.id,
    details: { error, trigger: op.kind },
  });
  ctx.logger.warn({ operationId: op.id, serverId: op.serverId, error }, 'recreate failed');
  // Docker is the truth: converge the status (e.g. a container that did get created before a timeout).
  ctx.hooks.scheduleReconcile(op.agentId);
}
