import { http, HttpResponse, type PathParams } from 'msw';
import { serverCountHeader } from '@contract/http/list-shape';
import { apiPaths } from '@contract/http/paths';
import { ListServersQuery, serverColumns, type ServerColumns } from '@contract/http/server-columns';
import {
  CreateServerRequest,
  UpdateServerRequest,
  type CheckDataResponse,
  type ListServersResponse,
  type Server,
  type ServerActionResponse,
  type ServerResponse,
} from '@contract/http/servers';
import type { RebuildPreviewResponse } from '@contract/http/rebuild-preview';
import { serverForRole } from '@contract/secrets';
import { mockDb } from '../db';
import { guarded, ids, readBody, readQuery, requireUser, route, type Reply } from './respond';

type AgentParams = PathParams<'agentId'>;
type ServerParams = PathParams<'agentId' | 'serverId'>;

type ServerList = ListServersResponse | ServerColumns;

/** `{servers}`, or the same servers in columns for `?shape=columns` (as the manager answers). */
const listAnswer = (shape: ListServersQuery['shape'], servers: Server[]) =>
  HttpResponse.json<ServerList>(shape === 'columns' ? serverColumns(servers) : { servers }, {
    headers: { [serverCountHeader]: String(servers.length) },
  });

export const serverHandlers = [
  http.get<PathParams, never, Reply<ServerList>>(
    route(apiPaths.servers),
    guarded(({ request }) => {
      const { role } = requireUser();
      const { shape } = readQuery(request, ListServersQuery);
      return listAnswer(
        shape,
        mockDb.servers().map((s) => serverForRole(s, role)),
      );
    }),
  ),
  http.get<PathParams<'serverId'>, never, Reply<ServerResponse>>(
    route(apiPaths.server(':serverId')),
    guarded(({ params }) => {
      const { role } = requireUser();
      const { serverId } = ids(params, ['serverId']);
      return HttpResponse.json({ server: serverForRole(mockDb.server(serverId), role) });
    }),
  ),
  http.get<AgentParams, never, Reply<ServerList>>(
    route(apiPaths.agentServers(':agentId')),
    guarded(({ params, request }) => {
      const { role } = requireUser();
      const { shape } = readQuery(request, ListServersQuery);
      const { agentId } = ids(params, ['agentId']);
      return listAnswer(
        shape,
        mockDb.servers(agentId).map((s) => serverForRole(s, role)),
      );
    }),
  ),
  http.post<AgentParams, CreateServerRequest, Reply<ServerActionResponse>>(
    route(apiPaths.agentServers(':agentId')),
    guarded(async ({ params, request }) => {
      const user = requireUser('operator');
      const { agentId } = ids(params, ['agentId']);
      const body = await readBody(request, CreateServerRequest);
      return HttpResponse.json(mockDb.createServer(agentId, body, user.email), { status: 202 });
    }),
  ),
  http.patch<ServerParams, UpdateServerRequest, Reply<ServerResponse>>(
    route(apiPaths.agentServer(':agentId', ':serverId')),
    guarded(async ({ params, request }) => {
      const user = requireUser('operator');
      const { agentId, serverId } = ids(params, ['agentId', 'serverId']);
      const body = await readBody(request, UpdateServerRequest);
      return HttpResponse.json({
        server: mockDb.updateServer({ agentId, serverId, actor: user.email }, body),
      });
    }),
  ),
  http.get<ServerParams, never, Reply<CheckDataResponse>>(
    route(apiPaths.checkData(':agentId', ':serverId')),
    guarded(({ params }) => {
      requireUser();
      const { agentId, serverId } = ids(params, ['agentId', 'serverId']);
      return HttpResponse.json(mockDb.checkData(agentId, serverId));
    }),
  ),
  http.get<PathParams<'serverId'>, never, Reply<RebuildPreviewResponse>>(
    route(apiPaths.rebuildPreview(':serverId')),
    guarded(({ params }) => {
      requireUser('operator');
      const { serverId } = ids(params, ['serverId']);
      return HttpResponse.json(mockDb.rebuildPreview(serverId));
    }),
  ),
  http.post<AgentParams, never, Reply<ListServersResponse>>(
    route(apiPaths.sync(':agentId')),
    guarded(({ params }) => {
      requireUser('operator');
      const { agentId } = ids(params, ['agentId']);
      return HttpResponse.json({ servers: mockDb.syncAgent(agentId) });
    }),
  ),
];
