import { Hono } from 'hono';
import type { ServerActionResponse } from '@contract/http/servers';
import {
  RollbackRequest,
  SnapshotId,
  SnapshotRequest,
  type ListSnapshotsResponse,
} from '@contract/http/snapshots';
import { NotFoundError } from '../domain/errors';
import { requestServerAction } from '../domain/server-actions';
import { deleteSnapshot, listSnapshots } from '../domain/snapshots';
import { requirePermission, serverForUser, type AppEnv, type HttpDeps } from './app-env';
import { readBody, readId } from './validate';

/** Snapshots: list, take, roll back, delete (mounted at /api, before the generic action route). */
export function snapshotRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  const { ctx } = deps;

  app.get('/servers/:serverId/snapshots', (c) => {
    requirePermission(c, 'read');
    const snapshots = listSnapshots(ctx, readId(c, 'serverId', 'Server'));
    return c.json({ snapshots } satisfies ListSnapshotsResponse);
  });

  app.post('/agents/:agentId/servers/:serverId/snapshot', async (c) => {
    const user = requirePermission(c, 'operate');
    const agentId = readId(c, 'agentId', 'Agent');
    const serverId = readId(c, 'serverId', 'Server');
    await readBody(c, SnapshotRequest);
    const result = await requestServerAction(ctx, {
      agentId,
      serverId,
      kind: 'snapshot',
      allowFreshStart: false,
      actor: user.email,
    });
    return c.json(
      { ...result, server: serverForUser(c, result.server) } satisfies ServerActionResponse,
      202,
    );
  });

  app.post('/agents/:agentId/servers/:serverId/rollback', async (c) => {
    const user = requirePermission(c, 'operate');
    const agentId = readId(c, 'agentId', 'Agent');
    const serverId = readId(c, 'serverId', 'Server');
    const { snapshotId } = await readBody(c, RollbackRequest);
    const result = await requestServerAction(ctx, {
      agentId,
      serverId,
      kind: 'rollback',
      allowFreshStart: false,
      snapshotId,
      actor: user.email,
    });
    return c.json(
      { ...result, server: serverForUser(c, result.server) } satisfies ServerActionResponse,
      202,
    );
  });

  app.delete('/snapshots/:snapshotId', async (c) => {
    const user = requirePermission(c, 'admin');
    const id = SnapshotId.safeParse(c.req.param('snapshotId'));
    if (!id.success) throw new NotFoundError('Snapshot');
    await deleteSnapshot(ctx, id.data, user.email);
    return c.body(null, 204);
  });

  return app;
}
