import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { apiPaths } from '@contract/http/paths';
import { isCrossSiteRequest } from '../auth/csrf';
import { sessionCookieName } from '../auth/sessions';
import { CsrfRejectedError, UnauthenticatedError } from '../domain/errors';
import type { AppEnv, HttpDeps } from './app-env';
import { errorResponse } from './error-handler';

export const maxBodyBytes = 64 * 1024;

/** 413 for bodies over the limit (checked while streaming, not only by Content-Length). */
export const limitBody: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: maxBodyBytes,
  onError: (c) =>
    errorResponse(c, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${maxBodyBytes} bytes`),
});

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuse cross-site mutating requests (docs/decisions/0003-cookie-sessions-csrf.md). */
export const rejectCrossSite: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!safeMethods.has(c.req.method)) {
    const crossSite = isCrossSiteRequest({
      origin: c.req.header('origin'),
      host: c.req.header('x-forwarded-host') ?? c.req.header('host') ?? new URL(c.req.url).host,
      secFetchSite: c.req.header('sec-fetch-site'),
    });
    if (crossSite) throw new CsrfRejectedError();
  }
  await next();
};

/** Resolve the session cookie; every /api route except login requires one. */
export function requireSession(deps: HttpDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookieName);
    const user = deps.sessions.resolve(token);
    if (user) {
      c.set('user', user);
      c.set('sessionToken', token);
    } else if (c.req.path !== apiPaths.login) {
      throw new UnauthenticatedError();
    }
    await next();
  };
}

/** Client address for rate limiting (falls back when running in-process under app.request()). */
export function clientAddress(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}
