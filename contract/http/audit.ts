import { z } from 'zod';
import { EntityId, Timestamp } from '../common';

export const AuditOutcome = z.enum(['requested', 'succeeded', 'failed', 'cancelled']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntry = z.object({
  id: EntityId,
  at: Timestamp,
  /** Email of the user, or `system`. */
  actor: z.string(),
  /** e.g. `server.recreated`, `server.started`, `server.deleted`, `agent.created`, `auth.login`. */
  action: z.string(),
  outcome: AuditOutcome,
  serverId: EntityId.nullable(),
  agentId: EntityId.nullable(),
  operationId: EntityId.nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** GET /api/audit?serverId=&limit= */
export const AuditQuery = z.strictObject({
  serverId: EntityId.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const AuditResponse = z.object({ entries: z.array(AuditEntry) });
export type AuditResponse = z.infer<typeof AuditResponse>;
