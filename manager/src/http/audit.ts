import { Hono } from 'hono';
import { AuditQuery, type AuditResponse } from '@contract/http/audit';
import { requirePermission, type AppEnv, type HttpDeps } from './app-env';
import { readQuery } from './validate';

/** GET /api/audit?serverId=&limit= */
export function auditRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    requirePermission(c, 'read');
    const query = readQuery(c, AuditQuery);
    return c.json({
      entries: deps.ctx.audit.list(query.serverId, query.limit ?? 200),
    } satisfies AuditResponse);
  });
  return app;
}
