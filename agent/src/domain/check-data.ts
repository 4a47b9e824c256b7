import type { AgentCommand, DataCheckItem } from '@contract/agent-protocol';
import { takeFingerprint } from '../data/fingerprint';
import { inspectData } from '../data/inspect-data';
import { serverPaths } from '../data/server-paths';

// Each item walks its whole `data/` for the fingerprint: a batch of hundreds of servers runs a
// few walks at a time rather than flooding the thread pool.
const concurrentChecks = 4;

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
  const results = await mapConcurrently(resolved, concurrentChecks, async ({ item, paths }) => {
    const [state, fingerprint] = await Promise.all([
      inspectData(paths, item.serverId),
      takeFingerprint(paths.data),
    ]);
    return {
      serverId: item.serverId,
      dataExists: state.dataExists,
      binExists: state.binExists,
      marker: state.marker,
      fingerprint,
      checkedAt: new Date().toISOString(),
    };
  });
  return { results };
}

async function mapConcurrently<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
