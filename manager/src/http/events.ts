import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveEvent } from '@contract/events';
import { liveEventForRole } from '@contract/secrets';
import type { User } from '@contract/http/auth';
import { requirePermission, type AppEnv, type HttpDeps } from './app-env';

const keepAliveMs = 15_000;
/** How stale the stream's idea of its session may get (a disabled user's stream ends within it). */
const sessionRecheckMs = 1_000;

/**
 * GET /api/events — Server-Sent Events: `event: <type>` + `data: <LiveEvent json>`. Each
 * subscriber gets the events as its role may see them (secrets masked for viewers), and the
 * stream ends once its session does (signed out, disabled, demoted, deleted, password reset).
 */
export function eventRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    let user: User | undefined = requirePermission(c, 'read');
    const token = c.get('sessionToken');
    let checkedAt = Date.now();
    const currentUser = (): User | undefined => {
      if (Date.now() - checkedAt >= sessionRecheckMs) {
        user = deps.sessions.resolve(token);
        checkedAt = Date.now();
      }
      return user;
    };
    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = deps.ctx.live.subscribe((event) => {
        queue.push(event);
        wake?.();
      });
      const keepAlive = setInterval(() => {
        if (!currentUser()) void stream.close();
        else void stream.write(': keep-alive\n\n').catch(() => undefined);
      }, keepAliveMs);
      stream.onAbort(() => {
        unsubscribe();
        clearInterval(keepAlive);
        wake?.();
      });
      await stream.write(': connected\n\n');
      try {
        while (!stream.aborted && !stream.closed) {
          const event = queue.shift();
          if (event) {
            const viewer = currentUser();
            if (!viewer) break;
            const shown = liveEventForRole(event, viewer.role);
            await stream.writeSSE({ event: shown.type, data: JSON.stringify(shown) });
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } catch {
        // The client went away mid-write: nothing to report.
      } finally {
        unsubscribe();
        clearInterval(keepAlive);
      }
    });
  });
  return app;
}
