import { randomUUID } from 'node:crypto';
import type { OperationError } from '@contract/errors';
import type { ServerActionResponse } from '@contract/http/servers';
import {
  dataGuardRefuses,
  decideAction,
  isLifecycleAction,
  type DataGuard,
  type LifecycleAction,
} from '@contract/lifecycle';
import { publicOperation, type StoredOperation } from '../db/operations-repo';
import type { AgentRecord } from '../db/agents-repo';
import type { ServerRecord } from '../db/servers-repo';
import { planAction, type ActionPlan } from './action-plans';
import { agentReady, type ManagerContext } from './context';
import {
  AgentOperationError,
  ApiError,
  DataMissingError,
  InvalidStateError,
  OperationInProgressError,
  refusalError,
  toOperationError,
} from './errors';
import { effectiveDataPath } from './effective-config';
import { auditOperation, endOperation, failure, runOperation } from './operation-runner';
import { claimOperation, dropOperation } from './operations';
import { heldByRecover } from './recover-claims';
import { loadAgent, loadServer, serverView } from './server-view';
import { loadRollbackTarget } from './snapshots';

export interface ActionInput {
  agentId: string;
  serverId: string;
  kind: LifecycleAction;
  allowFreshStart: boolean;
  allowDataDivergence?: boolean;
  removeData?: boolean;
  removeSnapshots?: boolean;
  /** `rollback`: the snapshot to restore (a `snapshot` gets its id here). */
  snapshotId?: string;
  actor: string;
}

/**
 * Refuse from the lifecycle table (stored status), claim the operation slot, decide again from
 * live state, then run the work in the background. Offline agents get a queued operation where
 * the table says so.
 */
export async function requestServerAction(
  ctx: ManagerContext,
  input: ActionInput,
): Promise<ServerActionResponse> {
  const agent = loadAgent(ctx, input.agentId);
  const server = loadServer(ctx, input.serverId, input.agentId);
  const active = ctx.operations.findActive(server.id);
  if (active) throw new OperationInProgressError(active.id, active.kind);
  const online = agentReady(ctx, agent.id);
  const decision = decideAction(server.status, input.kind, online, server.drift.length > 0);
  if (!decision.allowed) throw refusalError(decision);
  if (input.kind === 'rollback') loadRollbackTarget(ctx, server.id, input.snapshotId);
  // A snapshot is named when it is asked for, so its operation says which one it takes.
  if (input.kind === 'snapshot') input = { ...input, snapshotId: randomUUID() };
  if (decision.queued) return queue(ctx, server, agent, input, decision.dataGuards);

  const op = claimOperation(ctx, {
    ...input,
    queued: false,
    serverId: server.id,
    agentId: agent.id,
    requestedBy: input.actor,
  });
  // Preflight with the slot held: a refusal drops the operation (nothing happened) and throws.
  let plan: ActionPlan | undefined;
  let planFailure: OperationError | undefined;
  try {
    plan = await planAction(ctx, server, agent, input);
  } catch (err) {
    if (err instanceof ApiError) {
      dropOperation(ctx, op);
      // The stored status may have been stale; let reconcile record the truth.
      if (!(err instanceof DataMissingError) && err.code !== 'DATA_DIVERGED')
        ctx.events.emit('reconcile.requested', { agentId: agent.id, serverId: server.id });
      throw err;
    }
    if (!(err instanceof AgentOperationError))
      ctx.logger.error({ err }, 'unexpected error while planning an action');
    planFailure = toOperationError(err);
  }
  // The agent went away while we asked it: nothing was done yet, so the request waits for it like
  // one made while it was offline (planned again, live, when it is back).
  const requeued =
    planFailure?.code === 'AGENT_DISCONNECTED' &&
    decideAction(server.status, input.kind, false).allowed &&
    ctx.operations.requeue(op.id, {
      phase: 'waiting-for-agent',
      message: 'Will run when the agent reconnects',
    });
  auditOperation(ctx, op, 'requested', undefined, {
    ...requestDetails(input),
    ...(requeued ? { queued: true } : {}),
  });
  if (plan) void runOperation(ctx, op, plan);
  else if (!requeued) endOperation(ctx, op, failure(ctx, op, undefined, planFailure!));
  return requeued ? { ...respond(ctx, op.id), queued: true } : respond(ctx, op.id);
}

/**
 * Run the operations queued while the agent was away, oldest first, each with a fresh data check.
 * Those a running recover will start itself are left to it.
 */
export async function runQueuedOperations(ctx: ManagerContext, agentId: string): Promise<void> {
  for (const queued of ctx.operations.listByAgentState(agentId, 'queued')) {
    if (!agentReady(ctx, agentId)) return;
    if (heldByRecover(ctx, queued.id)) continue;
    if (!ctx.operations.markRunning(queued.id)) continue; // cancelled meanwhile
    await planAndRun(ctx, ctx.operations.findById(queued.id)!);
  }
}

/**
 * Plan a claimed operation that was accepted earlier (queued, or started by a recover) from the
 * live state, then run it. A refusal now (data gone, container back) ends it failed with that code.
 */
export async function planAndRun(ctx: ManagerContext, op: StoredOperation): Promise<void> {
  const server = ctx.servers.findById(op.serverId);
  const agent = ctx.agents.findById(op.agentId);
  let plan: ActionPlan | undefined;
  try {
    if (!server || !agent) throw new InvalidStateError('The server no longer exists');
    if (!isLifecycleAction(op.kind)) throw new InvalidStateError(`Cannot queue ${op.kind}`);
    plan = await planAction(ctx, server, agent, {
      // A restore queued while offline already brought the record back (missing): what is left
      // is the recreate. One requeued after its agent left mid-request is still a restore.
      kind: op.kind === 'restore' && server.status !== 'deleted' ? 'recreate' : op.kind,
      allowFreshStart: op.allowFreshStart,
      allowDataDivergence: op.allowDataDivergence,
      snapshotId: op.snapshotId,
    });
  } catch (err) {
    endOperation(ctx, op, failure(ctx, op, undefined, toOperationError(err)));
    return;
  }
  await runOperation(ctx, op, plan);
}

/** Agent offline: the cached data check is all we have; only a known absence is refused now. */
function queue(
  ctx: ManagerContext,
  server: ServerRecord,
  agent: AgentRecord,
  input: ActionInput,
  dataGuards: readonly DataGuard[],
): ServerActionResponse {
  const { allowFreshStart } = input;
  const { dataExists } = server;
  if (dataGuardRefuses({ dataGuards, dataExists, allowFreshStart, live: false }))
    throw new DataMissingError(`${effectiveDataPath(server, agent) ?? '?'}/${server.name}/data`);
  const op = claimOperation(ctx, {
    ...input,
    queued: true,
    serverId: server.id,
    agentId: agent.id,
    requestedBy: input.actor,
  });
  if (input.kind === 'restore')
    ctx.servers.update(server.id, { status: 'missing', deletedAt: null, containerId: null });
  auditOperation(ctx, op, 'requested', undefined, { queued: true, ...requestDetails(input) });
  return { ...respond(ctx, op.id), queued: true };
}

/** What the audit line of a request records of its options. */
function requestDetails(input: ActionInput): Record<string, unknown> {
  return {
    allowFreshStart: input.allowFreshStart,
    ...(input.allowDataDivergence ? { allowDataDivergence: true } : {}),
    ...(input.removeSnapshots ? { removeSnapshots: true } : {}),
    ...(input.snapshotId ? { snapshotId: input.snapshotId } : {}),
  };
}

function respond(ctx: ManagerContext, operationId: string): ServerActionResponse {
  const op = ctx.operations.findById(operationId)!;
  const row = ctx.servers.findById(op.serverId) ?? loadServer(ctx, op.serverId);
  return { server: serverView(ctx, row), operation: publicOperation(op) };
}
