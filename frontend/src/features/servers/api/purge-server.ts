import { useMutation } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverKeys } from './keys';

export type PurgeServerInput = { agentId: string; serverId: string; removeData: boolean };

/** Admin only: removes the record and container; the data directory only with removeData. */
export const purgeServer = ({ agentId, serverId, removeData }: PurgeServerInput) =>
  apiRequest(apiPaths.purge(agentId, serverId, removeData), ServerActionResponse, {
    method: 'DELETE',
  });

export function usePurgeServer() {
  return useMutation({
    mutationFn: purgeServer,
    mutationKey: serverKeys.actions(),
    meta: { writesReply: true },
  });
}
