import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AgentResponse, type UpdateAgentRequest } from '@contract/http/agents';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { agentKeys } from './keys';

export const updateAgent = ({ agentId, body }: { agentId: string; body: UpdateAgentRequest }) =>
  apiRequest(apiPaths.agent(agentId), AgentResponse, { method: 'PATCH', body });

/** Renames a host or changes its data path and allowed roots. */
export function useUpdateAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAgent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agentKeys.all }),
  });
}
