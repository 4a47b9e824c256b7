import { useMutation } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverKeys } from './keys';

/** Soft delete: container removed, data kept, restorable. */
export const deleteServer = ({ agentId, serverId }: { agentId: string; serverId: string }) =>
  apiRequest(apiPaths.agentServer(agentId, serverId), ServerActionResponse, { method: 'DELETE' });

export function useDeleteServer() {
  return useMutation({
    mutationFn: deleteServer,
    mutationKey: serverKeys.actions(),
    meta: { writesReply: true },
  });
}
