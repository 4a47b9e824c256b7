import type { ServerAction, ServerActionResponse } from '@contract/http/servers';
import {
  dataGuardRefuses,
  decideAction,
  divergenceGuardRefuses,
  type LifecycleAction,
  type LifecycleRoute,
} from '@contract/lifecycle';
import { acceptOperation, type PlanFields } from './accept-operation';
import type { StoreCore } from './core';
import {
  DataDivergedError,
  DataMissingError,
  InvalidStateError,
  NoContainerError,
  NotFoundError,
  OperationInProgressError,
} from './errors';
import { findSnapshot, worldOf } from './snapshots';
import type { OperationPlan, ServerRecord } from './state';

export interface ActionRequest {
  agentId: string;
  serverId: string;
  actor: string;
  allowFreshStart?: boolean;
  allowDataDivergence?: boolean;
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

/** The fingerprint guard, decided on the host's truth while the agent is online. */
function refuseDiverged(
  core: StoreCore,
  server: ServerRecord,
  dataGuards: Parameters<typeof divergenceGuardRefuses>[0]['dataGuards'],
  allowDataDivergence: boolean,
): void {
  const healthy = server.healthyFingerprint;
  const current = worldOf(core, server);
  const input = {
    dataGuards,
    healthy,
    current,
    dataExists: server.dataExists,
    allowDataDivergence,
  };
  if (healthy && current && divergenceGuardRefuses(input))
    throw new DataDivergedError(server.name, healthy, current);
}

/**
 * Every lifecycle action, read from the contract's lifecycle table: refusal, queueing while the
 * agent is offline, the fresh-start guard (the store's `dataExists` is the host's truth when the
 * agent is online, the cached value when not), then the operation.
 */
function requestLifecycle(
  core: StoreCore,
  action: LifecycleAction,
  req: ActionRequest & {
    removeData?: boolean;
    removeSnapshots?: boolean;
    snapshotId?: string;
    turn?: OperationPlan['turn'];
  },
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
  const { dataGuards } = decision;
  if (
    dataGuardRefuses({ dataGuards, dataExists: server.dataExists, allowFreshStart, live: online })
  )
    throw new DataMissingError(
      server.name,
      server.serverDataPath ?? core.agent(server.agentId).serverDataPath,
    );
  const allowDataDivergence = req.allowDataDivergence === true;
  if (online) refuseDiverged(core, server, dataGuards, allowDataDivergence);

  const effect = effectFor(decision.route, action);
  const fields: PlanFields = {
    effect,
    revertStatus: server.status,
    revertDeletedAt: server.deletedAt,
    allowFreshStart,
    allowDataDivergence,
    removeData: req.removeData === true,
    removeSnapshots: req.removeSnapshots === true,
    ...(req.snapshotId ? { rollbackTo: req.snapshotId } : {}),
    wasRunning: server.status === 'running',
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
  fields.statusBefore = server.status;
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

/** DELETE …/servers/:serverId/purge — the record goes; data only with removeData, snapshots only with removeSnapshots. */
export function purgeServer(
  core: StoreCore,
  req: ActionRequest & { removeData: boolean; removeSnapshots?: boolean },
): ServerActionResponse {
  return requestLifecycle(core, 'purge', req);
}

/** POST …/servers/:serverId/snapshot — a manual snapshot, as an operation of its own. */
export function requestSnapshot(core: StoreCore, req: ActionRequest): ServerActionResponse {
  return requestLifecycle(core, 'snapshot', req);
}

/**
 * POST …/servers/:serverId/rollback — to a ready snapshot of this server. Another server's
 * snapshot is as unknown as a made-up id (404); one not ready yet → 409 INVALID_STATE.
 */
export function requestRollback(
  core: StoreCore,
  req: ActionRequest & { snapshotId: string },
): ServerActionResponse {
  const snapshot = findSnapshot(core, req.snapshotId);
  if (snapshot.serverId !== req.serverId) throw new NotFoundError('Snapshot not found');
  if (snapshot.status !== 'ready')
    throw new InvalidStateError(
      `Snapshot ${snapshot.id} is ${snapshot.status}; only a ready one can be rolled back to`,
    );
  return requestLifecycle(core, 'rollback', req);
}
