import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import { getMimeType } from 'hono/utils/mime';
import type { AppEnv } from './app-env';
import { acceptsGzip, compressFromBytes, gzipAsync } from './compress';

/** One file of the built dashboard, as it was on disk when read. */
interface Kept {
  file: string;
  mtimeMs: number;
  size: number;
  body: Uint8Array<ArrayBuffer>;
  type: string;
  /** Its gzip (level 9, made once on the thread pool), once made; never for small or binary files. */
  gzipped?: Uint8Array<ArrayBuffer>;
}

/**
 * What a build holds, and no more, so a static folder set to the wrong place (a home folder, `/`)
 * is never walked or read whole: the files at its top and in `assets/` (not deeper), each at most
 * `maxFileBytes`, together at most `maxKeptBytes`. Anything else is left to the disk-backed handler.
 */
const keptFolders = new Set(['', 'assets']);
const maxFileBytes = 8 * 1024 * 1024;
const maxKeptBytes = 32 * 1024 * 1024;

/** The build's files by URL path (`/assets/x.js`): the names only real files have. */
export function buildFiles(root: string): [string, string][] {
  const found: [string, string][] = [];
  let bytes = 0;
  for (const folder of keptFolders) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = join(dir, entry.name);
      const size = statSync(file).size;
      if (size > maxFileBytes || bytes + size > maxKeptBytes) continue;
      bytes += size;
      found.push([`/${relative(root, file).split(sep).join('/')}`, file]);
    }
  }
  return found;
}

function read(file: string): Kept {
  const stats = statSync(file);
  const type = getMimeType(file) ?? 'application/octet-stream';
  const body = new Uint8Array(readFileSync(file));
  return { file, mtimeMs: stats.mtimeMs, size: stats.size, body, type };
}

function compressLater(kept: Kept): void {
  if (kept.size < compressFromBytes || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(kept.type)) return;
  void gzipAsync(kept.body, { level: 9 }).then(
    (zipped) => (kept.gzipped = zipped),
    () => undefined, // kept plain: it still goes out
  );
}

/**
 * The built dashboard answered from memory: read (and gzipped) once, each answer written in one
 * go. Streamed from disk, a file took one event-loop turn per 64 KiB read, each behind whatever
 * else the manager was doing — right after a reconcile, the server list being built in 40 ms
 * slices put the page's scripts 0.1–0.25 s late (docs/decisions/0102-overview-first-card.md).
 * A file changed on disk (a rebuild while running) is read again; a path not kept here (a file
 * added later, a range request) goes on to the disk-backed handler after it.
 *
 * `file(path)` answers the file kept at that URL path (`/` is `/index.html`).
 */
export function dashboardInMemory(root: string) {
  const kept = new Map<string, Kept>();
  // A missing folder is the disk-backed handler's to report (it logs it), not a crash here.
  for (const [path, file] of existsSync(root) ? buildFiles(root) : []) {
    const one = read(file);
    kept.set(path, one);
    compressLater(one);
  }
  const file =
    (path?: string): MiddlewareHandler<AppEnv> =>
    async (c, next) => {
      const method = c.req.method;
      const at = path ?? (c.req.path === '/' ? '/index.html' : c.req.path);
      const known = kept.get(at);
      if (!known || (method !== 'GET' && method !== 'HEAD') || c.req.header('Range')) return next();
      let current = known;
      const stats = statSync(known.file, { throwIfNoEntry: false });
      if (!stats?.isFile()) return next();
      if (stats.mtimeMs !== known.mtimeMs || stats.size !== known.size) {
        current = read(known.file);
        kept.set(at, current);
        compressLater(current);
      }
      return answer(c, current, method === 'HEAD');
    };
  return { file };
}

function answer(c: Parameters<MiddlewareHandler<AppEnv>>[0], kept: Kept, head: boolean) {
  c.header('Content-Type', kept.type);
  c.header('Last-Modified', new Date(kept.mtimeMs).toUTCString());
  let body = kept.body;
  if (kept.gzipped) {
    // Caches must keep the gzipped and the plain answer apart, whichever this one is.
    c.header('Vary', 'Accept-Encoding', { append: true });
    if (acceptsGzip(c.req.header('Accept-Encoding'))) {
      c.header('Content-Encoding', 'gzip');
      body = kept.gzipped;
    }
  }
  c.header('Content-Length', String(body.byteLength));
  return head ? c.body(null, 200) : c.body(body, 200);
}
