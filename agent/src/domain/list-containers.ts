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

/** A digested container: every field of ContainerInfo but the details, each named (see `digested`). */
type Digested = {
  [K in Exclude<keyof ContainerInfo, 'ports' | 'mounts' | 'env'>]: ContainerInfo[K];
};

/**
 * The container with one digest in place of its ports, mounts and environment — taken over
 * exactly what it would otherwise report, so the details the manager may ask for next are what
 * the digest was made of. A container without all three (its inspect failed) goes as it is.
 *
 * Built field by field, not by rest and spread: an object left by `{ ports, ...rest }` is one the
 * engine reads slowly, and the part's own check before it is sent (dispatch.ts) took ten times as
 * long over those (docs/decisions/0112-agent-list-objects-built-literally.md). `Digested` names
 * every field, so a field added to ContainerInfo fails to compile here until it is copied.
 */
function digested(container: ContainerInfo): ContainerInfo {
  const { ports, mounts, env } = container;
  if (!ports || !mounts || !env) return container;
  const kept: Digested = {
    id: container.id,
    name: container.name,
    serverId: container.serverId,
    serverName: container.serverName,
    state: container.state,
    running: container.running,
    image: container.image,
    createdAt: container.createdAt,
    imageId: container.imageId,
    digest: driftDigest({ ports, mounts, env }),
  };
  return kept;
}
