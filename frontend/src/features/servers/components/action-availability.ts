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
const cellFor = (server: Server, action: UiAction) =>
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
  const offline = server.agentStatus !== 'online';
  return displayOrder.flatMap((action) => {
    const cell = cellFor(server, action);
    if (!cell.offer) return [];
    if (cell.allowed && cell.role === 'admin' && role !== 'admin') return [];
    if (action === 'purge' && placement === 'card' && server.status !== 'deleted') return [];
    let disabledReason: string | null = null;
    if (role === 'viewer') disabledReason = reasons.viewer;
    else if (server.activeOperation) disabledReason = reasons.busy;
    else if (!cell.allowed) disabledReason = cell.reason;
    else if (offline && cell.whenOffline === 'refuse') disabledReason = agentOfflineReason;
    return [{ action, label: operationName(action), disabledReason }];
  });
}
