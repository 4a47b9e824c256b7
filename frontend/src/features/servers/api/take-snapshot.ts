import { useMutation } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverKeys } from './keys';

export type TakeSnapshotInput = { agentId: string; serverId: string };

export const takeSnapshot = ({ agentId, serverId }: TakeSnapshotInput) =>
  apiRequest(apiPaths.takeSnapshot(agentId, serverId), ServerActionResponse, {
    method: 'POST',
    body: {},
  });

/** "Snapshot now": a `snapshot` operation; its 202 (server + operation) is written into the cache. */
export function useTakeSnapshot() {
  return useMutation({
    mutationFn: takeSnapshot,
    mutationKey: serverKeys.actions(),
    meta: { writesReply: true },
  });
}
