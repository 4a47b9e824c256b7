import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ServerResponse } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverPollInterval } from '@/lib/polling';
import { serverKeys } from './keys';

export const getServer = async (serverId: string) =>
  (await apiRequest(apiPaths.server(serverId), ServerResponse)).server;

export const serverQueryOptions = (serverId: string) =>
  queryOptions({
    queryKey: serverKeys.detail(serverId),
    queryFn: () => getServer(serverId),
    refetchInterval: (query) => serverPollInterval(query.state.data ? [query.state.data] : []),
  });

/** One server, polled quickly while it has an operation running. */
export const useServer = (serverId: string) => useQuery(serverQueryOptions(serverId));
