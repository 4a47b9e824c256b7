import type { User } from '@contract/http/auth';
import type { Context } from 'hono';
import type { Permission } from '../auth/roles';
import { roleAllows } from '../auth/roles';
import type { RateLimiter } from '../auth/rate-limit';
import type { SessionService } from '../auth/sessions';
import type { ManagerContext } from '../domain/context';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors';

/** Services the HTTP layer needs. */
export interface HttpDeps {
  ctx: ManagerContext;
  sessions: SessionService;
  loginLimiter: RateLimiter;
  /** Reconcile one agent now and wait for it (POST …/servers/sync). */
  reconcileNow(agentId: string): Promise<void>;
}

export type AppEnv = { Variables: { user?: User; sessionToken?: string } };
export type AppContext = Context<AppEnv>;

/** The signed-in user (the auth middleware guarantees one on every route but login). */
export function currentUser(c: AppContext): User {
  const user = c.get('user');
  if (!user) throw new UnauthenticatedError();
  return user;
}

/** Refuse with 403 unless the signed-in user's role grants the permission. */
export function requirePermission(c: AppContext, permission: Permission): User {
  const user = currentUser(c);
  if (!roleAllows(user.role, permission)) throw new ForbiddenError();
  return user;
}
