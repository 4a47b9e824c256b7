import { useMutation } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { RecoverResponse, type RecoverRequest } from '@contract/http/recover';
import { apiRequest } from '@/lib/api-client';
import { serverKeys } from './keys';

export type RecoverAgentInput = { agentId: string; body: RecoverRequest };

export const recoverAgent = ({ agentId, body }: RecoverAgentInput) =>
  apiRequest(apiPaths.recover(agentId), RecoverResponse, { method: 'POST', body });

/** Recover all: the 202's operations are written into the cache (each server shows its recreate). */
export function useRecoverAgent() {
  return useMutation({
    mutationFn: recoverAgent,
    mutationKey: [...serverKeys.all, 'recover'],
    meta: { writesReply: true },
  });
}
