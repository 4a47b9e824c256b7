import type { AgentCommand } from '@contract/agent-protocol';
import { InvalidRequestError } from '../errors';
import type { CommandContext } from './command-context';

/** data.snapshot.delete: remove one archive and its manifest; already gone answers deleted=false. */
export async function deleteSnapshot(
  ctx: CommandContext,
  { serverId, serverName, snapshotId }: Extract<AgentCommand, { name: 'data.snapshot.delete' }>,
): Promise<{ deleted: boolean }> {
  if (!ctx.snapshots) return { deleted: false };
  const files = ctx.snapshots.files(serverName, snapshotId);
  const manifest = await ctx.snapshots.readManifest(files);
  if (manifest && manifest.serverId !== serverId) {
    throw new InvalidRequestError(`snapshot ${snapshotId} belongs to server ${manifest.serverId}`, {
      snapshotId,
      serverId: manifest.serverId,
    });
  }
  const deleted = await ctx.snapshots.remove(files);
  ctx.logger.info({ snapshotId, deleted }, 'snapshot deleted on request');
  return { deleted };
}
