import type { AgentCommand } from '@contract/agent-protocol';
import { InvalidRequestError } from '../errors';
import type { CommandContext } from './command-context';

/** data.snapshot.delete: remove one archive and its manifest; already gone answers deleted=false. */
export async function deleteSnapshot(
  ctx: CommandContext,
  { serverId, serverName, snapshotId }: Extract<AgentCommand, { name: 'data.snapshot.delete' }>,
): Promise<{ deleted: boolean }> {
  const archive = ctx.data.snapshots;
  if (!archive) return { deleted: false };
  const owner = await archive.ownerOf(serverName, snapshotId);
  if (owner && owner !== serverId) {
    throw new InvalidRequestError(`snapshot ${snapshotId} belongs to server ${owner}`, {
      snapshotId,
      serverId: owner,
    });
  }
  const deleted = await archive.remove(serverName, snapshotId);
  ctx.logger.info({ snapshotId, deleted }, 'snapshot deleted on request');
  return { deleted };
}
