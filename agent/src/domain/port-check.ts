import { PortConflictError } from '../errors';
import type { ContainerRuntime } from '../runtime/container-runtime';

/**
 * PORT_CONFLICT when a host UDP port we are about to publish is taken — by another container
 * (named, with its server id when it is one of ours) or by any other process. Ports held by the
 * server's own containers (`ownContainerIds`, about to be replaced) do not count.
 */
export async function assertPortsFree(
  runtime: ContainerRuntime,
  ports: number[],
  ownContainerIds: string[],
): Promise<void> {
  const published = await runtime.publishedPorts();
  for (const port of ports) {
    const holders = published.filter((p) => p.port === port && p.protocol === 'udp');
    if (holders.some((h) => ownContainerIds.includes(h.containerId))) continue;
    const holder = holders[0];
    if (holder) {
      const whose = holder.serverId
        ? `ZedOps server ${holder.serverId}`
        : 'a container not managed by ZedOps';
      throw new PortConflictError(
        `host UDP port ${port} is published by container ${holder.containerName} (${whose})`,
        {
          port,
          containerId: holder.containerId,
          containerName: holder.containerName,
          serverId: holder.serverId,
        },
      );
    }
    if (await runtime.hostUdpPortInUse(port)) {
      throw new PortConflictError(`host UDP port ${port} is already in use by another process`, {
        port,
      });
    }
  }
}
