import { registrationTokenTtlMs, type Agent, type CreateAgentRequest } from '@contract/http/agents';
import { toAgent } from '../db/agents-repo';
import { newSecret, sha256 } from '../auth/tokens';
import type { ManagerContext } from './context';
import { NameTakenError } from './errors';
import { publishAgent } from './server-view';

/** A fresh registration token: the secret (shown once), its hash and when it stops working. */
export function newRegistrationToken(ctx: ManagerContext): {
  token: string;
  tokenHash: string;
  expiresAt: string;
} {
  const token = newSecret();
  const expiresAt = new Date(ctx.now() + registrationTokenTtlMs).toISOString();
  return { token, tokenHash: sha256(token), expiresAt };
}

/** Admin creates an agent: the registration token is returned once and stored hashed. */
export function createAgent(
  ctx: ManagerContext,
  input: CreateAgentRequest,
  actor: string,
): { agent: Agent; registrationToken: string } {
  if (ctx.agents.findByName(input.name))
    throw new NameTakenError(`An agent named ${input.name} already exists`);
  const { token, tokenHash, expiresAt } = newRegistrationToken(ctx);
  const row = ctx.agents.create({
    name: input.name,
    serverDataPath: input.serverDataPath ?? null,
    defaultImage: input.defaultImage ?? null,
    adminRoots: input.allowedRoots ?? [],
    tokenHash,
    tokenExpiresAt: expiresAt,
  });
  ctx.audit.record({
    actor,
    action: 'agent.created',
    outcome: 'succeeded',
    agentId: row.id,
    details: { name: row.name },
  });
  publishAgent(ctx, row.id);
  return { agent: toAgent(row), registrationToken: token };
}

/** Create-or-rotate by name (the one-process launcher): a fresh registration token every call. */
export function provisionAgent(
  ctx: ManagerContext,
  input: { name: string; serverDataPath?: string; defaultImage?: string },
): { agentId: string; token: string } {
  const existing = ctx.agents.findByName(input.name);
  if (!existing) {
    const { agent, registrationToken } = createAgent(ctx, input, 'system');
    return { agentId: agent.id, token: registrationToken };
  }
  const { token, tokenHash, expiresAt } = newRegistrationToken(ctx);
  ctx.agents.update(existing.id, {
    ...(input.serverDataPath !== undefined ? { serverDataPath: input.serverDataPath } : {}),
    ...(input.defaultImage !== undefined ? { defaultImage: input.defaultImage } : {}),
  });
  ctx.agents.rotateToken(existing.id, tokenHash, expiresAt);
  ctx.audit.record({
    actor: 'system',
    action: 'agent.token_rotated',
    outcome: 'succeeded',
    agentId: existing.id,
    details: {},
  });
  return { agentId: existing.id, token };
}
