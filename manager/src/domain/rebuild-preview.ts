import type { RebuildPreviewResponse } from '@contract/http/rebuild-preview';
import {
  compareRebuildImage,
  rebuildPreviewReasons as reasons,
  unknownRebuildPreview,
} from '@contract/rebuild-preview';
import type { ManagerContext } from './context';
import { loadAgent, loadServer } from './server-view';

/**
 * What a rebuild of the server would run, compared with its pinned image: the agent asks the
 * registry without pulling (`image.resolve`). Whatever cannot answer — no image, the agent or its
 * Docker away, the agent failing, the registry silent — is an answer with a reason, never an
 * error: the dialog that asks stays usable.
 */
export async function previewRebuild(
  ctx: ManagerContext,
  serverId: string,
): Promise<RebuildPreviewResponse> {
  const server = loadServer(ctx, serverId);
  const agent = loadAgent(ctx, server.agentId);
  const image = server.image ?? agent.defaultImage;
  const current = {
    imageRef: image ? `${image}:${server.imageTag}` : null,
    imageId: server.imageId,
    imageDigest: server.imageDigest,
  };
  if (!image) return unknownRebuildPreview(current, reasons.noImage);
  if (!ctx.hub.isConnected(agent.id)) return unknownRebuildPreview(current, reasons.agentOffline);
  if (ctx.dockerAvailable.get(agent.id) === false)
    return unknownRebuildPreview(current, reasons.dockerDown);
  try {
    const answer = await ctx.hub.request(
      agent.id,
      { name: 'image.resolve', image, imageTag: server.imageTag },
      { timeoutMs: ctx.timeouts.shortMs },
    );
    return compareRebuildImage(current, answer);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    ctx.logger.warn({ serverId, err: message }, 'rebuild preview: the agent could not answer');
    return unknownRebuildPreview(current, reasons.agentFailed(message.slice(0, 500)));
  }
}
