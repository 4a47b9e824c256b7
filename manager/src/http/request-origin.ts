import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Where a request came from, as far as this manager may believe it. */
export interface RequestOrigin {
  /** The client's address: for the per-IP login limit and logs. */
  clientAddress: string;
  /** The host the browser addressed (compared with `Origin` by the CSRF check). */
  host: string | undefined;
  /** True when the browser talks https to us or to our proxy: Secure cookie, HSTS. */
  https: boolean;
}

/** The value our own proxy added last: the right-most entry of a comma-separated header. */
function lastHop(value: string | undefined): string | undefined {
  const hop = value?.split(',').at(-1)?.trim();
  return hop ? hop : undefined;
}

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local'; // in-process app.request(): no socket
  }
}

/**
 * X-Forwarded-For, -Host and -Proto are believed only with `trustProxy`
 * (`ZEDOPS_TRUST_PROXY=true`): anyone can send them, so without a proxy in front they would
 * let a client pick its own address (escaping the login limit) or host (passing the CSRF check).
 * Behind one trusted proxy, the right-most value is the one that proxy wrote
 * (docs/decisions/0063-secrets-proxy-and-headers.md).
 */
export function requestOrigin(c: Context, trustProxy: boolean): RequestOrigin {
  const url = new URL(c.req.url);
  const direct: RequestOrigin = {
    clientAddress: socketAddress(c),
    host: c.req.header('host') ?? url.host,
    https: url.protocol === 'https:',
  };
  if (!trustProxy) return direct;
  const proto = lastHop(c.req.header('x-forwarded-proto'));
  return {
    clientAddress: lastHop(c.req.header('x-forwarded-for')) ?? direct.clientAddress,
    host: lastHop(c.req.header('x-forwarded-host')) ?? direct.host,
    https: proto ? proto.toLowerCase() === 'https' : direct.https,
  };
}
