import { serverEvents } from '@contract/events';
import type { Server } from '@contract/http/servers';
import { toAgent, type AgentRecord } from '../db/agents-repo';
import { publicOperation, type StoredOperation } from '../db/operations-repo';
import { publicSnapshot } from '../db/snapshots-repo';
import type { Changes } from '../live/change-feed';
import type { ServerRecord } from '../db/servers-repo';
import { NotFoundError } from './errors';
import type { ManagerContext } from './context';

/** The contract Server object for a row (agent status and active operation joined in). */
export function serverView(ctx: ManagerContext, row: ServerRecord, agent?: AgentRecord): Server {
  return joinView(
    row,
    agent ?? ctx.agents.findById(row.agentId),
    ctx.operations.findActive(row.id),
  );
}

/** From this many servers on, the active operations are read in one query, not one per server. */
const activeInOneQueryFrom = 100;

/**
 * Views of many servers: each agent read once, and for a big set the active operations in one
 * query (there are few; one lookup each is cheaper for a handful of servers, as when one
 * operation's progress is published among a thousand agents).
 */
export function serverViews(ctx: ManagerContext, rows: ServerRecord[]): Server[] {
  const agents = new Map<string, AgentRecord | undefined>();
  for (const row of rows)
    if (!agents.has(row.agentId)) agents.set(row.agentId, ctx.agents.findById(row.agentId));
  const active =
    rows.length >= activeInOneQueryFrom
      ? new Map(ctx.operations.listActive().map((op) => [op.serverId, op]))
      : undefined;
  return rows.map((row) =>
    joinView(
      row,
      agents.get(row.agentId),
      active ? active.get(row.id) : ctx.operations.findActive(row.id),
    ),
  );
}

/**
 * Views from the agents and active operations as they are now, read once (a big list read in one
 * turn and converted a slice at a time: every view joins the same state its rows were read in).
 */
export function viewJoiner(ctx: ManagerContext): (row: ServerRecord) => Server {
  const agents = new Map(ctx.agents.list().map((agent) => [agent.id, agent]));
  const active = new Map(ctx.operations.listActive().map((op) => [op.serverId, op]));
  return (row) => joinView(row, agents.get(row.agentId), active.get(row.id));
}

function joinView(
  row: ServerRecord,
  owner: AgentRecord | undefined,
  active: StoredOperation | undefined,
): Server {
  return {
    id: row.id,
    agentId: row.agentId,
    name: row.name,
    status: row.status,
    containerId: row.containerId,
    image: row.image,
    imageTag: row.imageTag,
    config: row.config,
    gamePort: row.gamePort,
    udpPort: row.udpPort,
    rconPort: row.rconPort,
    serverDataPath: row.serverDataPath,
    effectiveDataPath: row.serverDataPath ?? owner?.serverDataPath ?? null,
    dataExists: row.dataExists,
    dataCheckedAt: row.dataCheckedAt,
    autoRecreate: row.autoRecreate,
    deletedAt: row.deletedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    agentStatus: owner?.status ?? 'offline',
    activeOperation: active ? publicOperation(active) : null,
    imageId: row.imageId,
    imageDigest: row.imageDigest,
    healthyFingerprint: row.healthyFingerprint,
    snapshotRetention: row.snapshotRetention,
    drift: row.drift,
  };
}

/** Load a visible server, checking it belongs to the agent in the URL. */
export function loadServer(ctx: ManagerContext, serverId: string, agentId?: string): ServerRecord {
  const row = ctx.servers.findById(serverId);
  if (!row || (agentId !== undefined && row.agentId !== agentId)) throw new NotFoundError('Server');
  return row;
}

/** Load an agent or 404. */
export function loadAgent(ctx: ManagerContext, agentId: string): AgentRecord {
  const row = ctx.agents.findById(agentId);
  if (!row) throw new NotFoundError('Agent');
  return row;
}

/** Publish what changed since the last tick: snapshots, each operation, then each server (from the change feed). */
export function publishChanges(ctx: ManagerContext, changes: Changes): void {
  // Nobody listens (no dashboard open): reading and checking thousands of views would be wasted.
  if (ctx.lifecycle.closed || ctx.live.size === 0) return;
  for (const id of changes.snapshotIds) {
    const snapshot = ctx.snapshots.findById(id);
    if (snapshot)
      ctx.live.publish({ type: 'snapshot.updated', snapshot: publicSnapshot(snapshot) });
  }
  for (const snapshot of changes.deletedSnapshots)
    ctx.live.publish({ type: 'snapshot.deleted', snapshot });
  for (const id of changes.operationIds) {
    const op = ctx.operations.findById(id);
    if (op) ctx.live.publish({ type: 'operation.updated', operation: publicOperation(op) });
  }
  // Gone once purged: clients learn it from the operation. A burst (the change feed's slice of a
  // reconcile) goes out as one servers.updated.
  const rows = ctx.servers.findManyById(changes.serverIds);
  for (const event of serverEvents(serverViews(ctx, rows))) ctx.live.publish(event);
}

/**
 * Push an agent. Its servers' `agentStatus` follows from this one event (clients apply it to the
 * agent's servers); repeating every server would be one event per server per agent change.
 */
export function publishAgent(ctx: ManagerContext, agentId: string): void {
  const agent = ctx.agents.findById(agentId);
  if (agent) ctx.live.publish({ type: 'agent.updated', agent: toAgent(agent) });
}
