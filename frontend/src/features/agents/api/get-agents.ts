import { queryOptions, useQuery } from '@tanstack/react-query';
import { ListAgentsResponse } from '@contract/http/agents';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { liveStatus } from '@/lib/live-status';
import { pollingIntervals, usePollWhileStreamDown } from '@/lib/polling';
import { freshWhileStreamOpen } from '@/lib/query-client';
import { agentKeys } from './keys';

/** Waits for the live stream's first attempt, as the server lists do (see `liveStatus.settled`). */
export const getAgents = async () => {
  await liveStatus.settled();
  return (await apiRequest(apiPaths.agents, ListAgentsResponse)).agents;
};

export const agentsQueryOptions = () =>
  queryOptions({ queryKey: agentKeys.list(), queryFn: getAgents, staleTime: freshWhileStreamOpen });

/** Every agent (host) known to the manager; live events keep it current. */
export const useAgents = () =>
  useQuery({
    ...agentsQueryOptions(),
    refetchInterval: usePollWhileStreamDown(pollingIntervals.idle),
  });
