import type { PassRecord } from '../db/servers-repo';
import type { ManagerContext } from './context';

const readSlice = 1000;

/**
 * Every visible server of the agent, read a slice at a time with the event loop free in between:
 * ten thousand rows read at once hold it for hundreds of milliseconds when the pages are not
 * cached yet. Paged by name in byte order, not the lists' order (a pass needs none). A server
 * created meanwhile may be left out; the pass that follows its operation sees it.
 */
export async function listServersInSlices(
  ctx: ManagerContext,
  agentId: string,
): Promise<PassRecord[]> {
  const servers: PassRecord[] = [];
  for (;;) {
    const slice = ctx.servers.listByAgentAfter(agentId, servers.at(-1)?.name ?? '', readSlice);
    servers.push(...slice);
    if (slice.length < readSlice) return servers;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
