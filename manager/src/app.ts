import { Hono } from 'hono';
import type { AppEnv, HttpDeps } from './http/app-env';
import { agentRecoverRoutes } from './http/agent-recover';
import { agentRoutes } from './http/agents';
import { auditRoutes } from './http/audit';
import { authRoutes } from './http/auth';
import { compressResponses } from './http/compress';
import { errorResponse, makeErrorHandler } from './http/error-handler';
import { eventRoutes } from './http/events';
import { healthRoute } from './http/health';
import { limitBody, rejectCrossSite, requireSession } from './http/middleware';
import { operationRoutes } from './http/operations';
import { serverActionRoutes } from './http/server-actions';
import { serverRoutes } from './http/servers';
import { snapshotRoutes } from './http/snapshots';
import { securityHeaders } from './http/security-headers';
import { userRoutes } from './http/users';

/** The HTTP API as a hono app (testable in-process with `app.request()`). */
export function buildApp(deps: HttpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(makeErrorHandler(deps.ctx.logger));
  app.use('*', ...securityHeaders(deps));
  // Before the session check: a health probe has no session (docs/decisions/0141-bundles-and-offline-base.md).
  healthRoute(app);

  app.use('/api/*', compressResponses, limitBody, rejectCrossSite(deps), requireSession(deps));
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/users', userRoutes(deps));
  app.route('/api/agents', agentRoutes(deps));
  app.route('/api/agents', agentRecoverRoutes(deps));
  app.route('/api', serverRoutes(deps));
  app.route('/api', snapshotRoutes(deps));
  app.route('/api', serverActionRoutes(deps));
  app.route('/api/operations', operationRoutes(deps));
  app.route('/api/audit', auditRoutes(deps));
  app.route('/api/events', eventRoutes(deps));
  app.all('/api/*', (c) =>
    errorResponse(c, 'NOT_FOUND', `No API route ${c.req.method} ${c.req.path}`),
  );
  return app;
}
