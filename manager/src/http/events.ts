import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveEvent } from '@contract/events';
import { liveEventForRole } from '@contract/secrets';
import type { User } from '@contract/http/auth';
import { requirePermission, type AppEnv, type HttpDeps } from './app-env';

const keepAliveMs = 15_000;

/**
 * GET /api/events — Server-Sent Events: `event: <type>` + `data: <LiveEvent json>`. Each
 * subscriber gets the events as its role may see them (secrets masked for viewers), and the
 * stream ends as soon as its session does (disabled, demoted, deleted, password reset or
 * changed elsewhere: `sessions.ended`; expired: checked with each keep-alive).
 */
export function eventRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    let user: User | undefined = requirePermission(c, 'read');
    const token = c.get('sessionToken');
    // A reverse proxy that buffers responses (nginx does by default) would hold the stream, and
    // with it the dashboard's first answer: ask it not to.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | undefined;
      const recheck = () => {
        user = deps.sessions.resolve(token);
        wake?.();
      };
      const unsubscribe = deps.ctx.live.subscribe((event) => {
        queue.push(event);
        wake?.();
      });
      const stopWatching = deps.ctx.events.on('sessions.ended', ({ userId }) => {
        if (userId === user?.id) recheck();
      });
      const keepAlive = setInterval(() => {
        recheck();
        void stream.write(': keep-alive\n\n').catch(() => undefined);
      }, keepAliveMs);
      const stop = () => {
        unsubscribe();
        stopWatching();
        clearInterval(keepAlive);
      };
      stream.onAbort(() => {
        stop();
        wake?.();
      });
      await stream.write(': connected\n\n');
      try {
        while (!stream.aborted && !stream.closed && user) {
          const event = queue.shift();
          if (event) {
            const shown = liveEventForRole(event, user.role);
            await stream.writeSSE({ event: shown.type, data: JSON.stringify(shown) });
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } catch {
        // The client went away mid-write: nothing to report.
      } finally {
        stop();
      }
    });
  });
  return app;
}
