import { Hono } from 'hono';
import {
  RollbackRequest,
  SnapshotId,
  SnapshotRequest,
  type ListSnapshotsResponse,
} from '@contract/http/snapshots';
import { NotFoundError } from '../domain/errors';
import { deleteSnapshot, listSnapshots } from '../domain/snapshots';
import { answerServerAction } from './action-route';
import { requirePermission, type AppEnv, type HttpDeps } from './app-env';
import { readBody, readId } from './validate';

/** Snapshots: list, take, roll back, delete (mounted at /api, before the generic action route). */
export function snapshotRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  const { ctx } = deps;

  app.get('/servers/:serverId/snapshots', (c) => {
    requirePermission(c, 'read');
    const snapshots = listSnapshots(ctx, readId(c, 'serverId'));
    return c.json({ snapshots } satisfies ListSnapshotsResponse);
  });

  app.post('/agents/:agentId/servers/:serverId/snapshot', (c) =>
    answerServerAction(c, ctx, 'operate', async () => {
      await readBody(c, SnapshotRequest);
      return { kind: 'snapshot', allowFreshStart: false };
    }),
  );

  app.post('/agents/:agentId/servers/:serverId/rollback', (c) =>
    answerServerAction(c, ctx, 'operate', async () => {
      const { snapshotId } = await readBody(c, RollbackRequest);
      return { kind: 'rollback', allowFreshStart: false, snapshotId };
    }),
  );

  app.delete('/snapshots/:snapshotId', async (c) => {
    const user = requirePermission(c, 'admin');
    const id = SnapshotId.safeParse(c.req.param('snapshotId'));
    if (!id.success) throw new NotFoundError('Snapshot');
    await deleteSnapshot(ctx, id.data, user.email);
    return c.body(null, 204);
  });

  return app;
}
