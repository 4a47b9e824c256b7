import type { ContainerSpec } from '@contract/agent-protocol';
import { containerEnv, containerMountPoints, publishedUdpPorts } from '@contract/container-shape';
import { Port } from '@contract/http/validation';
import type { ServerPaths } from '../data/server-paths';
import { InvalidRequestError } from '../errors';
import type { ContainerDefinition } from '../runtime/container-runtime';
import { containerNameFor, labels } from '../runtime/labels';

/**
 * The container of docs/design.md §5 for a spec: name, labels, env + port vars, UDP ports, mounts,
 * restart policy. The shape rules live in contract/container-shape.ts, where the manager's drift
 * check reads them too.
 */
export function containerDefinition(spec: ContainerSpec, paths: ServerPaths): ContainerDefinition {
  assertPorts(spec);
  return {
    name: containerNameFor(spec.serverName),
    imageRef: `${spec.image}:${spec.imageTag}`,
    env: containerEnv(spec),
    labels: {
      [labels.managed]: 'true',
      [labels.serverId]: spec.serverId,
      [labels.serverName]: spec.serverName,
    },
    // rcon stays inside the container network on purpose: it is an admin console.
    udpPorts: publishedUdpPorts(spec),
    mounts: [
      { hostPath: paths.bin, containerPath: containerMountPoints.bin },
      { hostPath: paths.data, containerPath: containerMountPoints.data },
    ],
    restartPolicy: 'unless-stopped',
  };
}

function assertPorts(spec: ContainerSpec): void {
  for (const [field, value] of [
    ['gamePort', spec.gamePort],
    ['udpPort', spec.udpPort],
    ['rconPort', spec.rconPort],
  ] as const) {
    if (!Port.safeParse(value).success)
      throw new InvalidRequestError(`${field} ${value} is not a port in 1024–65535`);
  }
  if (spec.gamePort === spec.udpPort)
    throw new InvalidRequestError('gamePort and udpPort must differ');
}
