import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverKeys } from './keys';

/** Soft delete: container removed, data kept, restorable. */
export const deleteServer = ({ agentId, serverId }: { agentId: string; serverId: string }) =>
  apiRequest(apiPaths.agentServer(agentId, serverId), ServerActionResponse, { method: 'DELETE' });

export function useDeleteServer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteServer,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serverKeys.all }),
  });
}
