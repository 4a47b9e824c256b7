import { z } from '../zod';

/**
 * GET /api/health → 200, without a session: what a container HEALTHCHECK or a load balancer
 * asks. It says only that the manager answers and which release it runs; nothing else.
 */
export const HealthResponse = z.strictObject({
  status: z.literal('ok'),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
