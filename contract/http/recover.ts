import { z } from '../zod';
import { EntityId } from '../common';
import { HttpErrorCode } from '../errors';
import { Operation } from './operations';

/** How many recreates of one recover run at once: 2 unless asked, never more than `max`. */
export const recoverConcurrency = { default: 2, max: 10 } as const;

/** Most servers one recover may list. */
export const recoverMaxServers = 1000;

/**
 * POST /api/agents/:agentId/recover (operator): one recreate per Missing server of the agent, or
 * per listed id, at most `concurrency` at a time, each with every guard of a single recreate.
 */
export const RecoverRequest = z.strictObject({
  serverIds: z.optional(
    z.array(EntityId).check(
      z.minLength(1),
      z.maxLength(recoverMaxServers),
      z.refine((ids) => new Set(ids).size === ids.length, 'each server id may be listed once'),
    ),
  ),
  concurrency: z.optional(z.number().check(z.int(), z.gte(1), z.lte(recoverConcurrency.max))),
});
export type RecoverRequest = z.infer<typeof RecoverRequest>;

/** A server the recover did not start, and why (the code a single recreate would have answered). */
export const RecoverSkip = z.object({
  serverId: EntityId,
  code: HttpErrorCode,
  message: z.string(),
});
export type RecoverSkip = z.infer<typeof RecoverSkip>;

/**
 * 202: the recreate operations, in the order they run (the first `concurrency` running, the rest
 * queued behind them), and the servers refused.
 */
export const RecoverResponse = z.object({
  operations: z.array(Operation),
  skipped: z.array(RecoverSkip),
});
export type RecoverResponse = z.infer<typeof RecoverResponse>;
