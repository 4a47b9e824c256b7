import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RotateAgentTokenResponse } from '@contract/http/agents';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { agentKeys } from './keys';

export const rotateAgentToken = (agentId: string) =>
  apiRequest(apiPaths.agentToken(agentId), RotateAgentTokenResponse, { method: 'POST' });

/** A new registration token; the running agent is cut off until restarted with it. */
export function useRotateAgentToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateAgentToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agentKeys.all }),
  });
}
