import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { dashboardInMemory } from './static-memory';

/** Serve the built dashboard; unknown non-file paths get index.html (client-side routes), missing files 404. */
export function serveDashboard(app: Hono<AppEnv>, staticDir: string): void {
  const memory = dashboardInMemory(staticDir);
  app.use('*', memory.file());
  app.use('*', serveStatic({ root: staticDir }));
  const indexFromMemory = memory.file('/index.html');
  const index = serveStatic({ path: join(staticDir, 'index.html') });
  app.get('*', async (c, next) => {
    if (/\.[A-Za-z0-9]+$/.test(c.req.path)) return c.notFound();
    const kept = await indexFromMemory(c, async () => {});
    if (kept) return kept;
    return (await index(c, next)) ?? c.notFound();
  });
}
