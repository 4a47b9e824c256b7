import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveEvent } from '@contract/events';
import { requirePermission, type AppEnv, type HttpDeps } from './app-env';

const keepAliveMs = 15_000;

/** GET /api/events — Server-Sent Events: `event: <type>` + `data: <LiveEvent json>`. */
export function eventRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    requirePermission(c, 'read');
    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = deps.ctx.live.subscribe((event) => {
        queue.push(event);
        wake?.();
      });
      const keepAlive = setInterval(
        () => void stream.write(': keep-alive\n\n').catch(() => undefined),
        keepAliveMs,
      );
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
            await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
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
