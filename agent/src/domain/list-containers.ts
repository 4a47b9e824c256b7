import type { AgentCommand, ContainerInfo } from '@contract/agent-protocol';
import { driftDigest } from '@contract/drift-digest';
import type { ManagedList } from '../runtime/container-runtime';
import type { CommandContext } from './command-context';

/**
 * Every managed container on this host (or one server's, or those of `serverIds`), stopped ones
 * included, with what drift needs: the details, or their digest when the manager asked for one.
 */
export async function listContainers(
  ctx: CommandContext,
  command: Extract<AgentCommand, { name: 'container.list' }>,
): Promise<ManagedList> {
  const listed = await ctx.runtime.listManaged(command.serverId);
  let containers = listed.containers;
  if (command.serverIds) {
    // Docker's label filters are ANDed: a few servers' containers are picked from the host's list.
    const wanted = new Set(command.serverIds);
    containers = containers.filter((c) => wanted.has(c.serverId));
  }
  // A list sent in parts is digested a part at a time as it goes (dispatch.ts): the manager
  // compares the first part while the agent hashes the next, instead of waiting for them all.
  if (command.digest && command.partSize === undefined) containers = digestedAll(containers);
  return { containers, imageEnv: listed.imageEnv };
}

/** Each container with its digest in place of its details (see `digested`). */
export const digestedAll = (containers: ContainerInfo[]): ContainerInfo[] =>
  containers.map(digested);

/**
 * The container with one digest in place of its ports, mounts and environment — taken over
 * exactly what it would otherwise report, so the details the manager may ask for next are what
 * the digest was made of. A container without all three (its inspect failed) goes as it is.
 */
function digested(container: ContainerInfo): ContainerInfo {
  const { ports, mounts, env, ...rest } = container;
  if (!ports || !mounts || !env) return container;
  return { ...rest, digest: driftDigest({ ports, mounts, env }) };
}
