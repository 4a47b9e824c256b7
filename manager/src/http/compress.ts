import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import type { AppEnv } from './app-env';

/** Smaller bodies go out as they are: gzip's own framing would eat most of what it saves. */
export const compressFromBytes = 1024;

/** Above this a body is sent as it is rather than held in memory to be compressed. */
const compressUpToBytes = 64 * 1024 * 1024;

/**
 * From this size on a body is compressed at level 1 instead of zlib's default 6: measured on the
 * 10,000-server lists (1.5–7.5 MB of JSON), level 1 takes 35–45% less CPU for 2–9% more bytes.
 */
export const fastGzipFromBytes = 256 * 1024;

/** The gzip level for a body of `bytes`. */
export const gzipLevel = (bytes: number) => (bytes >= fastGzipFromBytes ? 1 : 6);

/** zlib's gzip on the thread pool (its answer is a Buffer of its own ArrayBuffer). */
export const gzipAsync = promisify(gzip) as (
  body: Uint8Array,
  options: { level: number },
) => Promise<Uint8Array<ArrayBuffer>>;

/**
 * A handler whose answer is kept (http/server-lists.ts) declares its Content-Length and hands
 * over its gzip, made once: the answer is then neither re-read nor compressed again here.
 */
export interface Precompressed {
  gzipped(level: number): Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * gzip for the API's text answers of at least `compressFromBytes` when the client accepts it:
 * the list of 10,000 servers is 7.6 MB as JSON, about 0.8 MB gzipped
 * (docs/decisions/0081-compressed-responses.md). The event stream (text/event-stream) is never
 * touched: it must reach the client event by event. Compression runs on libuv's thread pool,
 * so the event loop keeps serving while a big body is compressed.
 */
export const compressResponses: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const res = c.res;
  const type = res.headers.get('Content-Type');
  if (!type || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)) return;
  if (
    res.headers.has('Content-Encoding') ||
    /no-transform/i.test(res.headers.get('Cache-Control') ?? '')
  )
    return;
  const declared = Number(res.headers.get('Content-Length') ?? NaN);
  // A declared length says there is a body: asking for it turns the server's light answer into a
  // whole fetch Response, a fifth of a small request's CPU (error answers declare theirs).
  if (!(declared > 0) && !res.body) return;
  // Caches must keep the gzipped and the plain answer apart, whichever this one is. Set on the
  // answer's own headers, as secureHeaders does: `c.header` after the handler would rebuild the
  // answer as a whole fetch Response first.
  res.headers.append('Vary', 'Accept-Encoding');
  if (
    c.req.method === 'HEAD' ||
    res.status === 206 ||
    !acceptsGzip(c.req.header('Accept-Encoding'))
  )
    return;
  if (declared < compressFromBytes || declared > compressUpToBytes) return;
  // A kept answer declares its length: the bounds above held for it.
  const kept = c.get('precompressed');
  if (kept) return sendGzipped(c, res, await kept.gzipped(gzipLevel(declared)));
  const body = new Uint8Array(await res.arrayBuffer());
  // Hono copies the old answer's headers onto the new one: fix those that change after it.
  if (body.byteLength < compressFromBytes || body.byteLength > compressUpToBytes) {
    c.res = new Response(body, res);
    c.res.headers.set('Content-Length', String(body.byteLength));
    return;
  }
  sendGzipped(c, res, await gzipAsync(body, { level: gzipLevel(body.byteLength) }));
};

/** Replace the answer with its gzipped bytes. */
function sendGzipped(c: Context<AppEnv>, res: Response, zipped: Uint8Array<ArrayBuffer>): void {
  c.res = new Response(zipped, res);
  c.res.headers.set('Content-Encoding', 'gzip');
  c.res.headers.set('Content-Length', String(zipped.byteLength));
  // The bytes differ from the plain file's: a strong validator would claim they are the same.
  const etag = c.res.headers.get('ETag');
  if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
}

/** True when the request's Accept-Encoding lets gzip through (explicitly, or as `*`). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  const accepts = parseAccept(header);
  const q = (name: string) => accepts.find((a) => a.type.toLowerCase() === name)?.q;
  return (q('gzip') ?? q('*') ?? 0) > 0;
}
