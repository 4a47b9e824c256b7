import { z } from '../zod';
import { EntityId, Timestamp } from '../common';
import { OperationError } from '../errors';

export const OperationKind = z.enum([
  'create',
  'start',
  'stop',
  'restart',
  'rebuild',
  'recreate',
  'restore',
  'delete',
  'purge',
  'snapshot',
  'rollback',
]);
export type OperationKind = z.infer<typeof OperationKind>;

export const OperationState = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type OperationState = z.infer<typeof OperationState>;

/** States in which an operation still holds its server's single active slot. */
export const activeOperationStates = [
  'queued',
  'running',
] as const satisfies readonly OperationState[];

/**
 * Progress of a running operation; `pulling` carries image pull byte counts when Docker reports
 * them, `snapshotting` and `restoring` carry bytes done / total of the archive being written or read.
 */
export const OperationProgress = z.object({
  /** `waiting-for-turn`: queued behind the other recreates of a recover (a few run at a time). */
  phase: z.enum([
    'waiting-for-agent',
    'waiting-for-turn',
    'checking-data',
    'pulling',
    'creating',
    'starting',
    'stopping',
    'removing',
    'snapshotting',
    'restoring',
  ]),
  message: z.optional(z.string()),
  percent: z.optional(z.number().check(z.gte(0), z.lte(100))),
  current: z.optional(z.number().check(z.nonnegative())),
  total: z.optional(z.number().check(z.nonnegative())),
});
export type OperationProgress = z.infer<typeof OperationProgress>;

export const Operation = z.object({
  id: EntityId,
  serverId: EntityId,
  kind: OperationKind,
  state: OperationState,
  /** Email of the user who asked, or `system` (auto-recreate, reconcile). */
  requestedBy: z.string(),
  createdAt: Timestamp,
  startedAt: z.nullable(Timestamp),
  finishedAt: z.nullable(Timestamp),
  /** True when the user confirmed creating a fresh world over absent data. */
  allowFreshStart: z.optional(z.boolean()),
  /** True when the user confirmed using a world that diverged from its last healthy fingerprint. */
  allowDataDivergence: z.optional(z.boolean()),
  /** `snapshot`: the snapshot it takes; `rollback`: the snapshot it restores. */
  snapshotId: z.optional(z.uuid()),
  progress: z.optional(OperationProgress),
  error: z.optional(OperationError),
});
export type Operation = z.infer<typeof Operation>;

/** GET /api/operations/:operationId, DELETE /api/operations/:operationId */
export const OperationResponse = z.object({ operation: Operation });
export type OperationResponse = z.infer<typeof OperationResponse>;
