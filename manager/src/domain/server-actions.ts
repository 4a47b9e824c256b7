import type { OperationKind } from '@contract/http/operations';
import type { ServerActionResponse } from '@contract/http/servers';
import { publicOperation, type StoredOperation } from '../db/operations-repo';
import type { AgentRow } from '../db/agents-repo';
import type { ServerRow } from '../db/servers-repo';
import { planAction } from './action-plans';
import { audit, runPlan } from './action-runner';
import { agentReady, type ManagerContext } from './context';
import {
  AgentOperationError,
  ApiError,
  DataMissingError,
  InvalidStateError,
  toOperationError,
} from './errors';
import { effectiveDataPath } from './effective-config';
import { claimOperation, dropOperation, finishOperation } from './operations';
import { loadAgent, loadServer, publishOperation, publishServer, serverView } from './server-view';

export interface ActionInput {
  agentId: string;
  serverId: string;
  kind: Exclude<OperationKind, 'create'>;
  allowFreshStart: boolean;
  removeData?: boolean;
  actor: string;
}

/** Actions that wait for an offline agent instead of being refused (DESIGN.md §3 "Agent offline"). */
const queueable: readonly OperationKind[] = ['start', 'recreate', 'restore'];

/** Validate, claim the operation slot, decide from live state, then run the work in the background. */
export async function requestServerAction(
  ctx: ManagerContext,
  input: ActionInput,
): Promise<ServerActionResponse> {
  const agent = loadAgent(ctx, input.agentId);
  const server = loadServer(ctx, input.serverId, input.agentId);
  checkLifecycle(server, input.kind);
  if (!agentReady(ctx, agent.id)) return queueOrRefuse(ctx, server, agent, input);

  const op = claimOperation(ctx, {
    ...input,
    queued: false,
    serverId: server.id,
    agentId: agent.id,
    requestedBy: input.actor,
  });
  const accepted = await decide(ctx, op, server, agent, input);
  audit(ctx, op, 'requested', { allowFreshStart: input.allowFreshStart });
  publishOperation(ctx, op.id);
  if (accepted) void runPlan(ctx, op, accepted);
  return respond(ctx, op.id);
}

/** Run the operations queued while the agent was away, oldest first, each with a fresh data check. */
export async function runQueuedOperations(ctx: ManagerContext, agentId: string): Promise<void> {
  for (const queued of ctx.operations.listByAgentState(agentId, 'queued')) {
    if (!agentReady(ctx, agentId)) return;
    if (!ctx.operations.markRunning(queued.id)) continue; // cancelled meanwhile
    const op = ctx.operations.findById(queued.id)!;
    publishOperation(ctx, op.id);
    const server = ctx.servers.findById(op.serverId);
    const agent = ctx.agents.findById(agentId);
    if (!server || !agent) {
      finishOperation(ctx, op.id, 'failed', {
        code: 'INVALID_REQUEST',
        message: 'The server no longer exists',
      });
      continue;
    }
    try {
      const plan = await planAction(ctx, server, agent, {
        kind: op.kind,
        allowFreshStart: op.allowFreshStart,
      });
      await runPlan(ctx, op, plan);
    } catch (err) {
      const error = toOperationError(err);
      if (finishOperation(ctx, op.id, 'failed', error)) audit(ctx, op, 'failed', { error });
    }
  }
}

function checkLifecycle(server: ServerRow, kind: ActionInput['kind']): void {
  const deleted = server.status === 'deleted';
  if (kind === 'restore' && !deleted)
    throw new InvalidStateError('Only a deleted server can be restored');
  if (kind === 'delete' && deleted) throw new InvalidStateError('The server is already deleted');
  if (kind !== 'restore' && kind !== 'purge' && deleted)
    throw new InvalidStateError('The server is deleted; restore it first');
}

/** Preflight with the slot held. Refusals drop the operation (nothing happened); agent failures end it. */
async function decide(
  ctx: ManagerContext,
  op: StoredOperation,
  server: ServerRow,
  agent: AgentRow,
  input: ActionInput,
) {
  try {
    return await planAction(ctx, server, agent, input);
  } catch (err) {
    if (err instanceof ApiError) {
      dropOperation(ctx, op);
      publishServer(ctx, server.id);
      // The live list may have shown a stale status; let reconcile record the truth.
      if (!(err instanceof DataMissingError)) ctx.hooks.scheduleReconcile(agent.id);
      throw err;
    }
    if (!(err instanceof AgentOperationError))
      ctx.logger.error({ err }, 'unexpected error while planning an action');
    finishOperation(ctx, op.id, 'failed', toOperationError(err));
    return undefined;
  }
}

function queueOrRefuse(
  ctx: ManagerContext,
  server: ServerRow,
  agent: AgentRow,
  input: ActionInput,
): ServerActionResponse {
  if (!queueable.includes(input.kind))
    throw new InvalidStateError('Agent offline: this action needs the agent to be connected');
  // Offline, the cached data check is all we have; a known absence still needs allowFreshStart.
  const needsData = input.kind !== 'start' || server.status !== 'stopped';
  if (needsData && server.data_exists === 0 && !input.allowFreshStart)
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
  audit(ctx, op, 'requested', { queued: true, allowFreshStart: input.allowFreshStart });
  publishOperation(ctx, op.id);
  return { ...respond(ctx, op.id), queued: true };
}

function respond(ctx: ManagerContext, operationId: string): ServerActionResponse {
  const op = ctx.operations.findById(operationId)!;
  const row = ctx.servers.findById(op.serverId) ?? loadServer(ctx, op.serverId);
  return { server: serverView(ctx, row), operation: publicOperation(op) };
}
