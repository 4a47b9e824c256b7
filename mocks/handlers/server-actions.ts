import { http, HttpResponse, type PathParams } from 'msw';
import { apiPaths } from '@contract/http/paths';
import {
  PurgeQuery,
  ServerAction,
  ServerActionRequest,
  type ServerActionResponse,
} from '@contract/http/servers';
import { mockDb } from '../db';
import { guarded, ids, readBody, readQuery, requireUser, route, type Reply } from './respond';

type ServerParams = PathParams<'agentId' | 'serverId'>;

/** POST …/servers/:serverId/{start|stop|restart|rebuild|recreate|restore} → 202. */
const actionHandlers = ServerAction.options.map((action) =>
  http.post<ServerParams, ServerActionRequest, Reply<ServerActionResponse>>(
    route(apiPaths.serverAction(':agentId', ':serverId', action)),
    guarded(async ({ params, request }) => {
      const user = requireUser('operator');
      const { agentId, serverId } = ids(params, ['agentId', 'serverId']);
      const { allowFreshStart, allowDataDivergence } = await readBody(request, ServerActionRequest);
      const result = mockDb.requestAction(action, {
        agentId,
        serverId,
        actor: user.email,
        allowFreshStart,
        allowDataDivergence,
      });
      return HttpResponse.json(result, { status: 202 });
    }),
  ),
);

export const serverActionHandlers = [
  ...actionHandlers,
  http.delete<ServerParams, never, Reply<ServerActionResponse>>(
    route(apiPaths.agentServer(':agentId', ':serverId')),
    guarded(({ params }) => {
      const user = requireUser('operator');
      const { agentId, serverId } = ids(params, ['agentId', 'serverId']);
      return HttpResponse.json(mockDb.softDeleteServer({ agentId, serverId, actor: user.email }), {
        status: 202,
      });
    }),
  ),
  http.delete<ServerParams, never, Reply<ServerActionResponse>>(
    route(`${apiPaths.agentServer(':agentId', ':serverId')}/purge`),
    guarded(({ params, request }) => {
      const user = requireUser('admin');
      const { agentId, serverId } = ids(params, ['agentId', 'serverId']);
      const { removeData, removeSnapshots } = readQuery(request, PurgeQuery);
      const result = mockDb.purgeServer({
        agentId,
        serverId,
        actor: user.email,
        removeData: removeData === 'true',
        removeSnapshots: removeSnapshots === 'true',
      });
      return HttpResponse.json(result, { status: 202 });
    }),
  ),
];
