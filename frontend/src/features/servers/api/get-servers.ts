import { queryOptions, useQuery } from '@tanstack/react-query';
import { inColumns } from '@contract/http/list-shape';
import { apiPaths } from '@contract/http/paths';
import type { Server } from '@contract/http/servers';
import { sendRequest } from '@/lib/api-client';
import { liveStatus } from '@/lib/live-status';
import { serverPollInterval, usePollWhileStreamDown } from '@/lib/polling';
import { freshWhileStreamOpen } from '@/lib/query-client';
import { serverKeys } from './keys';
import { readServers } from './read-servers';

/** Asked for in columns: the same servers, parsed several times faster when there are thousands. */
export const getServers = async () => {
  await liveStatus.settled();
  return readServers(sendRequest(inColumns(apiPaths.servers)));
};

export const serversQueryOptions = () =>
  queryOptions({
    queryKey: serverKeys.list(),
    queryFn: getServers,
    staleTime: freshWhileStreamOpen,
  });

const pollServers = (query: { state: { data?: Server[] } }) =>
  serverPollInterval(query.state.data ?? []);

/** Every server on every agent, deleted ones included; live events keep it current. */
export const useServers = () =>
  useQuery({ ...serversQueryOptions(), refetchInterval: usePollWhileStreamDown(pollServers) });
