/** Docker labels that mark a container as ours (docs/design.md §5). Reconcile matches on serverId, never on name. */
export const labels = {
  managed: 'zedops.managed',
  serverId: 'zedops.server.id',
  serverName: 'zedops.server.name',
} as const;

/** `steam-zomboid-{name}`: the fixed name makes Docker itself refuse a duplicate. */
export function containerNameFor(serverName: string): string {
  return `steam-zomboid-${serverName}`;
}
