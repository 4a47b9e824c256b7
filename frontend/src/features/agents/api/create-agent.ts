import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreateAgentResponse, type CreateAgentRequest } from '@contract/http/agents';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { agentKeys } from './keys';

export const createAgent = (body: CreateAgentRequest) =>
  apiRequest(apiPaths.agents, CreateAgentResponse, { method: 'POST', body });

/** Adds a host (pending until its agent connects); the registration token comes back once. */
export function useCreateAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAgent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agentKeys.all }),
  });
}
