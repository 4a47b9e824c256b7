import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import {
  ServerActionResponse,
  type ServerAction,
  type ServerActionRequest,
} from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverKeys } from './keys';

export type RunServerActionInput = {
  agentId: string;
  serverId: string;
  action: ServerAction;
  body: ServerActionRequest;
};

export const runServerAction = ({ agentId, serverId, action, body }: RunServerActionInput) =>
  apiRequest(apiPaths.serverAction(agentId, serverId, action), ServerActionResponse, {
    method: 'POST',
    body,
  });

/** start/stop/restart/rebuild/recreate/restore; stays pending until the servers are refetched. */
export function useRunServerAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runServerAction,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serverKeys.all }),
  });
}
