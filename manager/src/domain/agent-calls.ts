import type { ContainerInfo, DataCheckItem } from '@contract/agent-protocol';
import { nowIso } from '../db/connection';
import type { ServerRow } from '../db/servers-repo';
import type { ManagerContext } from './context';
import { effectiveDataPath } from './effective-config';
import type { AgentRow } from '../db/agents-repo';

/** Every managed container on the agent, grouped by the server-id label (never by name). */
export async function listContainersByServer(
  ctx: ManagerContext,
  agentId: string,
): Promise<Map<string, ContainerInfo[]>> {
  const { containers } = await ctx.hub.request(
    agentId,
    { name: 'container.list' },
    { timeoutMs: ctx.timeouts.shortMs },
  );
  const byServer = new Map<string, ContainerInfo[]>();
  for (const c of containers) byServer.set(c.serverId, [...(byServer.get(c.serverId) ?? []), c]);
  return byServer;
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

/** One batched live data check for many servers; stores each result on its server. */
export async function checkDataLive(
  ctx: ManagerContext,
  agent: AgentRow,
  servers: ServerRow[],
): Promise<Map<string, DataCheckItem>> {
  const items = servers.flatMap((s) => {
    const dataPath = effectiveDataPath(s, agent);
    return dataPath ? [{ serverId: s.id, serverName: s.name, dataPath }] : [];
  });
  const results = new Map<string, DataCheckItem>();
  if (items.length === 0) return results;
  const reply = await ctx.hub.request(
    agent.id,
    { name: 'data.check', items },
    { timeoutMs: ctx.timeouts.shortMs },
  );
  for (const item of reply.results) {
    if (!items.some((i) => i.serverId === item.serverId)) continue; // only what we asked about
    results.set(item.serverId, item);
    ctx.servers.update(item.serverId, {
      dataExists: item.dataExists,
      dataCheckedAt: item.checkedAt ?? nowIso(),
    });
  }
  return results;
}
