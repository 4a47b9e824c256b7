import { Hono } from 'hono';
import {
  PurgeQuery,
  ServerAction,
  ServerActionRequest,
  type ServerActionResponse,
} from '@contract/http/servers';
import { NotFoundError } from '../domain/errors';
import { requestServerAction } from '../domain/server-actions';
import { requirePermission, serverForUser, type AppEnv, type HttpDeps } from './app-env';
import { readBody, readId, readQuery } from './validate';

/** Lifecycle actions, soft delete and purge (mounted at /api). */
export function serverActionRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  const { ctx } = deps;

  app.post('/agents/:agentId/servers/:serverId/:action', async (c) => {
    const user = requirePermission(c, 'operate');
    const action = ServerAction.safeParse(c.req.param('action'));
    if (!action.success) throw new NotFoundError('Action');
    const agentId = readId(c, 'agentId', 'Agent');
    const serverId = readId(c, 'serverId', 'Server');
    const body = await readBody(c, ServerActionRequest);
    const result = await requestServerAction(ctx, {
      agentId,
      serverId,
      kind: action.data,
      allowFreshStart: body.allowFreshStart ?? false,
      allowDataDivergence: body.allowDataDivergence ?? false,
      actor: user.email,
    });
    return c.json(
      { ...result, server: serverForUser(c, result.server) } satisfies ServerActionResponse,
      202,
    );
  });

  app.delete('/agents/:agentId/servers/:serverId', async (c) => {
    const user = requirePermission(c, 'operate');
    const agentId = readId(c, 'agentId', 'Agent');
    const serverId = readId(c, 'serverId', 'Server');
    const result = await requestServerAction(ctx, {
      agentId,
      serverId,
      kind: 'delete',
      allowFreshStart: false,
      actor: user.email,
    });
    return c.json(
      { ...result, server: serverForUser(c, result.server) } satisfies ServerActionResponse,
      202,
    );
  });

  app.delete('/agents/:agentId/servers/:serverId/purge', async (c) => {
    const user = requirePermission(c, 'admin');
    const agentId = readId(c, 'agentId', 'Agent');
    const serverId = readId(c, 'serverId', 'Server');
    const query = readQuery(c, PurgeQuery);
    const result = await requestServerAction(ctx, {
      agentId,
      serverId,
      kind: 'purge',
      allowFreshStart: false,
      removeData: query.removeData === 'true',
      removeSnapshots: query.removeSnapshots === 'true',
      actor: user.email,
    });
    return c.json(
      { ...result, server: serverForUser(c, result.server) } satisfies ServerActionResponse,
      202,
    );
  });

  return app;
}
