import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { agentKeys } from './keys';

export const deleteAgent = (agentId: string) =>
  apiRequest(apiPaths.agent(agentId), null, { method: 'DELETE' });

/** Removes a host that has no servers left (AGENT_HAS_SERVERS otherwise). */
export function useDeleteAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAgent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agentKeys.all }),
  });
}
