import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ListServersResponse } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverPollInterval } from '@/lib/polling';
import { serverKeys } from './keys';

export const getServers = async () =>
  (await apiRequest(apiPaths.servers, ListServersResponse)).servers;

export const serversQueryOptions = () =>
  queryOptions({
    queryKey: serverKeys.list(),
    queryFn: getServers,
    refetchInterval: (query) => serverPollInterval(query.state.data ?? []),
  });

/** Every server on every agent, deleted ones included. */
export const useServers = () => useQuery(serversQueryOptions());
