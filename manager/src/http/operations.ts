import { Hono } from 'hono';
import type { OperationResponse } from '@contract/http/operations';
import { publicOperation } from '../db/operations-repo';
import { NotFoundError } from '../domain/errors';
import { cancelOperation } from '../domain/operations';
import { requirePermission, type AppEnv, type HttpDeps } from './app-env';
import { readId } from './validate';

/** GET /api/operations/:operationId, DELETE (cancel a queued one). */
export function operationRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();

  app.get('/:operationId', (c) => {
    requirePermission(c, 'read');
    const op = deps.ctx.operations.findById(readId(c, 'operationId'));
    if (!op) throw new NotFoundError('Operation');
    return c.json({ operation: publicOperation(op) } satisfies OperationResponse);
  });

  app.delete('/:operationId', (c) => {
    const user = requirePermission(c, 'operate');
    const op = cancelOperation(deps.ctx, readId(c, 'operationId'), user.email);
    return c.json({ operation: publicOperation(op) } satisfies OperationResponse);
  });

  return app;
}
