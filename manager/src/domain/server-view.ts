import type { Server } from '@contract/http/servers';
import { toAgent, type AgentRow } from '../db/agents-repo';
import { publicOperation } from '../db/operations-repo';
import type { ServerRow } from '../db/servers-repo';
import { NotFoundError } from './errors';
import type { ManagerContext } from './context';

/** The contract Server object for a row (agent status and active operation joined in). */
export function serverView(ctx: ManagerContext, row: ServerRow, agent?: AgentRow): Server {
  const owner = agent ?? ctx.agents.findById(row.agent_id);
  const active = ctx.operations.findActive(row.id);
  return {
    id: row.id,
    agentId: row.agent_id,
    name: row.name,
    status: row.status,
    containerId: row.container_id,
    image: row.image,
    imageTag: row.image_tag,
    config: JSON.parse(row.config) as Record<string, string>,
    gamePort: row.game_port,
    udpPort: row.udp_port,
    rconPort: row.rcon_port,
    serverDataPath: row.server_data_path,
    effectiveDataPath: row.server_data_path ?? owner?.server_data_path ?? null,
    dataExists: row.data_exists === null ? null : row.data_exists === 1,
    dataCheckedAt: row.data_checked_at,
    autoRecreate: row.auto_recreate === 1,
    deletedAt: row.deleted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    agentStatus: owner?.status ?? 'offline',
    activeOperation: active ? publicOperation(active) : null,
  };
}

/** Load a visible server, checking it belongs to the agent in the URL. */
export function loadServer(ctx: ManagerContext, serverId: string, agentId?: string): ServerRow {
  const row = ctx.servers.findById(serverId);
  if (!row || (agentId !== undefined && row.agent_id !== agentId))
    throw new NotFoundError('Server');
  return row;
}

/** Load an agent or 404. */
export function loadAgent(ctx: ManagerContext, agentId: string): AgentRow {
  const row = ctx.agents.findById(agentId);
  if (!row) throw new NotFoundError('Agent');
  return row;
}

/** Publish what changed since the last tick: each operation, then each server (from the change feed). */
export function publishChanges(
  ctx: ManagerContext,
  changes: { operationIds: string[]; serverIds: string[] },
): void {
  if (ctx.lifecycle.closed) return;
  for (const id of changes.operationIds) {
    const op = ctx.operations.findById(id);
    if (op) ctx.live.publish({ type: 'operation.updated', operation: publicOperation(op) });
  }
  const agents = new Map<string, AgentRow | undefined>();
  for (const id of changes.serverIds) {
    const row = ctx.servers.findById(id); // gone once purged: clients learn it from the operation
    if (!row) continue;
    if (!agents.has(row.agent_id)) agents.set(row.agent_id, ctx.agents.findById(row.agent_id));
    ctx.live.publish({
      type: 'server.updated',
      server: serverView(ctx, row, agents.get(row.agent_id)),
    });
  }
}

/**
 * Push an agent. Its servers' `agentStatus` follows from this one event (clients apply it to the
 * agent's servers); repeating every server would be one event per server per agent change.
 */
export function publishAgent(ctx: ManagerContext, agentId: string): void {
  const agent = ctx.agents.findById(agentId);
  if (agent) ctx.live.publish({ type: 'agent.updated', agent: toAgent(agent) });
}
