import { http, HttpResponse, type PathParams } from 'msw';
import {
  CreateAgentRequest,
  UpdateAgentRequest,
  type AgentResponse,
  type CreateAgentResponse,
  type ListAgentsResponse,
  type RotateAgentTokenResponse,
} from '@contract/http/agents';
import { apiPaths } from '@contract/http/paths';
import { recoverConcurrency, RecoverRequest, type RecoverResponse } from '@contract/http/recover';
import { mockDb } from '../db';
import { guarded, ids, readBody, requireUser, route, type Reply } from './respond';

export const agentHandlers = [
  http.get<PathParams, never, Reply<ListAgentsResponse>>(
    route(apiPaths.agents),
    guarded(() => {
      requireUser();
      return HttpResponse.json({ agents: mockDb.agents() });
    }),
  ),
  http.get<PathParams<'agentId'>, never, Reply<AgentResponse>>(
    route(apiPaths.agent(':agentId')),
    guarded(({ params }) => {
      requireUser();
      const { agentId } = ids(params, ['agentId']);
      return HttpResponse.json({ agent: mockDb.agent(agentId) });
    }),
  ),
  http.post<PathParams<'agentId'>, RecoverRequest, Reply<RecoverResponse>>(
    route(apiPaths.recover(':agentId')),
    guarded(async ({ params, request }) => {
      const user = requireUser('operator');
      const { agentId } = ids(params, ['agentId']);
      const body = await readBody(request, RecoverRequest);
      const result = mockDb.recoverAgent({
        agentId,
        ...(body.serverIds ? { serverIds: body.serverIds } : {}),
        concurrency: body.concurrency ?? recoverConcurrency.default,
        actor: user.email,
      });
      return HttpResponse.json(result, { status: 202 });
    }),
  ),
  http.post<PathParams, CreateAgentRequest, Reply<CreateAgentResponse>>(
    route(apiPaths.agents),
    guarded(async ({ request }) => {
      const user = requireUser('admin');
      const body = await readBody(request, CreateAgentRequest);
      return HttpResponse.json(mockDb.createAgent(body, user.email), { status: 201 });
    }),
  ),
  http.patch<PathParams<'agentId'>, UpdateAgentRequest, Reply<AgentResponse>>(
    route(apiPaths.agent(':agentId')),
    guarded(async ({ params, request }) => {
      const user = requireUser('admin');
      const { agentId } = ids(params, ['agentId']);
      const body = await readBody(request, UpdateAgentRequest);
      return HttpResponse.json({ agent: mockDb.updateAgent(agentId, body, user.email) });
    }),
  ),
  http.delete<PathParams<'agentId'>, never, Reply<null>>(
    route(apiPaths.agent(':agentId')),
    guarded(({ params }) => {
      const user = requireUser('admin');
      const { agentId } = ids(params, ['agentId']);
      mockDb.deleteAgent(agentId, user.email);
      return new HttpResponse<null>(null, { status: 204 });
    }),
  ),
  http.post<PathParams<'agentId'>, never, Reply<RotateAgentTokenResponse>>(
    route(apiPaths.agentToken(':agentId')),
    guarded(({ params }) => {
      const user = requireUser('admin');
      const { agentId } = ids(params, ['agentId']);
      return HttpResponse.json(mockDb.rotateAgentToken(agentId, user.email));
    }),
  ),
];
