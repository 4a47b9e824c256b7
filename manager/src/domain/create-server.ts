import { randomUUID } from 'node:crypto';
import type { CreateServerRequest, ServerActionResponse } from '@contract/http/servers';
import { publicOperation } from '../db/operations-repo';
import { assertServerFolderFree } from './check-server-folder';
import { agentReady, type ManagerContext } from './context';
import { buildContainerSpec } from './effective-config';
import { InvalidStateError, NameTakenError } from './errors';
import { auditOperation, runOperation } from './operation-runner';
import { claimOperation } from './operations';
import { assignPorts } from './ports';
import { firstCreatePlan } from './recreate';
import { loadAgent, serverView } from './server-view';

/** POST /api/agents/:agentId/servers — store the config and run the first create (a fresh server by definition). */
export async function createServer(
  ctx: ManagerContext,
  agentId: string,
  request: CreateServerRequest,
  actor: string,
): Promise<ServerActionResponse> {
  const agent = loadAgent(ctx, agentId);
  if (!agentReady(ctx, agent.id))
    throw new InvalidStateError('Agent offline: a new server needs the agent to be connected');
  const serverId = randomUUID();
  const op = ctx.db.transaction(() => {
    if (ctx.servers.isNameTaken(agent.id, request.name))
      throw new NameTakenError(`A server named ${request.name} already exists on ${agent.name}`);
    assertServerFolderFree(ctx, agent, {
      name: request.name,
      dataPath: request.serverDataPath ?? agent.serverDataPath,
    });
    const ports = assignPorts(request, ctx.servers.usedPorts(agent.id));
    ctx.servers.insert({
      id: serverId,
      agentId: agent.id,
      name: request.name,
      image: request.image ?? null,
      imageTag: request.imageTag,
      config: request.config ?? {},
      ...ports,
      serverDataPath: request.serverDataPath ?? null,
      autoRecreate: request.autoRecreate ?? false,
    });
    // Refuse before anything is stored when image or data path cannot be resolved.
    buildContainerSpec(ctx.servers.findById(serverId)!, agent);
    return claimOperation(ctx, {
      serverId,
      agentId: agent.id,
      kind: 'create',
      requestedBy: actor,
      allowFreshStart: true,
      queued: false,
    });
  })();
  const plan = {
    type: 'recreate' as const,
    recreate: firstCreatePlan(ctx.servers.findById(serverId)!, agent),
  };
  auditOperation(ctx, op, 'requested', undefined, { name: request.name });
  void runOperation(ctx, op, plan);
  return {
    server: serverView(ctx, ctx.servers.findById(serverId)!),
    operation: publicOperation(ctx.operations.findById(op.id)!),
  };
}
