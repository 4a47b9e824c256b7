import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { apiPaths } from '@contract/http/paths';
import { isCrossSiteRequest } from '../auth/csrf';
import { sessionCookieName } from '../auth/sessions';
import { CsrfRejectedError, UnauthenticatedError } from '../domain/errors';
import type { AppEnv, HttpDeps } from './app-env';
import { errorResponse } from './error-handler';
import { requestOrigin } from './request-origin';

export const maxBodyBytes = 64 * 1024;

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const limit = bodyLimit({
  maxSize: maxBodyBytes,
  onError: (c) =>
    errorResponse(c, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${maxBodyBytes} bytes`),
});

/**
 * 413 for bodies over the limit (checked while streaming, not only by Content-Length). Not on
 * GET, HEAD and OPTIONS: no handler of theirs reads a body, and looking for one builds the whole
 * fetch Request that the server otherwise never makes (an eighth of a cheap request's CPU).
 */
export const limitBody: MiddlewareHandler<AppEnv> = (c, next) =>
  safeMethods.has(c.req.method) ? next() : limit(c, next);

/**
 * Refuse cross-site mutating requests (docs/decisions/0003-cookie-sessions-csrf.md). The host
 * compared with `Origin` comes from X-Forwarded-Host only behind a trusted proxy.
 */
export function rejectCrossSite(deps: HttpDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!safeMethods.has(c.req.method)) {
      const crossSite = isCrossSiteRequest({
        origin: c.req.header('origin'),
        host: requestOrigin(c, deps.trustProxy).host,
        secFetchSite: c.req.header('sec-fetch-site'),
      });
      if (crossSite) throw new CsrfRejectedError();
    }
    await next();
  };
}

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
