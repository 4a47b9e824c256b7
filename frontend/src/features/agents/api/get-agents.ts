import { queryOptions, useQuery } from '@tanstack/react-query';
import { ListAgentsResponse } from '@contract/http/agents';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { pollingIntervals } from '@/lib/polling';
import { agentKeys } from './keys';

export const getAgents = async () => (await apiRequest(apiPaths.agents, ListAgentsResponse)).agents;

export const agentsQueryOptions = () =>
  queryOptions({
    queryKey: agentKeys.list(),
    queryFn: getAgents,
    refetchInterval: pollingIntervals.idle,
  });

/** Every agent (host) known to the manager. */
export const useAgents = () => useQuery(agentsQueryOptions());
