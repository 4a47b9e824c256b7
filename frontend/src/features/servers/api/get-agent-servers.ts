import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { inColumns } from '@contract/http/list-shape';
import type { Server } from '@contract/http/servers';
import { sendRequest } from '@/lib/api-client';
import { liveStatus } from '@/lib/live-status';
import { serverPollInterval, usePollWhileStreamDown } from '@/lib/polling';
import { freshWhileStreamOpen } from '@/lib/query-client';
import { serverKeys } from './keys';
import { readServers } from './read-servers';

/** Asked for in columns: the same servers, parsed several times faster when there are thousands. */
export const getAgentServers = async (agentId: string) => {
  await liveStatus.settled();
  return readServers(sendRequest(inColumns(apiPaths.agentServers(agentId))));
};

export const agentServersQueryOptions = (agentId: string) =>
  queryOptions({
    queryKey: serverKeys.agentList(agentId),
    queryFn: () => getAgentServers(agentId),
    staleTime: freshWhileStreamOpen,
  });

const pollServers = (query: { state: { data?: Server[] } }) =>
  serverPollInterval(query.state.data ?? []);

/** The servers of one agent; live events keep it current. */
export const useAgentServers = (agentId: string) =>
  useQuery({
    ...agentServersQueryOptions(agentId),
    refetchInterval: usePollWhileStreamDown(pollServers),
  });
