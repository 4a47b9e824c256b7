import type { Hono } from 'hono';
import { apiPaths } from '@contract/http/paths';
import type { HealthResponse } from '@contract/http/health';
import { zedopsVersion } from '../version';
import type { AppEnv } from './app-env';

/**
 * GET /api/health without a session (the image's HEALTHCHECK, load balancers). Registered before
 * the session middleware so that it answers first; it reads nothing from the database and tells
 * nothing a visitor could use beyond the release number.
 */
export function healthRoute(app: Hono<AppEnv>): void {
  app.get(apiPaths.health, (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok', version: zedopsVersion } satisfies HealthResponse);
  });
}
