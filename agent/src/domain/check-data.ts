import type { AgentCommand, DataCheckItem } from '@contract/agent-protocol';
import { serverPaths } from '../data/server-paths';
import type { CommandContext } from './command-context';
import { mapBounded } from '../runtime/map-bounded';

// Each item walks its whole `data/` for the fingerprint: a batch of hundreds of servers runs a
// few walks at a time rather than flooding the thread pool.
const concurrentChecks = 4;

/**
 * Batched data check (read only). An item with an invalid name or path fails the whole batch:
 * answering "no data" for it could invite a fresh start over a real world.
 */
export async function checkData(
  ctx: CommandContext,
  { items }: Extract<AgentCommand, { name: 'data.check' }>,
): Promise<{ results: DataCheckItem[] }> {
  const resolved = items.map((item) => ({
    item,
    paths: serverPaths(item.dataPath, item.serverName),
  }));
  const results = await mapBounded(resolved, concurrentChecks, async ({ item, paths }) => {
    const [state, fingerprint] = await Promise.all([
      ctx.data.inspect(paths, item.serverId),
      ctx.data.fingerprint(paths),
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
