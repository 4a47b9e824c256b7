import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { inColumns, ServerColumnsResponse } from '@contract/http/server-columns';
import type { Server } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverPollInterval, usePollWhileStreamDown } from '@/lib/polling';
import { freshWhileStreamOpen } from '@/lib/query-client';
import { serverKeys } from './keys';

/** Asked for in columns: the same servers, parsed several times faster when there are thousands. */
export const getAgentServers = (agentId: string) =>
  apiRequest(inColumns(apiPaths.agentServers(agentId)), ServerColumnsResponse);

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
