import { nowIso } from '../db/connection';
import type { ServerRecord } from '../db/servers-repo';
import { checkDataLive, listContainers } from './agent-calls';
import { agentReady, type ManagerContext } from './context';
import type { AfterReconcile } from './reconcile';
import { StatusPass } from './status-pass';

/**
 * Most servers a scoped pass confirms one by one; more than this in one burst and the whole
 * host's list (one round trip, compared linearly) is cheaper than a list per server.
 */
export const scopedReconcileMax = 20;

/**
 * Confirm a few servers against Docker after events about them or a failed operation: a
 * `container.list` scoped to each server's label and one data check for them, compared as the
 * whole-host pass compares (StatusPass), instead of listing and comparing every container of
 * the host. On a host of 10,000 servers one crash-looping server would otherwise cost a full
 * reconcile per event (docs/decisions/0094-reconcile-only-what-an-event-names.md).
 */
export async function reconcileServers(
  ctx: ManagerContext,
  agentId: string,
  serverIds: Iterable<string>,
  after?: AfterReconcile,
): Promise<void> {
  const agent = ctx.agents.findById(agentId);
  if (!agent || !agentReady(ctx, agentId)) return;
  const startedAt = nowIso();
  const servers: ServerRecord[] = [];
  for (const id of serverIds) {
    const server = ctx.servers.findById(id);
    if (server?.agentId === agentId) servers.push(server);
  }
  if (servers.length === 0) return;
  const checking = checkDataLive(ctx, agent, servers, { unlessBusySince: startedAt });
  checking.catch(() => undefined); // a failed check fails the pass after the statuses are stored
  const listings = await Promise.all(servers.map((s) => listContainers(ctx, agentId, s.id)));
  const pass = new StatusPass(ctx, agent, servers, startedAt);
  const envs = listings.flatMap((l) => (l.imageEnv ? [l.imageEnv] : []));
  const vanished = await pass.finish({
    byServer: new Map(),
    imageEnv: envs.length > 0 ? Object.assign({}, ...envs) : undefined,
    containers: listings.flatMap((l) => l.containers),
  });
  pass.logSummary();
  await checking;
  after?.(agentId, vanished);
}
