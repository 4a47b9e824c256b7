import { Hono } from 'hono';
import { PurgeQuery, ServerAction, ServerActionRequest } from '@contract/http/servers';
import { NotFoundError } from '../domain/errors';
import { answerServerAction } from './action-route';
import type { AppEnv, HttpDeps } from './app-env';
import { readBody, readQuery } from './validate';

/** Lifecycle actions, soft delete and purge (mounted at /api). */
export function serverActionRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  const { ctx } = deps;

  app.post('/agents/:agentId/servers/:serverId/:action', (c) =>
    answerServerAction(c, ctx, 'operate', async () => {
      const action = ServerAction.safeParse(c.req.param('action'));
      if (!action.success) throw new NotFoundError('Action');
      const body = await readBody(c, ServerActionRequest);
      return {
        kind: action.data,
        allowFreshStart: body.allowFreshStart ?? false,
        allowDataDivergence: body.allowDataDivergence ?? false,
      };
    }),
  );

  app.delete('/agents/:agentId/servers/:serverId', (c) =>
    answerServerAction(c, ctx, 'operate', () => ({ kind: 'delete', allowFreshStart: false })),
  );

  app.delete('/agents/:agentId/servers/:serverId/purge', (c) =>
    answerServerAction(c, ctx, 'admin', () => {
      const query = readQuery(c, PurgeQuery);
      return {
        kind: 'purge',
        allowFreshStart: false,
        removeData: query.removeData === 'true',
        removeSnapshots: query.removeSnapshots === 'true',
      };
    }),
  );

  return app;
}
