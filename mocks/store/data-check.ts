import type { CheckDataResponse, Server } from '@contract/http/servers';
import type { StoreCore } from './core';
import { InvalidStateError, NotFoundError } from './errors';
import { recordHealthy, worldOf } from './snapshots';

/** GET …/check-data: live on an online agent (refreshes the cached value), cached otherwise. */
export function checkData(core: StoreCore, agentId: string, serverId: string): CheckDataResponse {
  const agent = core.agent(agentId);
  const server = core.record(serverId);
  if (server.agentId !== agentId)
    throw new NotFoundError(`Server ${serverId} not found on agent ${agentId}`);
  if (agent.status !== 'online') {
    return {
      dataExists: server.dataExists,
      checkedAt: server.dataCheckedAt,
      source: 'cached',
      fingerprint: null,
    };
  }
  // The mock's dataExists is the truth on the host; a live check only refreshes when it was seen.
  server.dataExists = server.dataExists ?? false;
  server.dataCheckedAt = core.now();
  // A check of a running server measures a healthy world (unless it diverged).
  if (server.status === 'running') recordHealthy(core, server);
  core.emitServer(server);
  const world = worldOf(core, server);
  return {
    dataExists: server.dataExists,
    checkedAt: server.dataCheckedAt,
    source: 'live',
    fingerprint: world && { ...world, takenAt: server.dataCheckedAt },
  };
}

/** POST …/servers/sync: one batched data check of the agent's servers, then the fresh list. */
export function syncAgent(core: StoreCore, agentId: string): Server[] {
  const agent = core.agent(agentId);
  if (agent.status !== 'online')
    throw new InvalidStateError(
      `Agent offline — ${agent.name} cannot be synced until it reconnects`,
    );
  const servers = core.state.servers.filter((s) => s.agentId === agentId);
  const now = core.now();
  for (const server of servers) {
    if (server.status !== 'creating') server.dataCheckedAt = now;
    core.emitServer(server);
  }
  return servers.map((s) => core.view(s));
}
