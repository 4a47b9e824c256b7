import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { dashboardInMemory } from './static-memory';

/**
 * The build names every file under `/assets/` by its content's hash, so a browser may keep one for
 * good and never ask again; a release changes the names. The page itself (and a client route's
 * copy of it) is asked again each visit, so a release is seen on the next load.
 */
const assetCaching = 'public, max-age=31536000, immutable';
const pageCaching = 'no-cache';

/** Serve the built dashboard; unknown non-file paths get index.html (client-side routes), missing files 404. */
export function serveDashboard(app: Hono<AppEnv>, staticDir: string): void {
  const memory = dashboardInMemory(staticDir);
  app.use('*', async (c, next) => {
    await next();
    if (c.res.status !== 200) return;
    if (c.req.path.startsWith('/assets/')) c.res.headers.set('Cache-Control', assetCaching);
    else if (c.res.headers.get('Content-Type')?.startsWith('text/html'))
      c.res.headers.set('Cache-Control', pageCaching);
  });
  app.use('*', memory.file());
  app.use('*', serveStatic({ root: staticDir }));
  const indexFromMemory = memory.file('/index.html');
  const index = serveStatic({ path: join(staticDir, 'index.html') });
  app.get('*', async (c, next) => {
    // A file name, or anything under the built files' folder, is a missing file, never a route.
    if (/\.[A-Za-z0-9]+$/.test(c.req.path) || c.req.path.startsWith('/assets/'))
      return c.notFound();
    const kept = await indexFromMemory(c, async () => {});
    if (kept) return kept;
    return (await index(c, next)) ?? c.notFound();
  });
}
