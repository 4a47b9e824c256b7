import { Hono } from 'hono';
import { AuditQuery, type AuditResponse } from '@contract/http/audit';
import { roleAllows } from '../auth/roles';
import { requirePermission, type AppEnv, type HttpDeps } from './app-env';
import { readQuery } from './validate';

/** GET /api/audit?serverId=&limit= (sign-ins and account changes for admins only) */
export function auditRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    const user = requirePermission(c, 'read');
    const query = readQuery(c, AuditQuery);
    const entries = deps.ctx.audit.list(query.serverId, query.limit ?? 200, {
      includeAdminOnly: roleAllows(user.role, 'admin'),
    });
    return c.json({ entries } satisfies AuditResponse);
  });
  return app;
}
