import { useMutation } from '@tanstack/react-query';
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

/** start/stop/restart/rebuild/recreate/restore; the 202 (server with its new operation) is written into the cache. */
export function useRunServerAction() {
  return useMutation({
    mutationFn: runServerAction,
    mutationKey: serverKeys.actions(),
    meta: { writesReply: true },
  });
}
