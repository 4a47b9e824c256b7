import {
  dataCheckMaxItems,
  listServerIdsMax,
  type ContainerInfo,
  type DataCheckItem,
  type ListPart,
} from '@contract/agent-protocol';
import { nowIso } from '../db/connection';
import type { ObservedRecord } from '../db/servers-repo';
import type { ManagerContext } from './context';
import { effectiveDataPath } from './effective-config';
import type { AgentRecord } from '../db/agents-repo';
import { healthyFingerprintFrom } from './fingerprint-guard';
import type { ImageEnv } from './drift';

/**
 * Containers per part of a whole host's list. Each part is parsed and validated in one event-loop
 * turn and then compared and stored in slices: 250 cost 10–35 ms of CPU here once the validator
 * is warm (the first part 45–90 ms, whatever its size), and ten thousand containers make 40
 * frames and 40 commits instead of the 100 parts of 100
 * (docs/decisions/0090-reconcile-at-fleet-scale.md).
 */
export const listPartSize = 250;

/** One `container.list`: containers grouped by server, and the images' default environments. */
export interface ContainerListing {
  byServer: Map<string, ContainerInfo[]>;
  imageEnv: ImageEnv | undefined;
  /** As listed: the containers of the parts first, in order. */
  containers: ContainerInfo[];
}

/**
 * Every managed container on the agent (or only `serverId`'s), grouped by the server-id label
 * (never by name). A whole host's list comes in parts, each validated as it arrives, so a fleet
 * of thousands never holds the event loop with one huge frame. With `digest`, the agent reports a
 * digest in place of each container's ports, mounts and environment (StatusPass compares it, and
 * asks for the details of those that differ: `listContainerDetails`).
 */
export async function listContainers(
  ctx: ManagerContext,
  agentId: string,
  serverId?: string,
  onPart?: (part: ListPart) => void,
  digest = false,
): Promise<ContainerListing> {
  const { containers, imageEnv } = await ctx.hub.request(
    agentId,
    serverId
      ? { name: 'container.list', serverId }
      : { name: 'container.list', partSize: listPartSize, ...(digest ? { digest } : {}) },
    { timeoutMs: ctx.timeouts.shortMs, ...(onPart ? { onPart } : {}) },
  );
  const byServer = new Map<string, ContainerInfo[]>();
  for (const c of containers) {
    const group = byServer.get(c.serverId);
    if (group) group.push(c);
    else byServer.set(c.serverId, [c]);
  }
  return { byServer, imageEnv, containers };
}

/** A whole host's list, its parts handed over as they arrive. */
export interface ListingInParts {
  /** Each part once validated, in order; ends when the list is whole or has failed. */
  parts: AsyncIterable<ListPart>;
  /** The whole listing; rejects as the request does (heard already: await it). */
  listing: Promise<ContainerListing>;
}

/**
 * `listContainers` for the whole host, with each part to work on while the next one comes, and
 * digests in place of the details (docs/decisions/0104-list-digest.md).
 */
export function listContainersInParts(ctx: ManagerContext, agentId: string): ListingInParts {
  const queue: ListPart[] = [];
  let wake: (() => void) | undefined;
  let settled = false;
  const listing = listContainers(
    ctx,
    agentId,
    undefined,
    (part) => {
      queue.push(part);
      wake?.();
    },
    true,
  );
  const done = () => {
    settled = true;
    wake?.();
  };
  listing.then(done, done);
  async function* parts(): AsyncGenerator<ListPart> {
    for (;;) {
      const part = queue.shift();
      if (part) yield part;
      else if (settled) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  return { parts: parts(), listing };
}

/**
 * The containers of these servers with their details (ports, mounts, environment): the few whose
 * digest differed from the expected one. Asked in chunks of the protocol's cap, together; each
 * reply in parts like a whole host's list.
 */
export async function listContainerDetails(
  ctx: ManagerContext,
  agentId: string,
  serverIds: string[],
): Promise<{ containers: ContainerInfo[]; imageEnv: ImageEnv }> {
  const chunks: string[][] = [];
  for (let i = 0; i < serverIds.length; i += listServerIdsMax)
    chunks.push(serverIds.slice(i, i + listServerIdsMax));
  const replies = await Promise.all(
    chunks.map((chunk) =>
      ctx.hub.request(
        agentId,
        { name: 'container.list', serverIds: chunk, partSize: listPartSize },
        { timeoutMs: ctx.timeouts.shortMs },
      ),
    ),
  );
  const asked = new Set(serverIds);
  return {
    // Only the servers asked about, whatever the agent sent.
    containers: replies.flatMap((r) => r.containers.filter((c) => asked.has(c.serverId))),
    // The image defaults the agent reported these environments beyond (an image it could not
    // inspect for the list may have answered since). Spread, not assigned: no key is a setter.
    imageEnv: replies.reduce<ImageEnv>((all, r) => ({ ...all, ...r.imageEnv }), {}),
  };
}

/** Pick the container that represents a server: a running one first, then the recorded id. */
export function pickContainer(
  containers: ContainerInfo[] | undefined,
  recordedId: string | null,
): ContainerInfo | undefined {
  if (!containers || containers.length === 0) return undefined;
  return (
    containers.find((c) => c.running) ??
    containers.find((c) => c.id === recordedId) ??
    containers[0]
  );
}

/** Data-check results stored per transaction: a big fleet's are written with the loop free between. */
const recordSlice = 500;

/**
 * Live data check for many servers, in chunks of the protocol's cap; stores each result on its
 * server, `recordSlice` servers per transaction (a server's view changes only when its data
 * presence does). The fingerprint of a server that runs (or, with `cleanStop`, has just stopped)
 * becomes its last healthy one unless it diverged from it. With `unlessBusySince`, a server an
 * operation ran on since that moment is not recorded: the check may have walked its world in the
 * middle of the operation (a rollback swapping folders), and the operation records its own. With
 * `growOnly` (the periodic check), a fingerprint becomes the healthy one only if the world gained
 * its saves or lost neither files nor bytes.
 */
export async function checkDataLive(
  ctx: ManagerContext,
  agent: AgentRecord,
  servers: ObservedRecord[],
  options: { cleanStop?: boolean; unlessBusySince?: string; growOnly?: boolean } = {},
): Promise<Map<string, DataCheckItem>> {
  const asked = new Map<string, ObservedRecord>();
  const items = servers.flatMap((s) => {
    const dataPath = effectiveDataPath(s, agent);
    if (!dataPath) return [];
    asked.set(s.id, s);
    return [{ serverId: s.id, serverName: s.name, dataPath }];
  });
  const chunks: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += dataCheckMaxItems)
    chunks.push(items.slice(i, i + dataCheckMaxItems));
  // The chunks travel together: one round trip's latency, however big the fleet.
  const replies = await Promise.all(
    chunks.map((chunk) =>
      ctx.hub.request(
        agent.id,
        { name: 'data.check', items: chunk },
        { timeoutMs: ctx.timeouts.shortMs },
      ),
    ),
  );
  const results = new Map<string, DataCheckItem>();
  for (const reply of replies)
    for (const item of reply.results)
      if (asked.has(item.serverId)) results.set(item.serverId, item); // only what we asked about
  const now = nowIso();
  const record = (item: DataCheckItem) => {
    const server = asked.get(item.serverId)!;
    const healthyMoment = options.cleanStop === true || server.status === 'running';
    const healthy = healthyMoment
      ? healthyFingerprintFrom(server, item, { growOnly: options.growOnly })
      : undefined;
    return {
      serverId: item.serverId,
      dataExists: item.dataExists,
      // The manager's clock, as every other stored time: an agent's clock may be off by hours.
      checkedAt: now,
      changed: server.dataExists !== item.dataExists,
      ...(healthy ? { healthy } : {}),
    };
  };
  const checked = [...results.values()];
  for (let i = 0; i < checked.length; i += recordSlice) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    // Asked before each slice: an operation may have begun while the one before was written.
    const busy = options.unlessBusySince
      ? ctx.operations.busyServerIds(agent.id, options.unlessBusySince)
      : undefined;
    const slice = checked.slice(i, i + recordSlice);
    ctx.servers.recordDataChecks(
      slice.flatMap((item) => (busy?.has(item.serverId) ? [] : [record(item)])),
    );
  }
  return results;
}
