import type { Server } from '@contract/http/servers';

/**
 * The servers grouped by agent, in list order — one pass, not one per agent (1,000 agents ×
 * 10,000 servers add up). An agent whose servers are the very same objects as in `previous`
 * gets its previous array back, so a live update of one server changes only its agent's group
 * and the other agents' sections of the overview do not re-render.
 */
export function groupByAgent(
  servers: Server[],
  previous: ReadonlyMap<string, Server[]> = new Map(),
): Map<string, Server[]> {
  const groups = new Map<string, Server[]>();
  for (const s of servers) {
    const group = groups.get(s.agentId);
    if (group) group.push(s);
    else groups.set(s.agentId, [s]);
  }
  for (const [agentId, group] of groups) {
    const before = previous.get(agentId);
    if (before?.length === group.length && before.every((s, i) => s === group[i]))
      groups.set(agentId, before);
  }
  return groups;
}
