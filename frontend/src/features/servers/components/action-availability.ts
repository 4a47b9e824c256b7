import type { Role } from '@contract/http/auth';
import type { Server } from '@contract/http/servers';
import { agentOfflineReason, lifecycleCell, type LifecycleAction } from '@contract/lifecycle';
import { operationName } from '@/lib/operation-names';

/** Every button the dashboard can show for a server (snapshots have their own section). */
export type UiAction = Exclude<LifecycleAction, 'snapshot' | 'rollback'>;

export type AvailableAction = { action: UiAction; label: string; disabledReason: string | null };

export const reasons = {
  viewer: 'Viewers cannot change servers',
  busy: 'Another operation is in progress',
} as const;

/** Button order: the way back first, then power, then destructive. */
const displayOrder: readonly UiAction[] = [
  'recreate',
  'restore',
  'start',
  'stop',
  'restart',
  'rebuild',
  'delete',
  'purge',
];

/** The table's cell for this server (its status, and whether its container drifted). */
const cellFor = (server: Server, action: LifecycleAction) =>
  lifecycleCell(server.status, action, server.drift.length > 0);

/** True when the action will go through the recreate routine (needs the data check + dialog). */
export function goesThroughRecreate(server: Server, action: UiAction): boolean {
  const cell = cellFor(server, action);
  return cell.allowed && cell.route === 'recreate';
}

/**
 * The buttons to show for `server` and, for each disabled one, the reason shown to the user —
 * all read from the contract's lifecycle table. Cards keep Purge for deleted servers only; the
 * detail page offers it to admins always.
 */
export function availableActions(
  server: Server,
  role: Role,
  placement: 'card' | 'detail' = 'detail',
): AvailableAction[] {
  return displayOrder.flatMap((action) => {
    const cell = cellFor(server, action);
    if (!cell.offer) return [];
    if (cell.allowed && cell.role === 'admin' && role !== 'admin') return [];
    if (action === 'purge' && placement === 'card' && server.status !== 'deleted') return [];
    const disabledReason = actionDisabledReason(server, role, action);
    return [{ action, label: operationName(action), disabledReason }];
  });
}

/**
 * Why `role` cannot ask `action` of `server` right now (read-only role, another operation, the
 * lifecycle table's refusal, an offline agent where the action does not wait), or null.
 */
export function actionDisabledReason(
  server: Server,
  role: Role,
  action: LifecycleAction,
): string | null {
  const cell = cellFor(server, action);
  if (role === 'viewer') return reasons.viewer;
  if (server.activeOperation) return reasons.busy;
  if (!cell.allowed) return cell.reason;
  if (server.agentStatus !== 'online' && cell.whenOffline === 'refuse') return agentOfflineReason;
  return null;
}
