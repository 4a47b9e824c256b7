import { http, HttpResponse, type PathParams } from 'msw';
import { apiPaths } from '@contract/http/paths';
import type { ServerActionResponse } from '@contract/http/servers';
import {
  RollbackRequest,
  SnapshotId,
  SnapshotRequest,
  type ListSnapshotsResponse,
} from '@contract/http/snapshots';
import { mockDb } from '../db';
import { NotFoundError } from '../store/errors';
import { guarded, ids, readBody, requireUser, route, type Reply } from './respond';

type ServerParams = PathParams<'agentId' | 'serverId'>;

/** A snapshot id from the path: anything but a uuid cannot name a snapshot → 404. */
function snapshotIdOf(params: PathParams<'snapshotId'>): string {
  const parsed = SnapshotId.safeParse(params.snapshotId);
  if (!parsed.success) throw new NotFoundError('Snapshot not found');
  return parsed.data;
}

export const snapshotHandlers = [
  http.get<PathParams<'serverId'>, never, Reply<ListSnapshotsResponse>>(
    route(apiPaths.serverSnapshots(':serverId')),
    guarded(({ params }) => {
      requireUser();
      const { serverId } = ids(params, ['serverId']);
      mockDb.server(serverId); // 404 for a server that does not exist (or was purged)
      return HttpResponse.json({ snapshots: mockDb.snapshots(serverId) });
    }),
  ),
  http.post<ServerParams, SnapshotRequest, Reply<ServerActionResponse>>(
    route(apiPaths.takeSnapshot(':agentId', ':serverId')),
    guarded(async ({ params, request }) => {
      const user = requireUser('operator');
      const { agentId, serverId } = ids(params, ['agentId', 'serverId']);
      await readBody(request, SnapshotRequest);
      const result = mockDb.requestSnapshot({ agentId, serverId, actor: user.email });
      return HttpResponse.json(result, { status: 202 });
    }),
  ),
  http.post<ServerParams, RollbackRequest, Reply<ServerActionResponse>>(
    route(apiPaths.rollback(':agentId', ':serverId')),
    guarded(async ({ params, request }) => {
      const user = requireUser('operator');
      const { agentId, serverId } = ids(params, ['agentId', 'serverId']);
      const { snapshotId } = await readBody(request, RollbackRequest);
      const result = mockDb.requestRollback({ agentId, serverId, actor: user.email, snapshotId });
      return HttpResponse.json(result, { status: 202 });
    }),
  ),
  http.delete<PathParams<'snapshotId'>, never, Reply<never>>(
    route(apiPaths.snapshot(':snapshotId')),
    guarded(({ params }) => {
      const user = requireUser('admin');
      mockDb.deleteSnapshot(snapshotIdOf(params), user.email);
      return new HttpResponse(null, { status: 204 });
    }),
  ),
];
