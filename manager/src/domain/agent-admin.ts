import type { Agent, UpdateAgentRequest } from '@contract/http/agents';
import { toAgent } from '../db/agents-repo';
import { assertAgentFoldersFit } from './check-server-folder';
import type { ManagerContext } from './context';
import { AgentHasServersError, NameTakenError } from './errors';
import { newRegistrationToken } from './agents';
import { loadAgent, publishAgent } from './server-view';

/**
 * PATCH /api/agents/:agentId. A new default data path applies to every server that has none of
 * its own: their folders are then looked for there (nothing is moved or deleted; a world left at
 * the old place shows as missing data and is never started fresh without a confirmation). The
 * change is refused like a create when a server's folder would leave the roots or overlap another.
 */
export function updateAgent(
  ctx: ManagerContext,
  agentId: string,
  patch: UpdateAgentRequest,
  actor: string,
): Agent {
  const before = loadAgent(ctx, agentId);
  ctx.db
    .transaction(() => {
      const agent = loadAgent(ctx, agentId);
      if (
        patch.name !== undefined &&
        patch.name !== agent.name &&
        ctx.agents.findByName(patch.name)
      )
        throw new NameTakenError(`An agent named ${patch.name} already exists`);
      const adminRoots = patch.allowedRoots && [...new Set(patch.allowedRoots)];
      assertAgentFoldersFit(ctx, {
        ...agent,
        name: patch.name ?? agent.name,
        serverDataPath: patch.serverDataPath ?? agent.serverDataPath,
        adminRoots: adminRoots ?? agent.adminRoots,
      });
      ctx.agents.update(agentId, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.serverDataPath !== undefined ? { serverDataPath: patch.serverDataPath } : {}),
        ...(adminRoots ? { adminRoots } : {}),
      });
    })
    .immediate();
  const after = loadAgent(ctx, agentId);
  const changes: Record<string, unknown> = {};
  if (after.name !== before.name) changes.name = { from: before.name, to: after.name };
  if (after.serverDataPath !== before.serverDataPath)
    changes.serverDataPath = { from: before.serverDataPath, to: after.serverDataPath };
  if (JSON.stringify(after.adminRoots) !== JSON.stringify(before.adminRoots))
    changes.adminRoots = { from: before.adminRoots, to: after.adminRoots };
  ctx.audit.record({
    actor,
    action: 'agent.updated',
    outcome: 'succeeded',
    agentId,
    details: changes,
  });
  publishAgent(ctx, agentId);
  // Servers on the default path now live elsewhere: check their data there at once.
  if (changes.serverDataPath) ctx.events.emit('reconcile.requested', { agentId });
  return toAgent(after);
}

/**
 * DELETE /api/agents/:agentId: only when every server of it is purged (deleted ones still own
 * their folder and can be restored). Its socket is closed and its credential dies with the row.
 */
export function deleteAgent(ctx: ManagerContext, agentId: string, actor: string): void {
  const agent = ctx.db
    .transaction(() => {
      const row = loadAgent(ctx, agentId);
      const servers = ctx.servers.folderRefs(agentId).length;
      if (servers > 0) throw new AgentHasServersError(row.name, servers);
      ctx.agents.deleteWithHistory(agentId);
      return row;
    })
    .immediate();
  ctx.hub.revoke(agentId, 'agent deleted');
  ctx.dockerAvailable.delete(agentId);
  ctx.audit.record({
    actor,
    action: 'agent.deleted',
    outcome: 'succeeded',
    agentId,
    details: { name: agent.name },
  });
}

/**
 * POST /api/agents/:agentId/token: a new registration token (single-use, 24 h); the credential
 * the agent holds is revoked and its socket closed with 4401 at once.
 */
export function rotateAgentToken(
  ctx: ManagerContext,
  agentId: string,
  actor: string,
): { registrationToken: string } {
  loadAgent(ctx, agentId);
  const { token, tokenHash, expiresAt } = newRegistrationToken(ctx);
  ctx.agents.rotateToken(agentId, tokenHash, expiresAt);
  ctx.hub.revoke(agentId, 'credential revoked: token rotated');
  ctx.audit.record({
    actor,
    action: 'agent.token_rotated',
    outcome: 'succeeded',
    agentId,
    details: {},
  });
  publishAgent(ctx, agentId);
  return { registrationToken: token };
}
