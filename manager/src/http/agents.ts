import { Hono } from 'hono';
import {
  CreateAgentRequest,
  type AgentResponse,
  type CreateAgentResponse,
  type ListAgentsResponse,
} from '@contract/http/agents';
import { toAgent } from '../db/agents-repo';
import { createAgent } from '../domain/agents';
import { loadAgent } from '../domain/server-view';
import { requirePermission, type AppEnv, type HttpDeps } from './app-env';
import { readBody, readId } from './validate';

/** GET/POST /api/agents, GET /api/agents/:agentId */
export function agentRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    requirePermission(c, 'read');
    return c.json({ agents: deps.ctx.agents.list().map(toAgent) } satisfies ListAgentsResponse);
  });

  app.post('/', async (c) => {
    const admin = requirePermission(c, 'admin');
    const body = await readBody(c, CreateAgentRequest);
    return c.json(createAgent(deps.ctx, body, admin.email) satisfies CreateAgentResponse, 201);
  });

  app.get('/:agentId', (c) => {
    requirePermission(c, 'read');
    return c.json({
      agent: toAgent(loadAgent(deps.ctx, readId(c, 'agentId', 'Agent'))),
    } satisfies AgentResponse);
  });

  return app;
}
