import { z } from '../zod';
import { EntityId, Timestamp } from '../common';
import type { OperationKind } from './operations';

/** Every audit action name, in one place (manager, mocks and dashboard read it). */
export const AuditAction = z.enum([
  'server.created',
  'server.started',
  'server.stopped',
  'server.restarted',
  'server.rebuilt',
  'server.recreated',
  'server.restored',
  'server.deleted',
  'server.purged',
  'server.updated',
  'server.auto_recreate',
  'server.duplicate_container',
  'server.rolled_back',
  'server.data_diverged',
  'snapshot.created',
  'snapshot.deleted',
  'snapshot.pruned',
  'operation.cancelled',
  'operation.interrupted',
  'agent.created',
  'agent.synced',
  'agent.recovered',
  'agent.token_rotated',
  'agent.updated',
  'agent.deleted',
  'user.created',
  'user.updated',
  'user.deleted',
  'user.password_reset',
  'auth.login',
  'auth.logout',
  'auth.password_changed',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * Audit entries only admins may read: sign-ins (a failed one carries the email that was typed)
 * and account changes. Everyone else's `GET /api/audit` leaves them out.
 */
export const adminOnlyAuditPrefixes = ['auth.', 'user.'] as const;

/** True when only admins may see entries with this action. */
export function isAdminOnlyAuditAction(action: AuditAction): boolean {
  return adminOnlyAuditPrefixes.some((prefix) => action.startsWith(prefix));
}

/** Audit action written for each operation kind (the recreate routine adds `server.recreated`). */
export const auditActionForKind: Record<OperationKind, AuditAction> = {
  create: 'server.created',
  start: 'server.started',
  stop: 'server.stopped',
  restart: 'server.restarted',
  rebuild: 'server.rebuilt',
  recreate: 'server.recreated',
  restore: 'server.restored',
  delete: 'server.deleted',
  purge: 'server.purged',
  snapshot: 'snapshot.created',
  rollback: 'server.rolled_back',
};

export const AuditOutcome = z.enum(['requested', 'succeeded', 'failed', 'cancelled']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntry = z.object({
  id: EntityId,
  at: Timestamp,
  /** Email of the user, or `system`. */
  actor: z.string(),
  action: AuditAction,
  outcome: AuditOutcome,
  serverId: z.nullable(EntityId),
  agentId: z.nullable(EntityId),
  operationId: z.nullable(EntityId),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** GET /api/audit?serverId=&limit= */
export const AuditQuery = z.strictObject({
  serverId: z.optional(EntityId),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(500))),
});

export const AuditResponse = z.object({ entries: z.array(AuditEntry) });
export type AuditResponse = z.infer<typeof AuditResponse>;
