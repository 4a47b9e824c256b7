import { useMutation } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ServerResponse, type UpdateServerRequest } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';

export type UpdateServerInput = { agentId: string; serverId: string; body: UpdateServerRequest };

export const updateServer = ({ agentId, serverId, body }: UpdateServerInput) =>
  apiRequest(apiPaths.agentServer(agentId, serverId), ServerResponse, { method: 'PATCH', body });

/** PATCH settings (autoRecreate, image…) that apply to the next (re)create. */
export function useUpdateServer() {
  return useMutation({
    mutationFn: updateServer,
    meta: { writesReply: true },
  });
}
