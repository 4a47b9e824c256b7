import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { CheckDataResponse, type Server } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverKeys } from './keys';

/** Asks the agent (live) whether the server's world data exists; cached answer when it is offline. */
export const checkData = (agentId: string, serverId: string) =>
  apiRequest(apiPaths.checkData(agentId, serverId), CheckDataResponse);

/** Always refetched (staleTime 0): a confirmation must rest on a fresh check. */
export const checkDataQueryOptions = (agentId: string, serverId: string) =>
  queryOptions({
    queryKey: serverKeys.checkData(serverId),
    queryFn: () => checkData(agentId, serverId),
    staleTime: 0,
    gcTime: 0,
    // the user is waiting on a dialog: report a failure now instead of retrying for seconds
    retry: false,
  });

/** How long a measurement shown on the page counts as current (a confirmation always re-checks). */
const shownCheckStaleMs = 30_000;

/**
 * The world as the agent measures it now, for the data banner and the rollback dialog: fetched
 * when shown (agent online only: offline there is nothing live to measure), then kept for a
 * while instead of walking the folder again on every render or focus.
 */
export const useLiveDataCheck = (server: Pick<Server, 'agentId' | 'id' | 'agentStatus'>) =>
  useQuery({
    ...checkDataQueryOptions(server.agentId, server.id),
    staleTime: shownCheckStaleMs,
    gcTime: shownCheckStaleMs,
    refetchOnWindowFocus: false,
    enabled: server.agentStatus === 'online',
  });
