import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ListServersResponse, type Server } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverPollInterval, usePollWhileStreamDown } from '@/lib/polling';
import { serverKeys } from './keys';

export const getAgentServers = async (agentId: string) =>
  (await apiRequest(apiPaths.agentServers(agentId), ListServersResponse)).servers;

export const agentServersQueryOptions = (agentId: string) =>
  queryOptions({
    queryKey: serverKeys.agentList(agentId),
    queryFn: () => getAgentServers(agentId),
  });

const pollServers = (query: { state: { data?: Server[] } }) =>
  serverPollInterval(query.state.data ?? []);

/** The servers of one agent; live events keep it current. */
export const useAgentServers = (agentId: string) =>
  useQuery({
    ...agentServersQueryOptions(agentId),
    refetchInterval: usePollWhileStreamDown(pollServers),
  });
