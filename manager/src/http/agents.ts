import { Hono } from 'hono';
import {
  CreateAgentRequest,
  UpdateAgentRequest,
  type AgentResponse,
  type CreateAgentResponse,
  type ListAgentsResponse,
  type RotateAgentTokenResponse,
} from '@contract/http/agents';
import { compareByName } from '@contract/name-order';
import { toAgent } from '../db/agents-repo';
import { deleteAgent, rotateAgentToken, updateAgent } from '../domain/agent-admin';
import { createAgent } from '../domain/agents';
import { loadAgent } from '../domain/server-view';
import { requirePermission, type AppEnv, type HttpDeps } from './app-env';
import { readBody, readId } from './validate';

/** /api/agents: list and read (any role); create, change, delete, rotate the token (admin). */
export function agentRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  const { ctx } = deps;

  app.get('/', (c) => {
    requirePermission(c, 'read');
    const agents = ctx.agents.list().sort(compareByName).map(toAgent);
    return c.json({ agents } satisfies ListAgentsResponse);
  });

  app.post('/', async (c) => {
    const admin = requirePermission(c, 'admin');
    const body = await readBody(c, CreateAgentRequest);
    return c.json(createAgent(ctx, body, admin.email) satisfies CreateAgentResponse, 201);
  });

  app.get('/:agentId', (c) => {
    requirePermission(c, 'read');
    return c.json({
      agent: toAgent(loadAgent(ctx, readId(c, 'agentId'))),
    } satisfies AgentResponse);
  });

  app.patch('/:agentId', async (c) => {
    const admin = requirePermission(c, 'admin');
    const agentId = readId(c, 'agentId');
    const body = await readBody(c, UpdateAgentRequest);
    return c.json({ agent: updateAgent(ctx, agentId, body, admin.email) } satisfies AgentResponse);
  });

  app.delete('/:agentId', (c) => {
    const admin = requirePermission(c, 'admin');
    deleteAgent(ctx, readId(c, 'agentId'), admin.email);
    return c.body(null, 204);
  });

  app.post('/:agentId/token', (c) => {
    const admin = requirePermission(c, 'admin');
    const agentId = readId(c, 'agentId');
    return c.json(rotateAgentToken(ctx, agentId, admin.email) satisfies RotateAgentTokenResponse);
  });

  return app;
}
