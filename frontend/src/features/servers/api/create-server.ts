import { useMutation } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse, type CreateServerRequest } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';

export const createServer = ({ agentId, body }: { agentId: string; body: CreateServerRequest }) =>
  apiRequest(apiPaths.agentServers(agentId), ServerActionResponse, { method: 'POST', body });

/** Creates a server on an agent (202: the create operation runs in the background). */
export function useCreateServer() {
  return useMutation({
    mutationFn: createServer,
    meta: { writesReply: true },
  });
}
