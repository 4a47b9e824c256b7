import { useMutation } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse } from '@contract/http/servers';
import type { RollbackRequest } from '@contract/http/snapshots';
import { apiRequest } from '@/lib/api-client';
import { serverKeys } from './keys';

export type RollbackInput = { agentId: string; serverId: string; snapshotId: string };

export const rollbackServer = ({ agentId, serverId, snapshotId }: RollbackInput) =>
  apiRequest(apiPaths.rollback(agentId, serverId), ServerActionResponse, {
    method: 'POST',
    body: { snapshotId } satisfies RollbackRequest,
  });

/** Roll the server's world back to a snapshot (a `rollback` operation; the 202 is written into the cache). */
export function useRollbackServer() {
  return useMutation({
    mutationFn: rollbackServer,
    mutationKey: serverKeys.actions(),
    meta: { writesReply: true },
  });
}
