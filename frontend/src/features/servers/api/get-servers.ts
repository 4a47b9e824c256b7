import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { inColumns, ServerColumnsResponse } from '@contract/http/server-columns';
import type { Server } from '@contract/http/servers';
import { readReply, sendRequest } from '@/lib/api-client';
import { serverPollInterval, usePollWhileStreamDown } from '@/lib/polling';
import { freshWhileStreamOpen } from '@/lib/query-client';
import { serverKeys } from './keys';

/** Asked for in columns: the same servers, parsed several times faster when there are thousands. */
export const serverListPath = inColumns(apiPaths.servers);

/** The servers of a list request already sent (see app/live/page-prefetch.ts). */
export const readServers = async (sent: Promise<Response>) =>
  readReply(await sent, ServerColumnsResponse);

export const getServers = () => readServers(sendRequest(serverListPath));

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
