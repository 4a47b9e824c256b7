import type { CheckDataResponse, UpdateServerRequest } from '@contract/http/servers';
import { checkDataLive } from './agent-calls';
import { agentReady, type ManagerContext } from './context';
import type { ServerRecord } from '../db/servers-repo';
import { loadAgent, loadServer } from './server-view';

/** PATCH: settings stored now, applied by the next create/replace. */
export function updateServerSettings(
  ctx: ManagerContext,
  agentId: string,
  serverId: string,
  patch: UpdateServerRequest,
  actor: string,
): ServerRecord {
  const before = loadServer(ctx, serverId, agentId);
  // A new image or tag is the user's choice: the next create uses it, not the old pin.
  const imageChanged =
    (patch.image !== undefined && patch.image !== before.image) ||
    (patch.imageTag !== undefined && patch.imageTag !== before.imageTag);
  ctx.servers.update(serverId, {
    // It takes effect at the next container create or replace, which snapshots the world first.
    ...(imageChanged ? { imageId: null, imageDigest: null, imageChangePending: true } : {}),
    ...(patch.snapshotRetention !== undefined
      ? { snapshotRetention: patch.snapshotRetention }
      : {}),
    ...(patch.autoRecreate !== undefined ? { autoRecreate: patch.autoRecreate } : {}),
    ...(patch.image !== undefined ? { image: patch.image } : {}),
    ...(patch.imageTag !== undefined ? { imageTag: patch.imageTag } : {}),
    ...(patch.config !== undefined ? { config: patch.config } : {}),
  });
  ctx.audit.record({
    actor,
    action: 'server.updated',
    outcome: 'succeeded',
    serverId,
    agentId,
    details: { fields: Object.keys(patch) },
  });
  return loadServer(ctx, serverId);
}

/** Live data check when the agent can answer; the cached value (never "no data") when it cannot. */
export async function checkServerData(
  ctx: ManagerContext,
  agentId: string,
  serverId: string,
): Promise<CheckDataResponse> {
  const agent = loadAgent(ctx, agentId);
  const server = loadServer(ctx, serverId, agentId);
  if (agentReady(ctx, agentId)) {
    try {
      const item = (await checkDataLive(ctx, agent, [server])).get(serverId);
      if (item) {
        return {
          dataExists: item.dataExists,
          checkedAt: item.checkedAt,
          source: 'live',
          fingerprint: item.fingerprint,
        };
      }
    } catch (err) {
      ctx.logger.warn(
        { serverId, err: err instanceof Error ? err.message : err },
        'live data check failed; answering from cache',
      );
    }
  }
  const row = loadServer(ctx, serverId);
  return {
    dataExists: row.dataExists,
    checkedAt: row.dataCheckedAt,
    source: 'cached',
    fingerprint: null,
  };
}
