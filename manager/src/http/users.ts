import { Hono } from 'hono';
import {
  CreateUserRequest,
  ResetPasswordRequest,
  UpdateUserRequest,
  type ListUsersResponse,
  type UserAccountResponse,
} from '@contract/http/users';
import { toUserAccount } from '../db/users-repo';
import {
  createUserAccount,
  deleteUserAccount,
  resetUserPassword,
  updateUserAccount,
} from '../domain/user-accounts';
import { requirePermission, type AppEnv, type HttpDeps } from './app-env';
import { readBody, readId } from './validate';

/** /api/users (admin only): list, create, change role or disable, delete, reset a password. */
export function userRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  const { ctx } = deps;

  app.get('/', (c) => {
    requirePermission(c, 'admin');
    return c.json({ users: ctx.users.list().map(toUserAccount) } satisfies ListUsersResponse);
  });

  app.post('/', async (c) => {
    const admin = requirePermission(c, 'admin');
    const body = await readBody(c, CreateUserRequest);
    const user = await createUserAccount(ctx, body, admin.email);
    return c.json({ user } satisfies UserAccountResponse, 201);
  });

  app.patch('/:userId', async (c) => {
    const admin = requirePermission(c, 'admin');
    const userId = readId(c, 'userId');
    const body = await readBody(c, UpdateUserRequest);
    const user = updateUserAccount(ctx, userId, body, admin.email);
    return c.json({ user } satisfies UserAccountResponse);
  });

  app.delete('/:userId', (c) => {
    const admin = requirePermission(c, 'admin');
    deleteUserAccount(ctx, readId(c, 'userId'), admin.email);
    return c.body(null, 204);
  });

  app.post('/:userId/password', async (c) => {
    const admin = requirePermission(c, 'admin');
    const userId = readId(c, 'userId');
    const body = await readBody(c, ResetPasswordRequest);
    await resetUserPassword(ctx, userId, body.newPassword, admin.email);
    return c.body(null, 204);
  });

  return app;
}
