import type { Role } from '@contract/http/auth';
import type { Server, ServerAction } from '@contract/http/servers';
import { operationName } from '@/lib/operation-names';

/** Every button the dashboard can show for a server. */
export type UiAction = ServerAction | 'delete' | 'purge';

export type AvailableAction = { action: UiAction; label: string; disabledReason: string | null };

export const reasons = {
  viewer: 'Viewers cannot change servers',
  busy: 'Another operation is in progress',
  noContainer: 'No container — recreate the server first',
} as const;

// Which buttons each status offers (DESIGN.md §3 action rules). Missing/failed keep Stop and
// Restart visible but disabled so the user learns why, and Rebuild stays usable (it recreates).
const byStatus: Record<Server['status'], UiAction[]> = {
  running: ['stop', 'restart', 'rebuild', 'delete'],
  stopped: ['start', 'restart', 'rebuild', 'delete'],
  missing: ['recreate', 'stop', 'restart', 'rebuild', 'delete'],
  failed: ['recreate', 'stop', 'restart', 'rebuild', 'delete'],
  creating: ['stop', 'restart', 'delete'],
  deleted: ['restore'],
};

/** True when the action will go through the recreate routine (needs the data check + dialog). */
export function goesThroughRecreate(server: Server, action: UiAction): boolean {
  if (action === 'recreate' || action === 'restore') return true;
  const noContainer = server.status === 'missing' || server.status === 'failed';
  return noContainer && (action === 'start' || action === 'rebuild');
}

/**
 * The buttons to show for `server` and, for each disabled one, the reason shown to the user.
 * Cards keep Purge for deleted servers only; the detail page offers it to admins always.
 */
export function availableActions(
  server: Server,
  role: Role,
  placement: 'card' | 'detail' = 'detail',
): AvailableAction[] {
  const actions = [...byStatus[server.status]];
  if (role === 'admin' && (placement === 'detail' || server.status === 'deleted'))
    actions.push('purge');
  const noContainer =
    server.status === 'missing' || server.status === 'failed' || server.status === 'creating';
  return actions.map((action) => {
    let disabledReason: string | null = null;
    if (role === 'viewer') disabledReason = reasons.viewer;
    else if (server.activeOperation) disabledReason = reasons.busy;
    else if (noContainer && (action === 'stop' || action === 'restart'))
      disabledReason = reasons.noContainer;
    return { action, label: operationName(action), disabledReason };
  });
}
