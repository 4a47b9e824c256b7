import type {
  Agent,
  CreateAgentRequest,
  CreateAgentResponse,
  UpdateAgentRequest,
} from '@contract/http/agents';
import { combineAllowedRoots } from '@contract/server-folders';
import { assertAgentFoldersFit } from './check-server-folder';
import type { StoreCore } from './core';
import { AgentHasServersError, NameTakenError } from './errors';
import type { AgentRoots } from './state';

/** The agent's `allowedRoots`: its default data path, the roots it declared, the admin's. */
function allowedRoots(serverDataPath: string | null, roots: AgentRoots): string[] {
  return combineAllowedRoots({
    defaultDataPath: serverDataPath,
    declared: roots.declared,
    admin: roots.admin,
  });
}

const newToken = (core: StoreCore) => `zo_mock-${core.newId('token')}`;

/** POST /api/agents: a pending agent and its one-time registration token. */
export function createAgent(
  core: StoreCore,
  req: CreateAgentRequest,
  actor: string,
): CreateAgentResponse {
  if (core.state.agents.some((a) => a.name === req.name)) {
    throw new NameTakenError(`An agent named ${req.name} already exists`, { field: 'name' });
  }
  const roots: AgentRoots = { declared: null, admin: [...new Set(req.allowedRoots ?? [])] };
  const agent: Agent = {
    id: core.newId('agent'),
    name: req.name,
    status: 'pending',
    lastSeenAt: null,
    serverDataPath: req.serverDataPath ?? null,
    // Until the agent connects it allows what the admin created it with.
    allowedRoots: allowedRoots(req.serverDataPath ?? null, roots),
    defaultImage: req.defaultImage ?? null,
    statusReason: 'Waiting for the agent to connect',
  };
  core.state.agents.push(agent);
  core.state.agentRoots[agent.id] = roots;
  core.audit({
    action: 'agent.created',
    outcome: 'succeeded',
    actor,
    agentId: agent.id,
    details: { name: agent.name },
  });
  core.emitAgent(agent);
  return { agent: { ...agent }, registrationToken: newToken(core) };
}

/** PATCH /api/agents/:agentId: refused like a create when a server's folder would not fit. */
export function updateAgent(
  core: StoreCore,
  agentId: string,
  patch: UpdateAgentRequest,
  actor: string,
): Agent {
  const agent = core.agent(agentId);
  if (patch.name !== undefined && patch.name !== agent.name) {
    if (core.state.agents.some((a) => a.name === patch.name))
      throw new NameTakenError(`An agent named ${patch.name} already exists`, { field: 'name' });
  }
  const roots = core.state.agentRoots[agentId] ?? { declared: agent.allowedRoots, admin: [] };
  const nextRoots = {
    ...roots,
    admin: patch.allowedRoots ? [...new Set(patch.allowedRoots)] : roots.admin,
  };
  const next: Agent = {
    ...agent,
    name: patch.name ?? agent.name,
    serverDataPath: patch.serverDataPath ?? agent.serverDataPath,
  };
  next.allowedRoots = allowedRoots(next.serverDataPath, nextRoots);
  assertAgentFoldersFit(core, next);
  const changes: Record<string, unknown> = {};
  if (next.name !== agent.name) changes.name = { from: agent.name, to: next.name };
  if (next.serverDataPath !== agent.serverDataPath)
    changes.serverDataPath = { from: agent.serverDataPath, to: next.serverDataPath };
  if (patch.allowedRoots) changes.adminRoots = { from: roots.admin, to: nextRoots.admin };
  Object.assign(agent, next);
  core.state.agentRoots[agentId] = nextRoots;
  core.audit({ action: 'agent.updated', outcome: 'succeeded', actor, agentId, details: changes });
  core.emitAgent(agent);
  return { ...agent };
}

/** DELETE /api/agents/:agentId: only without servers (deleted ones still count). */
export function deleteAgent(core: StoreCore, agentId: string, actor: string): void {
  const agent = core.agent(agentId);
  const servers = core.state.servers.filter((s) => s.agentId === agentId).length;
  if (servers > 0) throw new AgentHasServersError(agent.name, servers);
  core.state.agents = core.state.agents.filter((a) => a.id !== agentId);
  delete core.state.agentRoots[agentId];
  core.audit({
    action: 'agent.deleted',
    outcome: 'succeeded',
    actor,
    agentId,
    details: { name: agent.name },
  });
}

/** POST /api/agents/:agentId/token: a connected agent is cut off (its credential is revoked). */
export function rotateAgentToken(
  core: StoreCore,
  agentId: string,
  actor: string,
): { registrationToken: string } {
  const agent = core.agent(agentId);
  if (agent.status === 'online')
    Object.assign(agent, { status: 'offline', statusReason: 'Agent disconnected' });
  core.audit({ action: 'agent.token_rotated', outcome: 'succeeded', actor, agentId, details: {} });
  core.emitAgent(agent);
  return { registrationToken: newToken(core) };
}
