import type { ServerAction, ServerActionResponse } from '@contract/http/servers';
import { acceptOperation } from './accept-operation';
import type { StoreCore } from './core';
import {
  DataMissingError,
  InvalidStateError,
  NoContainerError,
  NotFoundError,
  OperationInProgressError,
} from './errors';
import type { ServerRecord } from './state';

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

const hasContainer = (s: ServerRecord) => s.status === 'running' || s.status === 'stopped';
const agentOffline = (core: StoreCore, s: ServerRecord) =>
  core.agent(s.agentId).status !== 'online';

function refuseWhenOffline(core: StoreCore, server: ServerRecord, action: string): void {
  if (agentOffline(core, server)) {
    throw new InvalidStateError(
      `Agent offline — cannot ${action} ${server.name} until its agent reconnects`,
      {
        agentStatus: core.agent(server.agentId).status,
      },
    );
  }
}

/** Step 3 of the recreate routine: absent data needs an explicit fresh start (cached value when offline). */
function guardData(core: StoreCore, server: ServerRecord, allowFreshStart: boolean): void {
  if (server.dataExists !== true && !allowFreshStart) {
    const agent = core.agent(server.agentId);
    throw new DataMissingError(server.name, server.serverDataPath ?? agent.serverDataPath);
  }
}

/** Recreate, start-on-missing, rebuild-without-container and restore all come through here. */
function recreateRoutine(
  core: StoreCore,
  server: ServerRecord,
  kind: 'recreate' | 'start' | 'rebuild' | 'restore',
  req: ActionRequest,
): ServerActionResponse {
  const allowFreshStart = req.allowFreshStart === true;
  guardData(core, server, allowFreshStart);
  if (kind === 'restore' && agentOffline(core, server)) {
    // Offline restore: the record comes back now (missing) and the recreate waits for the agent.
    server.status = 'missing';
    server.deletedAt = null;
    return acceptOperation(
      core,
      server,
      kind,
      { effect: 'routine', revertStatus: 'missing', allowFreshStart },
      req.actor,
    );
  }
  const revertStatus =
    server.status === 'deleted' || server.status === 'failed' ? server.status : 'missing';
  return acceptOperation(
    core,
    server,
    kind,
    { effect: 'routine', revertStatus, revertDeletedAt: server.deletedAt, allowFreshStart },
    req.actor,
  );
}

/** POST …/servers/:serverId/{action}, following the DESIGN action table. */
export function requestAction(
  core: StoreCore,
  action: ServerAction,
  req: ActionRequest,
): ServerActionResponse {
  const server = idleServer(core, req.agentId, req.serverId);
  const { status, name } = server;
  if (status === 'deleted' && action !== 'restore') {
    if (action === 'stop' || action === 'restart') throw new NoContainerError(name);
    throw new InvalidStateError(`${name} is deleted — restore it first`);
  }
  switch (action) {
    case 'recreate':
      if (hasContainer(server))
        throw new InvalidStateError(`${name} still has a container; use Rebuild to replace it`);
      return recreateRoutine(core, server, 'recreate', req);
    case 'start':
      if (status === 'running') throw new InvalidStateError(`${name} is already running`);
      if (status === 'stopped')
        return acceptOperation(
          core,
          server,
          'start',
          { effect: 'start', revertStatus: 'stopped' },
          req.actor,
        );
      return recreateRoutine(core, server, 'start', req);
    case 'stop':
    case 'restart':
      if (!hasContainer(server)) throw new NoContainerError(name);
      if (action === 'stop' && status === 'stopped')
        throw new InvalidStateError(`${name} is already stopped`);
      refuseWhenOffline(core, server, action);
      return acceptOperation(
        core,
        server,
        action,
        { effect: action, revertStatus: status },
        req.actor,
      );
    case 'rebuild':
      if (!hasContainer(server)) return recreateRoutine(core, server, 'rebuild', req);
      refuseWhenOffline(core, server, 'rebuild');
      return acceptOperation(
        core,
        server,
        'rebuild',
        { effect: 'replace', revertStatus: 'failed' },
        req.actor,
      );
    case 'restore':
      if (status !== 'deleted') throw new InvalidStateError(`${name} is not deleted`);
      return recreateRoutine(core, server, 'restore', req);
  }
}

/** DELETE …/servers/:serverId — soft delete: container removed, data kept. */
export function softDeleteServer(core: StoreCore, req: ActionRequest): ServerActionResponse {
  const server = idleServer(core, req.agentId, req.serverId);
  if (server.status === 'deleted') throw new InvalidStateError(`${server.name} is already deleted`);
  refuseWhenOffline(core, server, 'delete');
  return acceptOperation(
    core,
    server,
    'delete',
    { effect: 'delete', revertStatus: server.status },
    req.actor,
  );
}

/** DELETE …/servers/:serverId/purge — the record goes; data only with removeData. */
export function purgeServer(
  core: StoreCore,
  req: ActionRequest & { removeData: boolean },
): ServerActionResponse {
  const server = idleServer(core, req.agentId, req.serverId);
  refuseWhenOffline(core, server, 'purge');
  return acceptOperation(
    core,
    server,
    'purge',
    {
      effect: 'purge',
      revertStatus: server.status,
      revertDeletedAt: server.deletedAt,
      removeData: req.removeData,
    },
    req.actor,
  );
}
