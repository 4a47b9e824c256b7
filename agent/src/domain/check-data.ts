import type { AgentCommand, DataCheckItem } from '@contract/agent-protocol';
import { inspectData } from '../data/inspect-data';
import { serverPaths } from '../data/server-paths';

/**
 * Batched data check (read only). An item with an invalid name or path fails the whole batch:
 * answering "no data" for it could invite a fresh start over a real world.
 */
export async function checkData({
  items,
}: Extract<AgentCommand, { name: 'data.check' }>): Promise<{ results: DataCheckItem[] }> {
  const resolved = items.map((item) => ({
    item,
    paths: serverPaths(item.dataPath, item.serverName),
  }));
  const results = await Promise.all(
    resolved.map(async ({ item, paths }) => {
      const state = await inspectData(paths, item.serverId);
      return {
        serverId: item.serverId,
        dataExists: state.dataExists,
        binExists: state.binExists,
        marker: state.marker,
        checkedAt: new Date().toISOString(),
      };
    }),
  );
  return { results };
}
