import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ServerResponse, type Server } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverPollInterval, usePollWhileStreamDown } from '@/lib/polling';
import { serverKeys } from './keys';

export const getServer = async (serverId: string) =>
  (await apiRequest(apiPaths.server(serverId), ServerResponse)).server;

export const serverQueryOptions = (serverId: string) =>
  queryOptions({ queryKey: serverKeys.detail(serverId), queryFn: () => getServer(serverId) });

const pollServer = (query: { state: { data?: Server } }) =>
  serverPollInterval(query.state.data ? [query.state.data] : []);

/** One server; live events keep it current (polled quickly mid-operation while the stream is down). */
export const useServer = (serverId: string) =>
  useQuery({
    ...serverQueryOptions(serverId),
    refetchInterval: usePollWhileStreamDown(pollServer),
  });
