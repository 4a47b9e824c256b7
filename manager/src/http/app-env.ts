import type { User } from '@contract/http/auth';
import type { Server } from '@contract/http/servers';
import { serverForRole } from '@contract/secrets';
import type { Context } from 'hono';
import type { Permission } from '../auth/roles';
import type { Precompressed } from './compress';
import type { ServerLists } from './server-lists';
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
  /** The server lists' answers, kept while nothing they show changed. */
  lists: ServerLists;
  /** Believe X-Forwarded-For/-Host/-Proto (ZEDOPS_TRUST_PROXY=true): only behind a proxy. */
  trustProxy: boolean;
}

export type AppEnv = {
  Variables: { user?: User; sessionToken?: string; precompressed?: Precompressed };
};
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

/** A server as the signed-in user may see it: secrets masked for viewers (contract/secrets.ts). */
export function serverForUser(c: AppContext, server: Server): Server {
  return serverForRole(server, currentUser(c).role);
}
