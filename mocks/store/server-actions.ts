import type { ServerAction, ServerActionResponse } from '@contract/http/servers';
import {
  dataGuardRefuses,
  decideAction,
  type LifecycleAction,
  type LifecycleRoute,
} from '@contract/lifecycle';
import { acceptOperation, type PlanFields } from './accept-operation';
import type { StoreCore } from './core';
import {
  DataMissingError,
  InvalidStateError,
  NoContainerError,
  NotFoundError,
  OperationInProgressError,
} from './errors';
import type { OperationPlan, ServerRecord } from './state';

export interface ActionRequest {
  agentId: string;
  serverId: string;
  actor: string;
  allowFreshStart?: boolean;
}

/** The server at `agentId/serverId`, refusing when it is busy with another operation. */
export function idleServer(core: StoreCore, agentId: string, serverId: string): ServerRecord {
  core.agent(agentId);
  const server = core.record(serverId);
  if (server.agentId !== agentId)
    throw new NotFoundError(`Server ${serverId} not found on agent ${agentId}`);
  if (server.activeOperationId) {
    const active = core.operation(server.activeOperationId);
    throw new OperationInProgressError(active.id, active.kind);
  }
  return server;
}

/** The mock's effect for a table route (delete and purge share `remove`). */
function effectFor(route: LifecycleRoute, action: LifecycleAction): OperationPlan['effect'] {
  if (route === 'recreate') return 'routine';
  if (route === 'remove') return action === 'purge' ? 'purge' : 'delete';
  return route;
}

/**
 * Every lifecycle action, read from the contract's lifecycle table: refusal, queueing while the
 * agent is offline, the fresh-start guard (the store's `dataExists` is the host's truth when the
 * agent is online, the cached value when not), then the operation.
 */
function requestLifecycle(
  core: StoreCore,
  action: LifecycleAction,
  req: ActionRequest & { removeData?: boolean; turn?: OperationPlan['turn'] },
): ServerActionResponse {
  const server = idleServer(core, req.agentId, req.serverId);
  const online = core.agent(server.agentId).status === 'online';
  const decision = decideAction(server.status, action, online, server.drift.length > 0);
  if (!decision.allowed) {
    if (decision.code === 'NO_CONTAINER') throw new NoContainerError(decision.reason);
    throw new InvalidStateError(decision.reason, {
      agentStatus: core.agent(server.agentId).status,
    });
  }
  const allowFreshStart = req.allowFreshStart === true;
  const { dataGuard } = decision;
  if (dataGuardRefuses({ dataGuard, dataExists: server.dataExists, allowFreshStart, live: online }))
    throw new DataMissingError(
      server.name,
      server.serverDataPath ?? core.agent(server.agentId).serverDataPath,
    );

  const effect = effectFor(decision.route, action);
  const fields: PlanFields = {
    effect,
    revertStatus: server.status,
    revertDeletedAt: server.deletedAt,
    allowFreshStart,
    removeData: req.removeData === true,
    // Offline, a recover's recreates queue like any other and run on reconnect.
    ...(req.turn && online ? { turn: req.turn } : {}),
  };
  if (effect === 'routine') {
    if (action === 'restore' && !online) {
      // Offline restore: the record comes back now (missing) and the recreate waits for the agent.
      server.status = 'missing';
      server.deletedAt = null;
    }
    fields.revertStatus =
      server.status === 'deleted' || server.status === 'failed' ? server.status : 'missing';
  }
  // A replace that fails leaves no usable container.
  if (effect === 'replace') fields.revertStatus = 'failed';
  return acceptOperation(core, server, action, fields, req.actor);
}

/** POST …/servers/:serverId/{action}; `turn`: one of a recover's recreates. */
export function requestAction(
  core: StoreCore,
  action: ServerAction,
  req: ActionRequest & { turn?: OperationPlan['turn'] },
): ServerActionResponse {
  return requestLifecycle(core, action, req);
}

/** DELETE …/servers/:serverId — soft delete: container removed, data kept. */
export function softDeleteServer(core: StoreCore, req: ActionRequest): ServerActionResponse {
  return requestLifecycle(core, 'delete', req);
}

/** DELETE …/servers/:serverId/purge — the record goes; data only with removeData. */
export function purgeServer(
  core: StoreCore,
  req: ActionRequest & { removeData: boolean },
): ServerActionResponse {
  return requestLifecycle(core, 'purge', req);
}
