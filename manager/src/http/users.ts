import { Hono } from 'hono';
import { CreateUserRequest, type ListUsersResponse } from '@contract/http/users';
import type { UserResponse } from '@contract/http/auth';
import { hashPassword } from '../auth/passwords';
import { NameTakenError } from '../domain/errors';
import { requirePermission, type AppEnv, type HttpDeps } from './app-env';
import { readBody } from './validate';

/** GET/POST /api/users (admin only). */
export function userRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    requirePermission(c, 'admin');
    return c.json({ users: deps.ctx.users.list() } satisfies ListUsersResponse);
  });

  app.post('/', async (c) => {
    const admin = requirePermission(c, 'admin');
    const body = await readBody(c, CreateUserRequest);
    if (deps.ctx.users.findByEmail(body.email))
      throw new NameTakenError(`A user with email ${body.email} already exists`, 'email');
    const user = deps.ctx.users.create(body.email, await hashPassword(body.password), body.role);
    deps.ctx.audit.record({
      actor: admin.email,
      action: 'user.created',
      outcome: 'succeeded',
      details: { email: user.email, role: user.role },
    });
    return c.json(
      { user: { id: user.id, email: user.email, role: user.role } } satisfies UserResponse,
      201,
    );
  });

  return app;
}
