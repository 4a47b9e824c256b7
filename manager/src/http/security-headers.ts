import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, HttpDeps } from './app-env';
import { requestOrigin } from './request-origin';

/**
 * What the dashboard may load: only its own files and API. Styles allow 'unsafe-inline' because
 * the dialogs' scroll lock (Radix) injects a <style> element at run time; no script is inline,
 * so scripts stay 'self' (docs/decisions/0063-secrets-proxy-and-headers.md).
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Max-age of HSTS: one year. */
const hsts = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every response. HSTS only on a request that arrived over https (directly,
 * or through a trusted proxy that says so): over plain http it would be ignored at best, and
 * would lock out a LAN install that later loses its certificate at worst.
 */
export function securityHeaders(deps: Pick<HttpDeps, 'trustProxy'>): MiddlewareHandler<AppEnv>[] {
  return [
    secureHeaders({ contentSecurityPolicy, strictTransportSecurity: false }),
    async (c, next) => {
      await next();
      if (requestOrigin(c, deps.trustProxy).https)
        c.res.headers.set('Strict-Transport-Security', hsts);
    },
  ];
}
