/** Docker labels that mark a container as ours (docs/design.md §5). Reconcile matches on serverId, never on name. */
export const labels = {
  managed: 'zedops.managed',
  serverId: 'zedops.server.id',
  serverName: 'zedops.server.name',
} as const;

/** The name rule is shared with the manager's drift check. */
export { containerNameFor } from '@contract/container-shape';
