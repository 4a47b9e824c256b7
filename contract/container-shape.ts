import { serverFolder } from './server-folders';

/**
 * The container ZedOps builds for a server (docs/design.md §5), as the rules both sides share:
 * the agent creates containers by them, and the manager compares what Docker shows against them
 * (drift). Pure functions, no Node APIs: the dashboard bundle may import this file.
 */

/** Where the two server folders are mounted inside the container. */
export const containerMountPoints = {
  bin: '/home/steam/zomboid-dedicated',
  data: '/home/steam/Zomboid',
} as const;

/** Docker labels that mark a container as ours (docs/design.md §5). Reconcile matches on serverId, never on name. */
export const containerLabels = {
  managed: 'zedops.managed',
  serverId: 'zedops.server.id',
  serverName: 'zedops.server.name',
} as const;

/** `steam-zomboid-{name}`: the fixed name makes Docker itself refuse a duplicate. */
export function containerNameFor(serverName: string): string {
  return `steam-zomboid-${serverName}`;
}

interface PortsAndEnv {
  env: Record<string, string>;
  gamePort: number;
  udpPort: number;
  rconPort: number;
}

/** The environment ZedOps sets: the server's config plus the three port variables. */
export function containerEnv(spec: PortsAndEnv): Record<string, string> {
  return {
    ...spec.env,
    SERVER_DEFAULT_PORT: String(spec.gamePort),
    SERVER_UDP_PORT: String(spec.udpPort),
    RCON_PORT: String(spec.rconPort),
  };
}

/** Host ports published as UDP (same number inside): the game port and the UDP port. rcon stays inside. */
export function publishedUdpPorts(spec: Pick<PortsAndEnv, 'gamePort' | 'udpPort'>): number[] {
  return [spec.gamePort, spec.udpPort];
}

/** Bind mounts `{dataPath}/{name}/bin` and `…/data` at their mount points. */
export function containerMounts(
  dataPath: string,
  serverName: string,
): { hostPath: string; containerPath: string }[] {
  const root = serverFolder(dataPath, serverName);
  return [
    { hostPath: `${root}/bin`, containerPath: containerMountPoints.bin },
    { hostPath: `${root}/data`, containerPath: containerMountPoints.data },
  ];
}
