import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ListServersResponse, type Server } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverPollInterval, usePollWhileStreamDown } from '@/lib/polling';
import { serverKeys } from './keys';

export const getServers = async () =>
  (await apiRequest(apiPaths.servers, ListServersResponse)).servers;

export const serversQueryOptions = () =>
  queryOptions({ queryKey: serverKeys.list(), queryFn: getServers });

const pollServers = (query: { state: { data?: Server[] } }) =>
  serverPollInterval(query.state.data ?? []);

/** Every server on every agent, deleted ones included; live events keep it current. */
export const useServers = () =>
  useQuery({ ...serversQueryOptions(), refetchInterval: usePollWhileStreamDown(pollServers) });
