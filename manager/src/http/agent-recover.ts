import { Hono } from 'hono';
import { recoverConcurrency, RecoverRequest, type RecoverResponse } from '@contract/http/recover';
import { recoverAgent } from '../domain/recover';
import { requirePermission, type AppEnv, type HttpDeps } from './app-env';
import { readBody, readId } from './validate';

/** POST /api/agents/:agentId/recover — recreate a host's Missing servers, a few at a time. */
export function agentRecoverRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();

  app.post('/:agentId/recover', async (c) => {
    const user = requirePermission(c, 'operate');
    const agentId = readId(c, 'agentId');
    const body = await readBody(c, RecoverRequest);
    const result = await recoverAgent(deps.ctx, {
      agentId,
      ...(body.serverIds ? { serverIds: body.serverIds } : {}),
      concurrency: body.concurrency ?? recoverConcurrency.default,
      actor: user.email,
    });
    return c.json(result satisfies RecoverResponse, 202);
  });

  return app;
}
