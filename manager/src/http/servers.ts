import { Hono } from 'hono';
import { serverCountHeader } from '@contract/http/list-shape';
import { ListServersQuery } from '@contract/http/server-columns';
import {
  CreateServerRequest,
  UpdateServerRequest,
  type CheckDataResponse,
  type ListServersResponse,
  type ServerActionResponse,
  type ServerResponse,
} from '@contract/http/servers';
import type { RebuildPreviewResponse } from '@contract/http/rebuild-preview';
import { createServer } from '../domain/create-server';
import { previewRebuild } from '../domain/rebuild-preview';
import { checkServerData, updateServerSettings } from '../domain/server-settings';
import { loadAgent, loadServer, serverView, serverViews } from '../domain/server-view';
import type { ListAnswer } from './server-lists';
import {
  requirePermission,
  serverForUser,
  type AppContext,
  type AppEnv,
  type HttpDeps,
} from './app-env';
import { readBody, readId, readQuery } from './validate';

/** Server reads, create, PATCH, check-data, rebuild preview and sync (mounted at /api). */
export function serverRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  const { ctx } = deps;

  app.get('/servers', async (c) => {
    const { role } = requirePermission(c, 'read');
    const { shape } = readQuery(c, ListServersQuery);
    return listAnswer(c, await deps.lists.answer({ shape, role }));
  });

  app.get('/servers/:serverId', (c) => {
    requirePermission(c, 'read');
    return c.json({
      server: serverForUser(c, serverView(ctx, loadServer(ctx, readId(c, 'serverId')))),
    } satisfies ServerResponse);
  });

  app.get('/servers/:serverId/rebuild-preview', async (c) => {
    requirePermission(c, 'operate');
    const preview = await previewRebuild(ctx, readId(c, 'serverId'));
    return c.json(preview satisfies RebuildPreviewResponse);
  });

  app.get('/agents/:agentId/servers', async (c) => {
    const { role } = requirePermission(c, 'read');
    const { shape } = readQuery(c, ListServersQuery);
    const agent = loadAgent(ctx, readId(c, 'agentId'));
    return listAnswer(c, await deps.lists.answer({ agentId: agent.id, shape, role }));
  });

  app.post('/agents/:agentId/servers', async (c) => {
    const user = requirePermission(c, 'operate');
    const agentId = readId(c, 'agentId');
    const body = await readBody(c, CreateServerRequest);
    const created = await createServer(ctx, agentId, body, user.email);
    return c.json(
      { ...created, server: serverForUser(c, created.server) } satisfies ServerActionResponse,
      202,
    );
  });

  app.post('/agents/:agentId/servers/sync', async (c) => {
    const user = requirePermission(c, 'operate');
    const agent = loadAgent(ctx, readId(c, 'agentId'));
    await deps.reconcileNow(agent.id);
    ctx.audit.record({
      actor: user.email,
      action: 'agent.synced',
      outcome: 'succeeded',
      agentId: agent.id,
      details: {},
    });
    return c.json({
      servers: serverViews(ctx, ctx.servers.listByAgent(agent.id)).map((s) => serverForUser(c, s)),
    } satisfies ListServersResponse);
  });

  app.get('/agents/:agentId/servers/:serverId', (c) => {
    requirePermission(c, 'read');
    const server = loadServer(ctx, readId(c, 'serverId'), readId(c, 'agentId'));
    return c.json({ server: serverForUser(c, serverView(ctx, server)) } satisfies ServerResponse);
  });

  app.patch('/agents/:agentId/servers/:serverId', async (c) => {
    const user = requirePermission(c, 'operate');
    const agentId = readId(c, 'agentId');
    const serverId = readId(c, 'serverId');
    const body = await readBody(c, UpdateServerRequest);
    const row = updateServerSettings(ctx, agentId, serverId, body, user.email);
    return c.json({ server: serverForUser(c, serverView(ctx, row)) } satisfies ServerResponse);
  });

  app.get('/agents/:agentId/servers/:serverId/check-data', async (c) => {
    requirePermission(c, 'read');
    const result = await checkServerData(ctx, readId(c, 'agentId'), readId(c, 'serverId'));
    return c.json(result satisfies CheckDataResponse);
  });

  return app;
}

/**
 * A server list as the user may see it (http/server-lists.ts builds and keeps it): `{servers}`,
 * or the same servers column by column when asked with `?shape=columns` (the dashboard does;
 * contract/http/server-columns.ts). Its kept gzip goes to the compression middleware.
 */
function listAnswer(c: AppContext, answer: ListAnswer) {
  c.set('precompressed', answer);
  return c.body(answer.json, 200, {
    'Content-Type': 'application/json',
    'Content-Length': String(answer.json.byteLength),
    [serverCountHeader]: String(answer.count),
  });
}
