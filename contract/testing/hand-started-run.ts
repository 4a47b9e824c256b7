import { containerLabels, containerMounts, containerNameFor } from '../container-shape';

/**
 * `docker run` arguments for a server's container started again by hand, as a user who removed it
 * might: ZedOps' labels, name, mounts and the environment `env` (as `KEY=value`), but the game
 * port published on `hostGamePort` instead of its own. Real-Docker tests make drift with it.
 */
export function handStartedRunArgs(
  server: { id: string; name: string; gamePort: number; udpPort: number },
  {
    dataPath,
    image,
    env,
    hostGamePort,
  }: {
    dataPath: string;
    image: string;
    env: string[];
    hostGamePort: number;
  },
): string[] {
  return [
    'run',
    '-d',
    '--name',
    containerNameFor(server.name),
    '--label',
    `${containerLabels.managed}=true`,
    '--label',
    `${containerLabels.serverId}=${server.id}`,
    '--label',
    `${containerLabels.serverName}=${server.name}`,
    '-p',
    `${hostGamePort}:${server.gamePort}/udp`,
    '-p',
    `${server.udpPort}:${server.udpPort}/udp`,
    ...env.flatMap((e) => ['-e', e]),
    ...containerMounts(dataPath, server.name).flatMap((m) => [
      '-v',
      `${m.hostPath}:${m.containerPath}`,
    ]),
    image,
  ];
}
